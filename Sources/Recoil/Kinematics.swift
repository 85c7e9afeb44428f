import Foundation

/// Kinematics of elastic ν–e scattering on an electron at rest.
public enum Kinematics {
    /// Maximum electron recoil energy for a neutrino of energy Eν (keV):
    /// ```
    /// T_max = 2 Eν² / (m_e + 2 Eν)
    /// ```
    @inlinable
    public static func maximumRecoilKeV(neutrinoEnergyKeV e: Double) -> Double {
        2 * e * e / (PhysicalConstants.electronMassKeV + 2 * e)
    }

    /// Minimum neutrino energy that can give a recoil T (keV), the inverse of
    /// ``maximumRecoilKeV(neutrinoEnergyKeV:)``:
    /// ```
    /// Eν_min = [T + √(T² + 2 m_e T)] / 2
    /// ```
    @inlinable
    public static func minimumNeutrinoEnergyKeV(recoilKeV t: Double) -> Double {
        (t + (t * t + 2 * PhysicalConstants.electronMassKeV * t).squareRoot()) / 2
    }
}
