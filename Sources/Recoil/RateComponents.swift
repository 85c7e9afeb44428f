import Foundation

/// The differential rate at one true recoil energy, split by source and channel, in
/// events/(t·y·keV). The magnetic part is at μν = ``RecoilModel/referenceMuNuBohr``.
public struct RateComponents: Sendable, Equatable {
    /// True recoil energy T (keV).
    public var recoilKeV: Double
    /// SM weak rate per source (events/(t·y·keV)), in the order of ``RecoilModel/sources``.
    public var weak: [Double]
    /// Magnetic-moment rate per source at μν = 10⁻¹¹ μB (events/(t·y·keV)).
    public var magneticAtReference: [Double]

    /// Total SM weak rate.
    public var weakTotal: Double { weak.reduce(0, +) }
    /// Total magnetic rate at the reference moment.
    public var magneticTotalAtReference: Double { magneticAtReference.reduce(0, +) }

    /// Magnetic rate at μν (μB): exactly (μν/10⁻¹¹)² × the reference rate.
    public func magnetic(muNuBohr: Double) -> Double {
        let r = muNuBohr / RecoilModel.referenceMuNuBohr
        return r * r * magneticTotalAtReference
    }

    /// Weak + magnetic rate at μν (μB).
    public func total(muNuBohr: Double) -> Double { weakTotal + magnetic(muNuBohr: muNuBohr) }
}
