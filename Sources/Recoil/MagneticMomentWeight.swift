import Foundation

/// How a signal model's moment enters the magnetic rate neutrino by neutrino: the factor
/// w_s(Eν) = μ_eff²(Eν, s) / θ² by which a solar neutrino of energy Eν from source s scatters
/// when the model's parameter of interest is θ (dimensionless). The flavour-universal moment is
/// w ≡ 1 (``RecoilModel/magneticWeight`` nil); a moment matrix with one element θ and a fixed
/// shape gives w_s(Eν) = Σ_i P_i(Eν, s) (λ†λ)_ii / |λ_ab|² with the source's own oscillation
/// probabilities (`MomentModels`' effective moment).
///
/// The magnetic rate then reads (``RecoilCalculator``)
/// ```
/// dR_MM/dT = N_e · s/yr · Σ_s Φ_s ∫ dEν f_s(Eν) w_s(Eν) dσ_MM/dT(Eν, T; θ_ref)
/// ```
public struct MagneticMomentWeight: Sendable {
    /// What the weight stands for (e.g. "λ_eμ of su2h_e_mu_majorana.json"), for messages.
    public var label: String
    /// w_s(Eν) (dimensionless) for a source and a neutrino energy (keV).
    public var weight: @Sendable (SolarSource, Double) -> Double

    public init(label: String, weight: @escaping @Sendable (SolarSource, Double) -> Double) {
        self.label = label
        self.weight = weight
    }
}
