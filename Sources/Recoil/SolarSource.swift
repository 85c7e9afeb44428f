import Foundation

/// A Standard Solar Model, which fixes the flux normalisations.
public enum SolarModel: String, Sendable, CaseIterable, Codable {
    /// B16-GS98 (high metallicity), Vinyoles et al., ApJ 835 (2017) 202, Table 6. Default.
    case b16gs98 = "B16-GS98"
    /// B16-AGSS09met (low metallicity), same paper and table.
    case b16agss09met = "B16-AGSS09met"
}

/// A solar-neutrino source: its flux at Earth, uncertainty and spectrum.
public enum SolarSource: String, Sendable, CaseIterable, Codable {
    case pp, pep, hep
    case be7 = "7Be"
    case b8 = "8B"
    case n13 = "13N"
    case o15 = "15O"
    case f17 = "17F"

    /// Parses a user-facing name ("pp", "7Be", "be7", "13N", …), case-insensitively.
    public init?(name: String) {
        let n = name.lowercased()
        let aliases: [String: SolarSource] = [
            "pp": .pp, "pep": .pep, "hep": .hep, "7be": .be7, "be7": .be7, "8b": .b8, "b8": .b8,
            "13n": .n13, "n13": .n13, "15o": .o15, "o15": .o15, "17f": .f17, "f17": .f17,
        ]
        guard let s = aliases[n] else { return nil }
        self = s
    }

    /// The neutrino spectrum's shape.
    public enum Shape: Sendable, Equatable {
        /// Allowed β⁺ (or, for ⁸B, an approximate allowed β) shape with endpoint Q (keV) and
        /// daughter-nucleus charge Z for the Fermi function.
        case betaPlus(endpointKeV: Double, daughterZ: Int)
        /// Monoenergetic lines: (energy keV, branching fraction), fractions summing to 1.
        case lines([(energyKeV: Double, fraction: Double)])

        public static func == (a: Shape, b: Shape) -> Bool {
            switch (a, b) {
            case let (.betaPlus(q1, z1), .betaPlus(q2, z2)): return q1 == q2 && z1 == z2
            case let (.lines(l1), .lines(l2)):
                return l1.count == l2.count && zip(l1, l2).allSatisfy { $0.energyKeV == $1.energyKeV && $0.fraction == $1.fraction }
            default: return false
            }
        }
    }

    /// Spectrum shape. Endpoints and lines from physics.md (Bahcall, "Neutrino Astrophysics"
    /// (1989); Vinyoles et al. 2017): pp 423.41 keV; ¹³N 1198.7; ¹⁵O 1732.0; ¹⁷F 1740.0;
    /// hep 18 770; ⁷Be 861.8 keV (89.7 %) and 384.3 keV (10.3 %); pep 1442.2 keV.
    /// ⁸B: the true spectrum (Winter et al., PRC 73 (2006) 025503) is broadened by the ⁸Be*
    /// width; an allowed shape with endpoint 16 360 keV is used as an approximation (⁸B gives
    /// < 10⁻³ of the rate below 30 keV, so this does not matter for the fits).
    public var shape: Shape {
        switch self {
        case .pp: .betaPlus(endpointKeV: 423.41, daughterZ: 1)  // p + p → d + e⁺ + ν
        case .hep: .betaPlus(endpointKeV: 18_770, daughterZ: 2)  // ³He + p → ⁴He + e⁺ + ν
        case .b8: .betaPlus(endpointKeV: 16_360, daughterZ: 4)  // ⁸B → ⁸Be* + e⁺ + ν
        case .n13: .betaPlus(endpointKeV: 1_198.7, daughterZ: 6)  // ¹³N → ¹³C
        case .o15: .betaPlus(endpointKeV: 1_732.0, daughterZ: 7)  // ¹⁵O → ¹⁵N
        case .f17: .betaPlus(endpointKeV: 1_740.0, daughterZ: 8)  // ¹⁷F → ¹⁷O
        case .be7: .lines([(861.8, 0.897), (384.3, 0.103)])
        case .pep: .lines([(1_442.2, 1.0)])
        }
    }

    /// Maximum neutrino energy (keV).
    public var maximumEnergyKeV: Double {
        switch shape {
        case .betaPlus(let q, _): q
        case .lines(let l): l.map(\.energyKeV).max()!
        }
    }

    /// Total flux at Earth in cm⁻² s⁻¹ for the given solar model.
    ///
    /// Vinyoles et al., ApJ 835 (2017) 202, Table 6. GS98 and the AGSS09met values of pp, pep,
    /// ⁷Be, ⁸B, ¹³N, ¹⁵O are those of physics.md. The AGSS09met hep (8.25×10³, ±30 %) and ¹⁷F
    /// (3.26×10⁶, ±18 %) were typed from memory (issue 8); issue 16 checked them: the paper's
    /// Table 6 itself is not readable here (the search store has only its abstract), but an
    /// independent transcription of that table, `data/solar_flux_b16.csv` of the public
    /// repository pppuu7-cmd/Neutrino-Matter-Interface-Reconstruction (commit e722fa0, "B16
    /// GS98/AGSS09met integrated source fluxes from Vinyoles et al. (2017)"), has exactly these
    /// values and uncertainties, and all the GS98 and other AGSS09met entries of this table too.
    /// Status: ``fluxCheck(_:)``. (Both sources are negligible below 30 keV of recoil: hep is
    /// 1.4×10⁻⁷ and ¹⁷F 5×10⁻⁵ of the pp flux.)
    public func flux(_ model: SolarModel = .b16gs98) -> Double {
        switch (self, model) {
        case (.pp, .b16gs98): 5.98e10
        case (.pp, .b16agss09met): 6.03e10
        case (.pep, .b16gs98): 1.44e8
        case (.pep, .b16agss09met): 1.46e8
        case (.hep, .b16gs98): 7.98e3
        case (.hep, .b16agss09met): 8.25e3
        case (.be7, .b16gs98): 4.93e9
        case (.be7, .b16agss09met): 4.50e9
        case (.b8, .b16gs98): 5.46e6
        case (.b8, .b16agss09met): 4.50e6
        case (.n13, .b16gs98): 2.78e8
        case (.n13, .b16agss09met): 2.04e8
        case (.o15, .b16gs98): 2.05e8
        case (.o15, .b16agss09met): 1.44e8
        case (.f17, .b16gs98): 5.29e6
        case (.f17, .b16agss09met): 3.26e6
        }
    }

    /// How this source's flux and uncertainty for `model` were checked. The project's checked
    /// reference ("physics.md", from Vinyoles et al., ApJ 835 (2017) 202, Table 6) gives all
    /// B16-GS98 fluxes and uncertainties and the
    /// AGSS09met fluxes except hep and ¹⁷F, but no AGSS09met uncertainties; those, and the
    /// AGSS09met hep and ¹⁷F fluxes, agree with an independent transcription of Vinyoles et al.
    /// Table 6 (see ``flux(_:)``) — the table itself was not read.
    public func fluxCheck(_ model: SolarModel) -> String {
        let secondary = "secondary transcription of Vinyoles et al. Table 6 (table itself not read)"
        switch (self, model) {
        case (_, .b16gs98): return "flux and uncertainty: physics.md"
        case (.hep, .b16agss09met), (.f17, .b16agss09met): return "flux and uncertainty: \(secondary)"
        case (_, .b16agss09met): return "flux: physics.md; uncertainty: \(secondary)"
        }
    }

    /// Relative 1σ flux uncertainty (Vinyoles et al. 2017, Table 6).
    public func relativeFluxUncertainty(_ model: SolarModel = .b16gs98) -> Double {
        switch (self, model) {
        case (.pp, .b16gs98): 0.006
        case (.pp, .b16agss09met): 0.005
        case (.pep, .b16gs98): 0.01
        case (.pep, .b16agss09met): 0.009
        case (.hep, _): 0.30
        case (.be7, _): 0.06
        case (.b8, _): 0.12
        case (.n13, .b16gs98): 0.15
        case (.n13, .b16agss09met): 0.14
        case (.o15, .b16gs98): 0.17
        case (.o15, .b16agss09met): 0.16
        case (.f17, .b16gs98): 0.20
        case (.f17, .b16agss09met): 0.18
        }
    }

    /// Mean electron density in the region where this source's neutrinos are produced, in units
    /// of N_A cm⁻³, for the MSW matter term.
    ///
    /// Approximation: Bahcall's exponential profile n_e = 245 N_A exp(−10.54 r/R⊙) cm⁻³
    /// (Bahcall, "Neutrino Astrophysics", 1989) at typical production radii (pp, pep, hep
    /// ≈ 0.10 R⊙; ⁷Be ≈ 0.06 R⊙), capped at the SSM central density ≈ 100 N_A cm⁻³ for the
    /// sources produced closest to the centre (⁸B, CNO). For Eν < 2 MeV the matter term is
    /// small (β ≲ 0.1), so Pee changes by < 1 % when n_e changes by 30 %.
    public var productionElectronDensityNA: Double {
        switch self {
        case .pp, .pep, .hep: 85
        case .be7: 100
        case .b8, .n13, .o15, .f17: 100
        }
    }
}

extension SolarSource: CustomStringConvertible {
    public var description: String { rawValue }
}
