import Foundation
import Recoil

/// The neutrino magnetic moment in left–right symmetric models, W₁ = W_L cos ξ − W_R sin ξ and
/// W₂ the heavier state, with the W_L–W_R mixing angle ξ. The general one-loop result is
/// ```
/// μν = (e G_F / 2√2 π²) [ m_ℓ (1 − M²_W1/M²_W2) sin 2ξ  +  (3/4) m_ν (1 + M²_W1/M²_W2) ]
/// μν/μB = (G_F m_e / √2 π²) [ … ]                       (μB = e/2m_e)
/// ```
/// The first term is the chirality flip on the internal charged lepton ℓ (so μν grows with
/// m_ℓ, not m_ν; Kim, PRD 14 (1976) 3000; Shrock, Nucl. Phys. B206 (1982) 359), the second the
/// neutrino-mass term, which for M_W2 → ∞ is the Standard-Model Dirac moment
/// 3 e G_F m_ν/(8√2 π²) of Fujikawa & Shrock (``StandardModelDiracMoment``). The combined
/// formula is the one reviewed by Giunti & Studenikin, Rev. Mod. Phys. 87 (2015) 531
/// [arXiv:1403.6344], section on left–right symmetric models; its text could NOT be opened
/// here (only the review's abstract is stored), so the formula is UNVERIFIED against that
/// equation (``verification``) — what is checked (tests) is that its two limits are the two
/// cited results: the m_ℓ sin 2ξ term of Kim/Shrock and the Fujikawa–Shrock Dirac moment.
///
/// The lepton is a parameter: solar ν_e, the flux a xenon detector sees, probe ℓ = e
/// (the default of the command); ℓ = τ is the ν_τ case.
public enum LeftRightMixingMoment {
    /// Status of the formula, printed with every result.
    public static let verification =
        "unverified: general left-right formula (Giunti & Studenikin, RMP 87 (2015) 531) not readable here; its limits reproduce Kim (1976) / Shrock (1982) and Fujikawa & Shrock (1980)"

    /// μν/μB for lepton ℓ, sin 2ξ (|sin 2ξ| ≤ 1; the sign of the ℓ term follows it), the ratio
    /// r = M²_W1/M²_W2 ∈ [0, 1) (0: W₂ infinitely heavy) and the neutrino mass m_ν (eV, ≥ 0).
    public static func momentBohr(lepton: LeptonFlavour, sin2Xi s: Double, wMassRatioSquared r: Double = 0,
                                  neutrinoMassEV mnu: Double = 0) throws -> Double {
        guard s.isFinite, abs(s) <= 1 else { throw MomentError.invalidParameter("sin2ξ", s, "must be in [−1, 1]") }
        try check(r: r, mnu: mnu)
        return perSin2XiBohr(lepton: lepton) * (1 - r) * s + massTermBohr(neutrinoMassEV: mnu, wMassRatioSquared: r)
    }

    /// μν/μB per unit sin 2ξ for M_W2 → ∞: G_F m_e m_ℓ/(√2 π²).
    public static func perSin2XiBohr(lepton: LeptonFlavour) -> Double {
        let gf = PhysicalConstants.fermiConstantPerKeV2 * 1e12  // keV⁻² → GeV⁻²
        return gf * ModelMasses.electronGeV * ModelMasses.chargedLeptonGeV(lepton) / (2.0.squareRoot() * Double.pi * Double.pi)
    }

    /// The m_ν term, (G_F m_e/√2π²)(3/4) m_ν (1 + r) = (Fujikawa–Shrock moment) × (1 + r).
    public static func massTermBohr(neutrinoMassEV mnu: Double, wMassRatioSquared r: Double) -> Double {
        StandardModelDiracMoment.bohrPerEV * mnu * (1 + r)
    }

    /// The sin 2ξ a moment μν (μB) needs, for given r and m_ν; |result| may exceed 1 (then no
    /// mixing angle gives it).
    public static func requiredSin2Xi(muBohr mu: Double, lepton: LeptonFlavour, wMassRatioSquared r: Double = 0,
                                      neutrinoMassEV mnu: Double = 0) throws -> Double {
        guard mu.isFinite, mu >= 0 else { throw MomentError.invalidParameter("μν", mu, "must be ≥ 0 (μB)") }
        try check(r: r, mnu: mnu)
        return (mu - massTermBohr(neutrinoMassEV: mnu, wMassRatioSquared: r)) / (perSin2XiBohr(lepton: lepton) * (1 - r))
    }

    private static func check(r: Double, mnu: Double) throws {
        guard r.isFinite, r >= 0, r < 1 else { throw MomentError.invalidParameter("M²_W1/M²_W2", r, "must be in [0, 1): W₂ is the heavier state") }
        guard mnu.isFinite, mnu >= 0 else { throw MomentError.invalidParameter("m_ν", mnu, "must be ≥ 0 (eV)") }
    }
}
