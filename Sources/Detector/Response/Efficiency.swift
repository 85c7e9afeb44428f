import Foundation
import GSL

/// Which energy a detector efficiency is a function of.
public enum EfficiencyEnergy: String, Sendable, Codable {
    /// True recoil energy: ε multiplies dR/dT before smearing (XENON1T, as in its paper).
    case trueEnergy = "true"
    /// Reconstructed energy: ε multiplies the smeared spectrum (XENONnT's release says so).
    case reconstructed
}

/// A tabulated detection efficiency ε(E) with an optional ±1σ band, linearly interpolated.
///
/// A shape nuisance s (in σ units) moves ε to ε + s·σ₊ for s > 0 and ε + s·σ₋ for s < 0,
/// clamped to [0, 1]. Outside the table ε is 0 below the first point and held at the last
/// value above the last one (a dataset checks its window against ``domain``).
public struct Efficiency: Sendable {
    /// The energy ε is a function of.
    public let energy: EfficiencyEnergy
    /// Central values.
    public let central: Interpolator
    /// +1σ absolute uncertainty, if any.
    public let sigmaUp: Interpolator?
    /// −1σ absolute uncertainty, if any.
    public let sigmaDown: Interpolator?

    public init(energy: EfficiencyEnergy, central: Interpolator, sigmaUp: Interpolator? = nil,
                sigmaDown: Interpolator? = nil) {
        self.energy = energy
        self.central = central
        self.sigmaUp = sigmaUp
        self.sigmaDown = sigmaDown
    }

    /// The tabulated energy range (keV).
    public var domain: ClosedRange<Double> { central.domain }

    /// Whether a ±1σ band is available.
    public var hasBand: Bool { sigmaUp != nil && sigmaDown != nil }

    /// ε at energy E (keV), shifted by `shift` σ along the band.
    @inlinable
    public func value(at e: Double, shift: Double = 0) -> Double {
        if e < central.xs[0] { return 0 }
        var v = central.clampedValue(at: e)
        if shift > 0, let up = sigmaUp { v += shift * up.clampedValue(at: e) }
        if shift < 0, let dn = sigmaDown { v += shift * dn.clampedValue(at: e) }
        return min(max(v, 0), 1)
    }
}
