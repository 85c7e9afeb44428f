import Foundation
import GSL

/// The Neyman construction with likelihood-ratio ordering (Feldman & Cousins, PRD 57 (1998)
/// 3873), with nuisance parameters by the profile construction: at each tested μν the toys are
/// thrown with the nuisances at their conditional best fit to the data (the "profile" or
/// hybrid-resampling method, e.g. Cranmer, PHYSTAT 2005; Sen, Walker & Woodroofe 2009).
///
/// At each grid point the critical value c(μν) is the CL-quantile of t̃(μν) over the toys; μν is
/// in the interval when t̃_obs(μν) ≤ c(μν). Toys whose fit failed are counted and reported per
/// point, and excluded from the quantile.
public struct FeldmanCousins {
    /// One tested μν.
    public struct Point: Sendable, Codable, Equatable {
        public var muNu: Double
        public var tObserved: Double
        public var criticalValue: Double
        public var toys: Int
        public var failedToys: Int
        public var nonConvergedToys: Int
        public var accepted: Bool
        enum CodingKeys: String, CodingKey {
            case toys, accepted
            case muNu = "mu_nu"
            case tObserved = "t_observed"
            case criticalValue = "critical_value"
            case failedToys = "failed_toys"
            case nonConvergedToys = "non_converged_toys"
        }
    }

    public struct Result: Sendable, Codable, Equatable {
        public var interval: MuNuInterval
        public var points: [Point]
        public var seed: UInt64
    }

    public let profile: ProfileLikelihood
    public var cl: Double
    public var toysPerPoint: Int
    public var seed: UInt64
    public var threads: Int

    public init(profile: ProfileLikelihood, cl: Double = 0.9, toysPerPoint: Int = 1000, seed: UInt64 = 1,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.profile = profile
        self.cl = cl
        self.toysPerPoint = toysPerPoint
        self.seed = seed
        self.threads = threads
    }

    /// The critical value at one μν (internal s) and the toy bookkeeping.
    public func point(muNu: Double, index: Int) throws -> Point {
        let model = profile.model
        let s = model.internalPOI(muNu: muNu)
        let cond = try profile.conditionalFit(internal: s)
        let tObs = max(2 * (cond.nll - profile.best.nll), 0)
        let crit = try Self.criticalValue(model: model, truth: cond.internalValues, internalPOI: s, cl: cl,
                                          toys: toysPerPoint, seed: RandomSource.mix(seed, UInt64(index)), threads: threads)
        return Point(muNu: muNu, tObserved: tObs, criticalValue: crit.value, toys: toysPerPoint, failedToys: crit.failed,
                     nonConvergedToys: crit.nonConverged, accepted: tObs <= crit.value)
    }

    /// The CL-quantile of t̃(s) over `toys` toys thrown at `truth` (internal parameters), with the
    /// number of failed (excluded) and non-converged toy fits.
    public static func criticalValue(model: BinnedModel, truth: [Double], internalPOI s: Double, cl: Double, toys: Int,
                                     seed: UInt64, threads: Int) throws -> (value: Double, failed: Int, nonConverged: Int) {
        let runner = ToyRunner(model: model, truth: truth, statistic: .tTilde(s: s), seed: seed)
        var values: [Double] = []
        values.reserveCapacity(toys)
        var failed = 0, nonConverged = 0
        runner.run(0..<toys, threads: threads) { block in
            for r in block {
                if r.failed { failed += 1; continue }
                if !r.converged { nonConverged += 1 }
                values.append(r.statistic)
            }
        }
        guard !values.isEmpty else { throw FitError("all \(toys) toys failed at μν² = \(s) × μ_ref²") }
        values.sort()
        return (quantile(values, cl), failed, nonConverged)
    }

    /// Runs the construction on a grid of μν (μB), ascending, and reads off the interval,
    /// interpolating t̃_obs − c linearly between grid points at the ends.
    public func construct(grid: [Double], progress: ((Int, Int) -> Void)? = nil) throws -> Result {
        guard grid.count >= 2, zip(grid, grid.dropFirst()).allSatisfy({ $0 < $1 }), grid[0] >= 0 else {
            throw FitError("the μν grid must be ascending, ≥ 0, with at least two points")
        }
        var points: [Point] = []
        for (k, mu) in grid.enumerated() {
            points.append(try point(muNu: mu, index: k))
            progress?(k + 1, grid.count)
        }
        let acc = points.indices.filter { points[$0].accepted }
        guard let first = acc.first, let last = acc.last else {
            throw FitError("no tested μν is inside the \(cl) CL interval: refine the grid")
        }
        func cross(_ a: Point, _ b: Point) -> Double {
            let da = a.tObserved - a.criticalValue, db = b.tObserved - b.criticalValue
            guard da != db else { return (a.muNu + b.muNu) / 2 }
            return a.muNu + (b.muNu - a.muNu) * (0 - da) / (db - da)
        }
        guard last < points.count - 1 else {
            throw FitError("the \(cl) CL interval extends beyond the largest tested μν (\(grid[grid.count - 1]) μB): extend the grid (--grid-max)")
        }
        guard first > 0 || grid[0] == 0 else {
            throw FitError("the \(cl) CL interval extends below the smallest tested μν (\(grid[0]) μB): start the grid at 0")
        }
        let lower = first == 0 ? 0 : cross(points[first - 1], points[first])
        let upper = cross(points[last], points[last + 1])
        return Result(interval: MuNuInterval(lower: lower, upper: upper, cl: cl, method: "feldman-cousins"),
                      points: points, seed: seed)
    }

    /// The empirical quantile (type 7, linear interpolation) of sorted values.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }
}

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
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> ToyPValue {
        let d = try profile.discovery()
        let runner = ToyRunner(model: profile.model, truth: d.backgroundOnly.internalValues, statistic: .q0, seed: seed)
        var exceed = 0, failed = 0
        runner.run(0..<toys, threads: threads) { block in
            for r in block {
                if r.failed { failed += 1 } else if r.statistic >= d.q0 { exceed += 1 }
            }
        }
        let n = toys - failed
        guard n > 0 else { throw FitError("all toys failed") }
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
        return ToyPValue(q0Observed: d.q0, toys: toys, failedToys: failed, exceeding: exceed, pValue: p,
                         pValueError: err, significance: z, zLowerBound: zLow)
    }
}

/// Standard error of a toy-based p-value from n toys, √(p(1−p)/n), floored at 1/n so that p = 0
/// or 1 does not claim zero uncertainty.
func toyPValueError(_ p: Double, _ n: Int) -> Double {
    (max(p * (1 - p), 1 / Double(n)) / Double(n)).squareRoot()
}
