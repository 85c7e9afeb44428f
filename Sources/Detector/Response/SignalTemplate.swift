import Foundation
import Recoil

/// The magnetic-moment (and SM weak) expectation of a dataset in its analysis bins.
public struct SignalTemplate: Sendable {
    /// Analysis bins.
    public var bins: EnergyBins
    /// Expected magnetic-moment counts per bin at μν = 10⁻¹¹ μB (scale by (μν/10⁻¹¹)²).
    public var magneticAtReference: [Double]
    /// Expected SM weak (solar ν–e) counts per bin — for drawing and for backgrounds that
    /// lack it; not added to a B0 that already contains it.
    public var weak: [Double]
    /// Magnetic counts at μν = 10⁻¹¹ μB with the efficiency moved ±1σ along its band, when the
    /// dataset has one (a shape nuisance).
    public var magneticEfficiencyUp: [Double]?
    public var magneticEfficiencyDown: [Double]?

    /// Folds a recoil model through a detector into bins.
    public static func make(model: RecoilModel, detector: Detector, bins: EnergyBins) throws -> SignalTemplate {
        let upper = bins.range.upperBound + 10 * detector.resolution.sigmaKeV(2 * bins.range.upperBound) + 1
        let spectrum = try TabulatedSpectrum(model: model, lowerKeV: 0.05, upperKeV: max(upper, 10))
        let edges = model.binding.edgesKeV
        let mag = try detector.fold({ spectrum.magneticAtReference($0) }, bins: bins, breakpointsKeV: edges)
        let weak = try detector.fold({ spectrum.weak($0) }, bins: bins, breakpointsKeV: edges)
        var up: [Double]?, down: [Double]?
        if detector.efficiency.hasBand {
            up = try detector.fold({ spectrum.magneticAtReference($0) }, bins: bins, breakpointsKeV: edges, efficiencyShift: 1)
            down = try detector.fold({ spectrum.magneticAtReference($0) }, bins: bins, breakpointsKeV: edges, efficiencyShift: -1)
        }
        return SignalTemplate(bins: bins, magneticAtReference: mag, weak: weak,
                              magneticEfficiencyUp: up, magneticEfficiencyDown: down)
    }
}
