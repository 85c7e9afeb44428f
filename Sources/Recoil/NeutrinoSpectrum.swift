import Foundation
import GSL

/// A normalised solar-neutrino energy spectrum, dN/dEν in keV⁻¹ (∫ dEν = 1), for a
/// continuous (β⁺) source.
///
/// Allowed shape (physics.md; Bahcall, "Neutrino Astrophysics" (1989) ch. 6):
/// ```
/// dN/dEν ∝ Eν² · p · W · F(Z, W),   W = (Q − Eν) + m_e,  p = √(W² − m_e²)
/// F(Z, W) = 2πη / (1 − e^{−2πη}),   η = −Z α W / p   (non-relativistic, positron)
/// ```
public struct BetaPlusSpectrum: Sendable {
    /// Neutrino endpoint Q (keV).
    public let endpointKeV: Double
    /// Charge of the daughter nucleus.
    public let daughterZ: Int
    /// Whether the Fermi function is applied.
    public let fermiFunction: Bool
    /// 1 / ∫₀^Q (unnormalised shape) dEν.
    public let normalisation: Double

    /// Builds and normalises the spectrum (GSL QAGS; the endpoint has a √ edge).
    public init(endpointKeV: Double, daughterZ: Int, fermiFunction: Bool = true) throws {
        self.endpointKeV = endpointKeV
        self.daughterZ = daughterZ
        self.fermiFunction = fermiFunction
        let raw = Self.unnormalised(endpointKeV, daughterZ, fermiFunction)
        let integral = try Integrator().qags(from: 0, to: endpointKeV, relTol: 1e-11) { raw($0) }.value
        normalisation = 1 / integral
    }

    /// dN/dEν in keV⁻¹ at Eν (zero outside (0, Q)).
    @inlinable
    public func density(_ eKeV: Double) -> Double {
        normalisation * Self.unnormalised(endpointKeV, daughterZ, fermiFunction)(eKeV)
    }

    @usableFromInline
    static func unnormalised(_ q: Double, _ z: Int, _ fermi: Bool) -> (Double) -> Double {
        let me = PhysicalConstants.electronMassKeV
        let za = Double(z) * PhysicalConstants.alpha
        return { e in
            guard e > 0, e < q else { return 0 }
            let te = q - e
            let w = te + me
            let p = (te * (te + 2 * me)).squareRoot()
            var f = 1.0
            if fermi && p > 0 {
                let x = -2 * Double.pi * za * w / p  // 2πη, negative for a positron
                f = x / -expm1(-x)
            }
            return e * e * p * w * f
        }
    }
}
