import Foundation

/// Gaussian energy resolution of a detector:
/// ```
/// σ(E) = a √(E/keV) + b E     (keV)
/// ```
/// e.g. XENON1T SR1: σ/E = 31.71 %/√(E/keV) + 0.15 %, i.e. a = 0.3171 keV, b = 0.0015
/// (Aprile et al., PRD 102 (2020) 072004).
public struct EnergyResolution: Sendable, Equatable, Codable {
    /// Coefficient of √E, in keV (keV^½ × keV^½).
    public var a: Double
    /// Coefficient of E (dimensionless).
    public var b: Double

    public init(a: Double, b: Double) {
        self.a = a
        self.b = b
    }

    /// σ(E) in keV at energy E (keV); E ≤ 0 gives 0.
    @inlinable
    public func sigmaKeV(_ e: Double) -> Double {
        e > 0 ? a * e.squareRoot() + b * e : 0
    }

    /// XENON1T SR1 (PRD 102 (2020) 072004, Sec. II): σ/E = 31.71 %/√E + 0.15 %.
    public static let xenon1t = EnergyResolution(a: 0.3171, b: 0.0015)
}
