import Foundation

/// The count behind every toy p-value: of the usable toys (fits that did not throw), how many
/// have a statistic at least as extreme as the observed one (``TestStatistic/atLeastAsExtreme(_:observed:)``,
/// the one rule), after pyhf's `EmpiricalDistribution.pvalue`. p = k/N with its binomial error
/// (``toyPValueError(_:_:)``); Z by the one rule ``TestStatistic/significance(p:ifUnderflow:)``.
public struct ToyTail: Sendable, Equatable {
    /// The observed statistic.
    public var observed: Double
    /// Toys counted (usable) and those at least as extreme as `observed`.
    public var usable = 0
    public var exceeding = 0
    /// Toys whose fits threw (not counted).
    public var failed = 0

    public init(observed: Double) { self.observed = observed }

    /// Counts one toy's statistic, or a failed toy (nil).
    public mutating func add(_ statistic: Double?) {
        guard let t = statistic else { failed += 1; return }
        usable += 1
        if TestStatistic.atLeastAsExtreme(t, observed: observed) { exceeding += 1 }
    }

    /// Toys seen (usable and failed).
    public var toys: Int { usable + failed }

    /// p = k/N (nil without a usable toy).
    public var p: Double? { usable > 0 ? Double(exceeding) / Double(usable) : nil }
    /// The binomial error of p.
    public var pError: Double? { p.map { toyPValueError($0, usable) } }
    /// No toy reached the observed value: p < 1/N, so 1/N is an upper bound on p.
    public var isBound: Bool { usable > 0 && exceeding == 0 }
    /// Z from p, when 0 < k < N (k = 0 gives only ``zLowerBound``; k = N no significance).
    public func z() throws -> Double? {
        guard let p, exceeding > 0, exceeding < usable else { return nil }
        return try TestStatistic.significance(p: p)
    }
    /// Z at p = 1/N when no toy reached the observed value (a lower bound on Z).
    public func zLowerBound() throws -> Double? {
        isBound ? try TestStatistic.significance(p: 1 / Double(usable)) : nil
    }
}
