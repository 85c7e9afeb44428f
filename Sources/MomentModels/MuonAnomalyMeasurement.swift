import Formats
import Foundation

/// A measured shift Δa_μ = a_μ(exp) − a_μ(SM) with its 1σ error, as selectable data. This is
/// the one table of these numbers; `data/muon_g2/README.md` documents each entry and quotes
/// the text it was read from (also carried here as ``quote`` and printed by `model g2-data`).
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
    /// The sentence the numbers were read from, verbatim up to typography.
    public var quote: String

    enum CodingKeys: String, CodingKey {
        case id, label, source, quote
        case deltaAMu1e11 = "delta_amu_1e-11", sigma1e11 = "sigma_1e-11"
    }

    /// Whether the numbers are available.
    public var isAvailable: Bool { deltaAMu1e11 != nil && sigma1e11 != nil }

    /// Today's value (the default): the 2025 Theory Initiative White Paper as published,
    /// R. Aliberti et al., "The anomalous magnetic moment of the muon in the Standard Model: an
    /// update", Phys. Rept. 1143 (2025) 1 [arXiv:2505.21476], abstract: a_μ(SM) =
    /// 116 592 033(62)×10⁻¹¹ (lattice-QCD LO HVP) against the experimental average of E821 and
    /// E989 Runs 1–6 (the final Fermilab result), Δa_μ = 38(63)×10⁻¹¹, "no tension". Read from
    /// the published abstract as stored by the University of Barcelona repository
    /// (diposit.ub.edu) and pith.science; the arXiv v1 abstract (May 2025, before the final E989
    /// result) has the Run 1–3 comparison instead, ``wp2025Run1to3``.
    public static let wp2025 = MuonAnomalyMeasurement(
        id: "2025", label: "E821 + E989 Run 1-6 average vs WP2025 SM (today's value)",
        deltaAMu1e11: 38, sigma1e11: 63,
        source: "WP2025, Aliberti et al., Phys. Rept. 1143 (2025) 1 [arXiv:2505.21476], published abstract",
        quote: "When compared against the current experimental average based on the E821 experiment and runs 1-6 of E989 at Fermilab, one finds a_mu^exp - a_mu^SM = 38(63) x 10^-11, which implies that there is no tension between the SM and experiment at the current level of precision.")

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
        source: "Stoeckinger & Stoeckinger-Kim, Front. Phys. 10 (2022) 944614, Eq. (1); WP2020 = Aoyama et al., Phys. Rept. 887 (2020) 1",
        quote: "Delta a_mu^2021 = 25.1 +- 5.9 x 10^-10 (Eq. (1))")

    /// The WP2025 SM against the E821 + E989 Run 1–3 average, Δa_μ = 26(66)×10⁻¹¹: the
    /// comparison of the arXiv v1 abstract of arXiv:2505.21476 (27 May 2025), superseded by the
    /// published one (``wp2025``). That experimental average is 116 592 059(22)×10⁻¹¹ (Muon g−2
    /// Collaboration, PRL 131 (2023) 161802 [arXiv:2308.06230], abstract).
    public static let wp2025Run1to3 = MuonAnomalyMeasurement(
        id: "2025-run1-3", label: "E821 + E989 Run 1-3 average (2023) vs WP2025 SM (superseded)",
        deltaAMu1e11: 26, sigma1e11: 66,
        source: "WP2025, Aliberti et al., arXiv:2505.21476v1 abstract; exp. average 116592059(22)e-11 from PRL 131 (2023) 161802",
        quote: "When compared against the current experimental average based on the E821 experiment and runs 1-3 of E989 at Fermilab, one finds a_mu^exp - a_mu^SM = 26(66) x 10^-11")

    /// The experimental world average of E821 and E989 Runs 1–6, a_μ(exp) =
    /// 116 592 071.5(14.5)×10⁻¹¹ (124 ppb): Muon g−2 Collaboration, "Measurement of the Positive
    /// Muon Anomalous Magnetic Moment to 127 ppb", arXiv:2506.03069, abstract, "experimental
    /// world average 116 592 071 5(145) x 10^-12 (124 ppb)". The arXiv page itself is not
    /// readable in the search store beyond its author list; the abstract's sentence was read as
    /// quoted verbatim in a public notes file found by the code search (a survey of P5-2014
    /// outcomes quoting arXiv abstracts), so the number is a secondary quotation. In units of
    /// 10⁻¹¹.
    public static let e989FinalAverage1e11 = (value: 116_592_071.5, sigma: 14.5)
    /// The WP2025 SM prediction a_μ(SM) = 116 592 033(62)×10⁻¹¹ (Aliberti et al., Phys. Rept.
    /// 1143 (2025) 1 [arXiv:2505.21476], abstract: "the total SM prediction, which now reads
    /// a_μ^SM = 116 592 033(62)×10⁻¹¹ (530 ppb)"). In units of 10⁻¹¹.
    public static let wp2025StandardModel1e11 = (value: 116_592_033.0, sigma: 62.0)

    /// The E989 final average against the WP2025 SM, computed here: Δa_μ = a_μ(exp) − a_μ(SM)
    /// with the two errors added in quadrature (they are independent: a measurement and a
    /// theory prediction), 38.5 ± 63.7 (×10⁻¹¹). This is the same experimental input as the
    /// published WP2025 comparison ``wp2025`` (whose abstract compares with "the current
    /// experimental average based on the E821 experiment and runs 1-6 of E989"), which quotes
    /// the difference rounded as 38(63); the two differ only by that rounding (√(14.5² + 62²) =
    /// 63.67).
    public static let e989Final2025: MuonAnomalyMeasurement = {
        let (e, t) = (e989FinalAverage1e11, wp2025StandardModel1e11)
        return MuonAnomalyMeasurement(
            id: "2025-e989-final", label: "E821 + E989 Run 1-6 world average (E989 final) minus WP2025 SM, errors in quadrature",
            deltaAMu1e11: e.value - t.value, sigma1e11: (e.sigma * e.sigma + t.sigma * t.sigma).squareRoot(),
            source: "exp: Muon g-2 Collaboration, arXiv:2506.03069, abstract (secondary quotation); SM: WP2025, Phys. Rept. 1143 (2025) 1, abstract; difference and quadrature sum computed here",
            quote: "experimental world average \"116 592 071 5(145) x 10^-12 (124 ppb)\" (arXiv:2506.03069 abstract, as quoted); \"a_mu^SM = 116 592 033(62) x 10^-11 (530 ppb)\" (arXiv:2505.21476 abstract)")
    }()

    /// All entries, by ``id``.
    public static let all: [MuonAnomalyMeasurement] = [wp2025, bnlFnal2021, wp2025Run1to3, e989Final2025]

    /// The measurement used when none is chosen: today's value, ``wp2025``.
    public static let defaultMeasurement = wp2025

    /// The entry with this id.
    public static func named(_ id: String) -> MuonAnomalyMeasurement? { all.first { $0.id == id.lowercased() } }

    /// A user-given value (units of 10⁻¹¹).
    public static func custom(deltaAMu1e11 d: Double, sigma1e11 s: Double) throws -> MuonAnomalyMeasurement {
        guard d.isFinite else { throw MomentError.invalidParameter("Δa_μ", d, "must be finite (units of 1e-11)") }
        guard s.isFinite, s > 0 else { throw MomentError.invalidParameter("σ(Δa_μ)", s, "must be > 0 (units of 1e-11)") }
        return MuonAnomalyMeasurement(id: "custom", label: "user value", deltaAMu1e11: d, sigma1e11: s, source: "command line", quote: "")
    }

    /// The interval Δa_μ ± k σ in plain units (not 10⁻¹¹), or nil when unavailable.
    public func interval(sigmas k: Double) -> ClosedRange<Double>? {
        guard let d = deltaAMu1e11, let s = sigma1e11 else { return nil }
        return (d - k * s) * 1e-11...(d + k * s) * 1e-11
    }
}
