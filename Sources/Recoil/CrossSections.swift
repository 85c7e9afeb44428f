import Foundation

/// Neutrino flavour as seen by the weak ν–e cross-section.
public enum NeutrinoFlavour: String, Sendable, CaseIterable, Codable {
    /// νe: charged + neutral current.
    case electron = "e"
    /// νμ or ντ: neutral current only.
    case muonOrTau = "mu_tau"
}

/// Differential ν–e elastic cross-sections dσ/dT in cm²/keV, for free electrons at rest.
public enum CrossSections {
    /// Left-handed coupling g_L: +1/2 + sin²θ_W for νe (CC + NC), −1/2 + sin²θ_W for νμ,τ (NC).
    @inlinable
    public static func gL(_ f: NeutrinoFlavour, sin2ThetaW: Double) -> Double {
        f == .electron ? 0.5 + sin2ThetaW : -0.5 + sin2ThetaW
    }

    /// Standard-Model weak dσ/dT (cm²/keV) at tree level (Vogel & Engel, PRD 39 (1989) 3378;
    /// Giunti & Studenikin, RMP 87 (2015) 531):
    /// ```
    /// dσ/dT = (2 G_F² m_e / π) [ g_L² + g_R² (1 − T/Eν)² − g_L g_R m_e T / Eν² ],  g_R = sin²θ_W
    /// ```
    /// Zero outside the kinematic range 0 < T ≤ T_max(Eν).
    @inlinable
    public static func weak(
        neutrinoEnergyKeV e: Double, recoilKeV t: Double, flavour: NeutrinoFlavour,
        sin2ThetaW: Double = PhysicalConstants.sin2ThetaWLowEnergy
    ) -> Double {
        guard t > 0, t <= Kinematics.maximumRecoilKeV(neutrinoEnergyKeV: e) else { return 0 }
        let me = PhysicalConstants.electronMassKeV
        let gl = gL(flavour, sin2ThetaW: sin2ThetaW), gr = sin2ThetaW
        let y = 1 - t / e
        let bracket = gl * gl + gr * gr * y * y - gl * gr * me * t / (e * e)
        return weakPrefactorCm2PerKeV * bracket
    }

    /// 2 G_F² m_e / π × (ħc)², in cm²/keV.
    public static let weakPrefactorCm2PerKeV: Double = {
        let gf = PhysicalConstants.fermiConstantPerKeV2
        return 2 * gf * gf * PhysicalConstants.electronMassKeV / Double.pi * PhysicalConstants.hbarC2KeV2cm2
    }()

    /// π α² / m_e² × (ħc)² = 2.4946×10⁻²⁵ cm² (physics.md), the magnetic-moment prefactor.
    public static let magneticPrefactorCm2: Double = {
        let a = PhysicalConstants.alpha, me = PhysicalConstants.electronMassKeV
        return Double.pi * a * a / (me * me) * PhysicalConstants.hbarC2KeV2cm2
    }()

    /// Magnetic-moment dσ/dT (cm²/keV), helicity-flipping, so it adds to the weak one without
    /// interference (Vogel & Engel 1989; Giunti & Studenikin 2015):
    /// ```
    /// dσ/dT = (π α² / m_e²) (μν/μ_B)² (1/T − 1/Eν)
    /// ```
    /// - Parameter muNuBohr: the effective moment μν in Bohr magnetons (e.g. 1e-11).
    @inlinable
    public static func magnetic(neutrinoEnergyKeV e: Double, recoilKeV t: Double, muNuBohr: Double) -> Double {
        guard t > 0, t <= Kinematics.maximumRecoilKeV(neutrinoEnergyKeV: e) else { return 0 }
        return magneticPrefactorCm2 * muNuBohr * muNuBohr * (1 / t - 1 / e)
    }
}
