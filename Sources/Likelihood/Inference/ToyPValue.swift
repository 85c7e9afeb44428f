import Foundation
import GSL

/// Toy-based p-value of the discovery test: the fraction of background-only toys (nuisances at
/// their background-only fit to the data) with q0 ≥ q0_obs, with its binomial error.
public struct ToyPValue: Sendable, Codable, Equatable {
    public var q0Observed: Double
    public var toys: Int
    public var failedToys: Int
    public var exceeding: Int
    public var pValue: Double
    public var pValueError: Double
    /// Z = Φ⁻¹(1 − p); nil when p = 0 (then `zLowerBound` holds Φ⁻¹(1 − 1/N)) or p = 1.
    public var significance: Double?
    public var zLowerBound: Double?

    public static func compute(profile: ProfileLikelihood, toys: Int, seed: UInt64,
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               shouldStop: () -> Bool = { false },
                               progress: ((Int) -> Void)? = nil) throws -> ToyPValue {
        let d = try profile.discovery()
        let runner = ToyRunner(model: profile.model, truth: d.backgroundOnly.internalValues, statistic: .q0, seed: seed)
        var exceed = 0, failed = 0, done = 0
        // `shouldStop` (e.g. Ctrl-C) ends the run after the current block; the p-value then
        // uses the toys finished so far (`toys` counts those)
        runner.run(0..<toys, threads: threads, blockSize: 256, shouldStop: shouldStop) { block in
            done += block.count
            progress?(done)
            for r in block {
                if r.failed { failed += 1 } else if r.statistic >= d.q0 { exceed += 1 }
            }
        }
        return try from(q0Observed: d.q0, toys: done, failed: failed, exceeding: exceed)
    }

    /// The p-value from the statistics of a background-only toys file (``ToyStudySample``).
    public static func from(q0Observed: Double, sample: ToyStudySample) throws -> ToyPValue {
        try from(q0Observed: q0Observed, toys: sample.toys, failed: sample.failed,
                 exceeding: sample.statistics.reduce(0) { $0 + ($1 >= q0Observed ? 1 : 0) })
    }

    static func from(q0Observed: Double, toys: Int, failed: Int, exceeding exceed: Int) throws -> ToyPValue {
        let n = toys - failed
        guard n > 0 else {
            throw FitError(study: toys == 0 ? "no toy finished, so there is no toy p-value"
                : "all \(toys) toys failed to fit, so there is no toy p-value (the asymptotic one stands; the model may be hard to fit on fluctuated data)")
        }
        let p = Double(exceed) / Double(n)
        let err = toyPValueError(p, n)
        var z: Double?, zLow: Double?
        // Z = Φ⁻¹(1 − p) is finite only for 0 < p < 1: no toy above q0_obs gives a lower bound,
        // every toy above it (e.g. q0_obs = 0) gives no significance at all.
        if exceed == 0 {
            zLow = try Distributions.normalSurvivalQuantile(1 / Double(n))
        } else if exceed < n {
            z = try Distributions.normalSurvivalQuantile(p)
        }
        return ToyPValue(q0Observed: q0Observed, toys: toys, failedToys: failed, exceeding: exceed, pValue: p,
                         pValueError: err, significance: z, zLowerBound: zLow)
    }
}

/// Standard error of a toy-based p-value from n toys, √(p(1−p)/n), floored at 1/n so that p = 0
/// or 1 does not claim zero uncertainty.
public func toyPValueError(_ p: Double, _ n: Int) -> Double {
    (max(p * (1 - p), 1 / Double(n)) / Double(n)).squareRoot()
}
