import Foundation
import Recoil

/// The neutrino magnetic moment in left–right symmetric models with W_L–W_R mixing angle ξ,
/// where the chirality flip happens on the internal charged lepton ℓ instead of the neutrino
/// (so μν grows with m_ℓ, not m_ν):
/// ```
/// μν ≃ (e G_F m_ℓ / 2√2 π²) sin 2ξ
/// μν/μB = G_F m_e m_ℓ sin 2ξ / (√2 π²)          (μB = e/2m_e)
/// ```
/// The formula is the one issue 16 quotes. Its literature (Kim, PRD 14 (1976) 3000; Shrock,
/// Nucl. Phys. B206 (1982) 359; Giunti & Studenikin, Rev. Mod. Phys. 87 (2015) 531, section on
/// left–right models) could not be opened here, so neither the prefactor nor the neglected
/// factor (1 − m_W1²/m_W2²) is verified: the command prints "unverified". Relation to the SM
/// Dirac moment (``StandardModelDiracMoment``, 3 G_F m_e m_ν/(4√2 π²)):
/// μ_LR/μ_SM = (4/3)(m_ℓ/m_ν) sin 2ξ.
public enum LeftRightMixingMoment {
    /// Status of the formula, printed with every result.
    public static let verification = "unverified: prefactor of the form quoted by Kim, PRD 14 (1976) 3000 and Shrock (1982), not checked against their equations (could not be read)"

    /// μν/μB for lepton ℓ and sin 2ξ (|sin 2ξ| ≤ 1; the sign of μ follows it).
    public static func momentBohr(lepton: LeptonFlavour, sin2Xi s: Double) throws -> Double {
        guard s.isFinite, abs(s) <= 1 else { throw MomentError.invalidParameter("sin2ξ", s, "must be in [−1, 1]") }
        return perSin2XiBohr(lepton: lepton) * s
    }

    /// μν/μB per unit sin 2ξ: G_F m_e m_ℓ/(√2 π²).
    public static func perSin2XiBohr(lepton: LeptonFlavour) -> Double {
        let gf = PhysicalConstants.fermiConstantPerKeV2 * 1e12  // keV⁻² → GeV⁻²
        return gf * ModelMasses.electronGeV * ModelMasses.chargedLeptonGeV(lepton) / (2.0.squareRoot() * Double.pi * Double.pi)
    }

    /// The |sin 2ξ| a moment |μν| (μB) needs; may exceed 1 (then no mixing angle gives it).
    public static func requiredSin2Xi(muBohr mu: Double, lepton: LeptonFlavour) throws -> Double {
        guard mu.isFinite, mu >= 0 else { throw MomentError.invalidParameter("μν", mu, "must be ≥ 0 (μB)") }
        return mu / perSin2XiBohr(lepton: lepton)
    }
}
