import Foundation

/// A tabulated recoil spectrum: ``RateComponents`` on an energy grid.
public struct RecoilTable: Sendable {
    /// The sources, in the order of each row's arrays.
    public var sources: [SolarSource]
    /// One row per energy.
    public var rows: [RateComponents]

    /// A uniform grid from `lower` to `upper` (keV, inclusive within rounding) in `step`s.
    public static func grid(from lower: Double, to upper: Double, step: Double) throws -> [Double] {
        guard lower.isFinite, upper.isFinite, step.isFinite, lower > 0, upper >= lower, step > 0 else {
            throw RecoilError.invalidGrid("need 0 < emin ≤ emax and step > 0 (got \(lower), \(upper), \(step))")
        }
        let n = Int(((upper - lower) / step + 1e-9).rounded(.down))
        guard n < 10_000_000 else { throw RecoilError.invalidGrid("more than 10⁷ points") }
        return (0...n).map { lower + Double($0) * step }
    }
}
