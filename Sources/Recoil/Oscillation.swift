import Foundation

/// Neutrino oscillation parameters for the solar sector.
public struct OscillationParameters: Sendable, Codable, Equatable {
    /// sin²θ12.
    public var sin2Theta12: Double
    /// sin²θ13.
    public var sin2Theta13: Double
    /// Δm²21 in eV².
    public var deltaM2_21eV2: Double

    public init(sin2Theta12: Double, sin2Theta13: Double, deltaM2_21eV2: Double) {
        self.sin2Theta12 = sin2Theta12
        self.sin2Theta13 = sin2Theta13
        self.deltaM2_21eV2 = deltaM2_21eV2
    }

    /// nmmfit's default solar-sector values, as physics.md quotes them: sin²θ12 = 0.307 and
    /// sin²θ13 = 0.0220 (PDG 2022, "Neutrino masses, mixing and oscillations"), Δm²21 =
    /// 7.42×10⁻⁵ eV² (NuFIT 5.1, Esteban et al., JHEP 09 (2020) 178). NuFIT 5.1 itself has
    /// sin²θ12 = 0.304 and sin²θ13 = 0.02246 (see `PMNS.nufit51`); Pee(pp) moves by < 0.5 %.
    public static let standardSolar = OscillationParameters(sin2Theta12: 0.307, sin2Theta13: 0.0220, deltaM2_21eV2: 7.42e-5)
}

/// The electron-neutrino survival probability Pee(Eν) for solar neutrinos at Earth.
public enum SurvivalProbability: Sendable, Equatable {
    /// A constant Pee (e.g. 0.55, physics.md's reference value), for comparisons.
    case constant(Double)
    /// Adiabatic MSW-LMA averaged over the production region (Giunti & Kim, "Fundamentals of
    /// Neutrino Physics and Astrophysics" (2007) ch. 9; Bahcall & Peña-Garay, NJP 6 (2004) 63):
    /// ```
    /// Pee = cos⁴θ13 [1/2 + 1/2 cos2θ12ᵐ cos2θ12] + sin⁴θ13
    /// cos2θ12ᵐ = (cos2θ12 − β) / √((cos2θ12 − β)² + sin²2θ12)
    /// β = 2√2 G_F cos²θ13 n_e Eν / Δm²21
    /// ```
    case mswLMA(OscillationParameters)

    /// The default: MSW-LMA with ``OscillationParameters/standardSolar``.
    public static let standard = SurvivalProbability.mswLMA(.standardSolar)

    /// Pee at neutrino energy Eν (keV) for neutrinos from `source`.
    public func pee(neutrinoEnergyKeV e: Double, source: SolarSource) -> Double {
        switch self {
        case .constant(let p):
            return p
        case .mswLMA(let o):
            let c13sq = 1 - o.sin2Theta13
            let cos2 = 1 - 2 * o.sin2Theta12
            let sin2sq = 1 - cos2 * cos2
            let beta = Self.matterRatio(neutrinoEnergyKeV: e, electronDensityNA: source.productionElectronDensityNA,
                                        deltaM2eV2: o.deltaM2_21eV2, cos2Theta13: c13sq)
            let cm = (cos2 - beta) / ((cos2 - beta) * (cos2 - beta) + sin2sq).squareRoot()
            return c13sq * c13sq * (0.5 + 0.5 * cm * cos2) + o.sin2Theta13 * o.sin2Theta13
        }
    }

    /// β = 2√2 G_F cos²θ13 n_e Eν / Δm²21 (dimensionless), with n_e in N_A cm⁻³, Eν in keV.
    public static func matterRatio(neutrinoEnergyKeV e: Double, electronDensityNA: Double,
                                   deltaM2eV2: Double, cos2Theta13: Double) -> Double {
        let ne = electronDensityNA * PhysicalConstants.avogadro  // cm⁻³
        let hc = PhysicalConstants.hbarCKeVcm
        let potentialKeV = 2.0.squareRoot() * PhysicalConstants.fermiConstantPerKeV2 * ne * hc * hc * hc  // √2 G_F n_e
        let dm2KeV2 = deltaM2eV2 * 1e-6
        return 2 * potentialKeV * cos2Theta13 * e / dm2KeV2
    }
}
