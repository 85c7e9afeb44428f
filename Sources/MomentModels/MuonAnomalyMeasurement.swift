import Formats
import Foundation

/// A measured shift Δa_μ = a_μ(exp) − a_μ(SM) with its 1σ error, as selectable data. Values
/// and their sources are also in `data/muon_g2/delta_amu.csv` (a test checks the two agree).
public struct MuonAnomalyMeasurement: Sendable, Codable, Equatable {
    /// Command-line name.
    public var id: String
    /// What it compares.
    public var label: String
    /// Δa_μ in units of 10⁻¹¹ (nil when the number could not be found in a citable source).
    public var deltaAMu1e11: Double?
    /// Its 1σ error, in units of 10⁻¹¹.
    public var sigma1e11: Double?
    /// Where the numbers come from.
    public var source: String

    enum CodingKeys: String, CodingKey {
        case id, label, source
        case deltaAMu1e11 = "delta_amu_1e-11", sigma1e11 = "sigma_1e-11"
    }

    /// Whether the numbers are available.
    public var isAvailable: Bool { deltaAMu1e11 != nil && sigma1e11 != nil }

    /// The 2021 value the SU(2)_H g−2 paper used: BNL E821 + FNAL Run-1 world average against
    /// the 2020 Theory Initiative White Paper, Δa_μ = 251(59)×10⁻¹¹. Found as
    /// "Δa_μ^2021 = 25.1 ± 5.9 ×10⁻¹⁰" in D. Stöckinger, H. Stöckinger-Kim, Front. Phys. 10
    /// (2022) 944614, Eq. (1) (world average with Abi et al., PRL 126 (2021) 141801, vs
    /// Aoyama et al., Phys. Rept. 887 (2020) 1). Babu, Jana, Lindner & Vishnu P.K.
    /// [arXiv:2104.03291] quote a_μ(BNL) = 116 592 089(63)×10⁻¹¹ and a_μ(theory) =
    /// 116 591 810(43)×10⁻¹¹ and the FNAL confirmation at 4.2σ (their introduction).
    public static let bnlFnal2021 = MuonAnomalyMeasurement(
        id: "2021", label: "BNL+FNAL Run-1 average vs WP2020 SM (used by arXiv:2104.03291)",
        deltaAMu1e11: 251, sigma1e11: 59,
        source: "Stoeckinger & Stoeckinger-Kim, Front. Phys. 10 (2022) 944614, Eq. (1): 25.1(5.9)e-10; WP2020 = Aoyama et al., Phys. Rept. 887 (2020) 1")

    /// The 2025 Theory Initiative White Paper (WP2025, lattice-QCD LO HVP):
    /// a_μ(SM) = 116 592 033(62)×10⁻¹¹, and its comparison with the experimental average of
    /// E821 and E989 Runs 1–3, a_μ(exp) − a_μ(SM) = 26(66)×10⁻¹¹ (R. Aliberti et al., "The
    /// anomalous magnetic moment of the muon in the Standard Model: an update",
    /// arXiv:2505.21476, abstract). That experimental average is 116 592 059(22)×10⁻¹¹ (Muon
    /// g−2 Collaboration, PRL 131 (2023) 161802 [arXiv:2308.06230], abstract). NOT the final
    /// Fermilab result: see ``wp2025Final``.
    public static let wp2025Run1to3 = MuonAnomalyMeasurement(
        id: "2025-run1-3", label: "E821 + E989 Run 1-3 average (2023) vs WP2025 SM",
        deltaAMu1e11: 26, sigma1e11: 66,
        source: "WP2025, Aliberti et al., arXiv:2505.21476 (abstract): a_mu(SM) = 116592033(62)e-11, exp - SM = 26(66)e-11 with the E821 + E989 Run 1-3 average 116592059(22)e-11 (PRL 131 (2023) 161802)")

    /// WP2025 SM against the FINAL experimental world average (Fermilab E989 final result, June
    /// 2025, 127 ppb; Muon g−2 Collaboration, arXiv:2506.03069). The final average's number
    /// could not be found in any text reachable here (the arXiv page's stored copy holds only
    /// the author list; the Fermilab news page gives only "127 ppb"), so it is left out rather
    /// than typed from memory: the user supplies it (``FrontEndTerm/measuredMuonAnomaly``).
    public static let wp2025Final = MuonAnomalyMeasurement(
        id: "2025-final", label: "final world average (E989 2025) vs WP2025 SM", deltaAMu1e11: nil, sigma1e11: nil,
        source: "unavailable here: the final world average of arXiv:2506.03069 was not found in a citable text; supply it with \(FrontEndTerm.measuredMuonAnomaly.text)")

    /// All entries, by ``id``.
    public static let all: [MuonAnomalyMeasurement] = [bnlFnal2021, wp2025Run1to3, wp2025Final]

    /// The entry with this id.
    public static func named(_ id: String) -> MuonAnomalyMeasurement? { all.first { $0.id == id.lowercased() } }

    /// A user-given value (units of 10⁻¹¹).
    public static func custom(deltaAMu1e11 d: Double, sigma1e11 s: Double) throws -> MuonAnomalyMeasurement {
        guard d.isFinite else { throw MomentError.invalidParameter("Δa_μ", d, "must be finite (units of 1e-11)") }
        guard s.isFinite, s > 0 else { throw MomentError.invalidParameter("σ(Δa_μ)", s, "must be > 0 (units of 1e-11)") }
        return MuonAnomalyMeasurement(id: "custom", label: "user value", deltaAMu1e11: d, sigma1e11: s, source: "command line")
    }

    /// The interval Δa_μ ± k σ in plain units (not 10⁻¹¹), or nil when unavailable.
    public func interval(sigmas k: Double) -> ClosedRange<Double>? {
        guard let d = deltaAMu1e11, let s = sigma1e11 else { return nil }
        return (d - k * s) * 1e-11...(d + k * s) * 1e-11
    }
}
