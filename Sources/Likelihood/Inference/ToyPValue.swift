import Foundation
import GSL

/// Toy-based p-value of the discovery test: the fraction of background-only toys (nuisances at
/// their background-only fit to the data) with q0 at least as large as q0_obs (``ToyTail``), with
/// its binomial error.
public struct ToyPValue: Sendable, Codable, Equatable {
    public var q0Observed: Double
    public var toys: Int
    public var failedToys: Int
    public var exceeding: Int
    public var pValue: Double
    public var pValueError: Double
    /// Z = Φ⁻¹(1 − p), 0 for p ≥ ½ (``TestStatistic/significance(p:ifUnderflow:)``); nil when p = 0
    /// (then `zLowerBound` holds Z at p = 1/N) or p = 1.
    public var significance: Double?
    public var zLowerBound: Double?

    public static func compute(profile: ProfileLikelihood, toys: Int, seed: UInt64,
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               shouldStop: () -> Bool = { false },
                               progress: ((Int) -> Void)? = nil) throws -> ToyPValue {
        let d = try profile.discovery()
        let runner = ToyRunner(model: profile.model, truth: d.backgroundOnly.internalValues, statistic: .q0, seed: seed)
        var tail = ToyTail(observed: d.q0)
        // `shouldStop` (e.g. Ctrl-C) ends the run after the current block; the p-value then
        // uses the toys finished so far (`toys` counts those)
        runner.run(0..<toys, threads: threads, blockSize: 256, shouldStop: shouldStop) { block in
            for r in block { tail.add(r.failed ? nil : r.statistic) }
            progress?(tail.toys)
        }
        return try from(tail)
    }

    /// The p-value from the statistics of a background-only toys file (``ToyStudySample``).
    public static func from(q0Observed: Double, sample: ToyStudySample) throws -> ToyPValue {
        var tail = ToyTail(observed: q0Observed)
        for t in sample.statistics { tail.add(t) }
        tail.failed = sample.failed
        return try from(tail)
    }

    /// The p-value of a toy count (``ToyTail``: the one extremeness rule and the one p → Z rule).
    public static func from(_ tail: ToyTail) throws -> ToyPValue {
        guard let p = tail.p, let err = tail.pError else {
            throw FitError(study: tail.toys == 0 ? "no toy finished, so there is no toy p-value"
                : "all \(tail.toys) toys failed to fit, so there is no toy p-value (the asymptotic one stands; the model may be hard to fit on fluctuated data)")
        }
        // Z is finite only for 0 < p < 1: no toy above q0_obs gives a lower bound, every toy
        // above it (e.g. q0_obs = 0) gives no significance at all.
        return ToyPValue(q0Observed: tail.observed, toys: tail.toys, failedToys: tail.failed, exceeding: tail.exceeding, pValue: p,
                         pValueError: err, significance: try tail.z(), zLowerBound: try tail.zLowerBound())
    }
}

/// Standard error of a toy-based p-value from n toys, √(p(1−p)/n), floored at 1/n so that p = 0
/// or 1 does not claim zero uncertainty.
public func toyPValueError(_ p: Double, _ n: Int) -> Double {
    (max(p * (1 - p), 1 / Double(n)) / Double(n)).squareRoot()
}
