import Formats
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
///
/// The endpoints are where t̃_obs(μν) = c(μν), with c interpolated linearly between the two
/// bracketing points and t̃_obs evaluated exactly (the profile likelihood, no interpolation), so
/// only c's curvature between grid points is an interpolation error. Each endpoint carries two
/// errors (μB): the toy (Monte-Carlo) error, the two quantiles' errors propagated through the
/// crossing, and the grid error, estimated from the curvature of the smooth asymptotic critical
/// value (CCGV 2011, Eq. 47 — the large-sample limit of c) between the same points, since the
/// toys' c is too noisy to show its own curvature. The construction refines the grid near each
/// crossing (a new point at the crossing) until the grid error is below a fifth of the toy error.
public struct FeldmanCousins {
    /// One tested μν.
    public struct Point: Sendable, Codable, Equatable {
        public var muNu: Double
        public var tObserved: Double
        public var criticalValue: Double
        /// Standard error of the critical value from the toys (order-statistic interval of the quantile).
        public var criticalValueError: Double
        public var toys: Int
        public var failedToys: Int
        public var nonConvergedToys: Int
        public var accepted: Bool
        enum CodingKeys: String, CodingKey {
            case toys, accepted
            case muNu = "mu_nu_muB"
            case tObserved = "t_observed"
            case criticalValue = "critical_value"
            case criticalValueError = "critical_value_error"
            case failedToys = "failed_toys"
            case nonConvergedToys = "non_converged_toys"
        }

        /// A point from the (sorted) statistics of its toys.
        public static func from(muNu: Double, tObserved: Double, sortedToys values: [Double], cl: Double, toys: Int, failed: Int,
                                nonConverged: Int) -> Point {
            let c = quantile(values, cl)
            return Point(muNu: muNu, tObserved: tObserved, criticalValue: c, criticalValueError: quantileError(values, cl),
                         toys: toys, failedToys: failed, nonConvergedToys: nonConverged, accepted: tObserved <= c)
        }
    }

    /// An end of the interval with its errors, all in μB.
    public struct Endpoint: Sendable, Codable, Equatable {
        public var muNu: Double
        /// Monte-Carlo error from the toys' quantiles (μB).
        public var toyError: Double
        /// Interpolation error of the grid (μB).
        public var gridError: Double
        /// 0 for an end at the boundary μν = 0 (no crossing, no error).
        public var atBoundary: Bool
        public var unit = "mu_B"
        enum CodingKeys: String, CodingKey {
            case unit
            case muNu = "mu_nu"
            case toyError = "toy_error"
            case gridError = "grid_error"
            case atBoundary = "at_boundary"
        }
    }

    public struct Result: Sendable, Codable, Equatable {
        public var interval: MuNuInterval
        public var lower: Endpoint
        public var upper: Endpoint
        /// Every tested μν, ascending (the grid and the refinement points).
        public var points: [Point]
        /// How many points the refinement added.
        public var refinementPoints: Int
        /// The seed of a local construction; nil when the points come from toys files.
        public var seed: UInt64?
        /// The toys files the points come from (``fromToys(_:profile:cl:)``).
        public var toyFiles: [String]?
        enum CodingKeys: String, CodingKey {
            case interval, lower, upper, points, seed
            case refinementPoints = "refinement_points"
            case toyFiles = "toy_files"
        }
    }

    public let profile: ProfileLikelihood
    public var cl: Double
    public var toysPerPoint: Int
    public var seed: UInt64
    public var threads: Int
    /// Refinement points allowed at each end.
    public var maxRefinements: Int
    /// Where the toys of a tested point come from: given the point's study (t̃ at its μν, the
    /// nuisances at their conditional fit, seed mix(seed, index): the toys ``point(muNu:index:)``
    /// throws in memory), a store returns the whole study's statistics — e.g. from a toys file it
    /// writes, resumes or reads (``ToyStudy/write(to:force:version:commit:run:allowOtherBuild:threads:shouldStop:onOpen:progress:)``),
    /// so that finished points survive an interrupt. Nil: toys in memory.
    public var pointToys: ((ToyStudy) throws -> ToyStudySample)?
    /// Polled between tested points (e.g. after Ctrl-C): ``construct(grid:progress:)`` then
    /// throws ``Interrupted`` with the points finished.
    public var shouldStop: () -> Bool = { false }

    /// The construction stopped before its interval could be read off (``shouldStop``).
    public struct Interrupted: Error {
        /// The points finished, ascending in μν.
        public var points: [Point]
        public init(points: [Point]) { self.points = points }
    }

    public init(profile: ProfileLikelihood, cl: Double = 0.9, toysPerPoint: Int = 1000, seed: UInt64 = 1,
                threads: Int = ProcessInfo.processInfo.activeProcessorCount, maxRefinements: Int = 6) {
        self.profile = profile
        self.cl = cl
        self.toysPerPoint = toysPerPoint
        self.seed = seed
        self.threads = threads
        self.maxRefinements = maxRefinements
    }

    /// The critical value at one μν (internal s) and the toy bookkeeping; toys use stream
    /// `index` of the seed.
    public func point(muNu: Double, index: Int) throws -> Point {
        let model = profile.model
        let s = model.internalPOI(muNu: muNu)
        let cond = try profile.conditionalFit(internal: s)
        let tObs = TestStatistic.likelihoodRatio(restricted: cond.nll, free: profile.best.nll)
        if let store = pointToys {
            let study = try ToyStudy(profile: profile, muNu: muNu, statistic: .tTilde, seed: RandomSource.mix(seed, UInt64(index)),
                                     totalToys: toysPerPoint)
            let sample = try store(study)
            guard !sample.statistics.isEmpty else { throw FitError("all \(toysPerPoint) toys failed at μν² = \(s) × μ_ref²") }
            return Point.from(muNu: muNu, tObserved: tObs, sortedToys: sample.statistics.sorted(), cl: cl, toys: sample.toys,
                              failed: sample.failed, nonConverged: sample.nonConverged)
        }
        let sample = try Self.toyStatistics(model: model, truth: cond.internalValues, internalPOI: s, toys: toysPerPoint,
                                            seed: RandomSource.mix(seed, UInt64(index)), threads: threads)
        return Point.from(muNu: muNu, tObserved: tObs, sortedToys: sample.sorted, cl: cl, toys: toysPerPoint, failed: sample.failed,
                          nonConverged: sample.nonConverged)
    }

    /// ``point(muNu:index:)``, or ``Interrupted`` with the points `done` when it failed because
    /// the run was stopped (a store's toys file cut short by ``shouldStop``).
    func pointUnlessStopped(muNu: Double, index: Int, done: [Point]) throws -> Point {
        do { return try point(muNu: muNu, index: index) } catch where shouldStop() { throw Interrupted(points: done) }
    }

    /// The CL-quantile of t̃(s) over `toys` toys thrown at `truth` (internal parameters), with the
    /// number of failed (excluded) and non-converged toy fits.
    public static func criticalValue(model: BinnedModel, truth: [Double], internalPOI s: Double, cl: Double, toys: Int,
                                     seed: UInt64, threads: Int) throws -> (value: Double, failed: Int, nonConverged: Int) {
        let sample = try toyStatistics(model: model, truth: truth, internalPOI: s, toys: toys, seed: seed, threads: threads)
        return (quantile(sample.sorted, cl), sample.failed, sample.nonConverged)
    }

    /// The sorted t̃(s) of `toys` toys thrown at `truth`, and the failed and non-converged counts.
    static func toyStatistics(model: BinnedModel, truth: [Double], internalPOI s: Double, toys: Int, seed: UInt64,
                              threads: Int) throws -> (sorted: [Double], failed: Int, nonConverged: Int) {
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
        return (values, failed, nonConverged)
    }

    /// Runs the construction on a grid of μν (μB), ascending, refines it near both crossings and
    /// reads off the interval.
    public func construct(grid: [Double], progress: ((Int, Int) -> Void)? = nil) throws -> Result {
        guard grid.count >= 2, zip(grid, grid.dropFirst()).allSatisfy({ $0 < $1 }), grid[0] >= 0 else {
            throw FitError("the μν grid must be ascending, ≥ 0, with at least two points")
        }
        var points: [Point] = []
        for (k, mu) in grid.enumerated() {
            if shouldStop() { throw Interrupted(points: points) }
            points.append(try pointUnlessStopped(muNu: mu, index: k, done: points))
            progress?(k + 1, grid.count)
        }
        var added = 0
        let curves = Curves(profile: profile, cl: cl)
        for end in [Side.lower, .upper] {
            for _ in 0..<maxRefinements {
                guard let e = try Self.endpoint(points, side: end, cl: cl, curves: curves), !e.endpoint.atBoundary,
                      e.endpoint.gridError > 0.2 * e.endpoint.toyError else { break }
                let x = e.endpoint.muNu
                let (a, b) = (points[e.bracket].muNu, points[e.bracket + 1].muNu)
                guard x > a + 1e-6 * (b - a), x < b - 1e-6 * (b - a) else { break }
                if shouldStop() { throw Interrupted(points: points) }
                points.insert(try pointUnlessStopped(muNu: x, index: grid.count + added, done: points), at: e.bracket + 1)
                added += 1
            }
        }
        let (iv, lower, upper) = try Self.interval(points, cl: cl, curves: curves)
        return Result(interval: iv, lower: lower, upper: upper, points: points, refinementPoints: added, seed: seed, toyFiles: nil)
    }

    /// The construction from whole toy studies of t̃ at their true μν (one file per tested μν,
    /// each checked against these data and model): the critical values come from the files.
    public static func fromToys(_ samples: [ToyStudySample], profile: ProfileLikelihood, cl: Double) throws -> Result {
        var points: [Point] = []
        for s in samples.sorted(by: { $0.header.muNuTrue < $1.header.muNuTrue }) {
            let h = s.header
            guard h.statisticName == .tTilde, h.testedMuNu == h.muNuTrue else {
                throw InputError(file: s.path, line: 1, "is a \(h.statistic) study\(h.testedMuNu.map { " testing μν = \($0) μB" } ?? "") at μν = \(h.muNuTrue) μB; Feldman–Cousins needs t̃ toys at their true μν (\(term: .tStudyAtTruth))")
            }
            guard s.statistics.count >= 10 else { throw InputError(file: s.path, "has \(s.statistics.count) usable toys; need at least 10") }
            try ToyStudy.check(s, against: profile)
            if let last = points.last, last.muNu == h.muNuTrue {
                throw InputError(file: s.path, line: 1, "a second study at μν = \(h.muNuTrue) μB (give one file per μν)")
            }
            points.append(Point.from(muNu: h.muNuTrue, tObserved: try profile.t(muNu: h.muNuTrue), sortedToys: s.statistics.sorted(),
                                     cl: cl, toys: s.toys, failed: s.failed, nonConverged: s.nonConverged))
        }
        guard points.count >= 2 else { throw InputError("Feldman–Cousins needs toys at two or more μν values, got \(points.count)") }
        let (iv, lower, upper) = try interval(points, cl: cl, curves: Curves(profile: profile, cl: cl))
        return Result(interval: iv, lower: lower, upper: upper, points: points, refinementPoints: 0, seed: nil,
                      toyFiles: samples.map(\.path))
    }

    enum Side { case lower, upper }

    /// The endpoint on one side and the index of its bracket's left point; nil at the boundary.
    static func endpoint(_ points: [Point], side: Side, cl: Double, curves: Curves) throws -> (endpoint: Endpoint, bracket: Int)? {
        let acc = points.indices.filter { points[$0].accepted }
        guard let first = acc.first, let last = acc.last else {
            throw GridError("no tested μν is inside the \(cl) CL interval (\(points.count) points, 0…\(String(format: "%.3g", points[points.count - 1].muNu)) μB): the grid is too coarse; use more \(term: .gridPoints) or a \(term: .gridMax) nearer the interval (with \(term: .fromToys): add toy studies near the best fit)")
        }
        switch side {
        case .lower:
            guard first > 0 else {
                guard points[0].muNu == 0 else {
                    throw GridError("the \(cl) CL interval reaches below the smallest tested μν (\(String(format: "%.3g", points[0].muNu)) μB): the grid must start at 0 (with \(term: .fromToys): add a toy study at μν = 0)")
                }
                return (Endpoint(muNu: 0, toyError: 0, gridError: 0, atBoundary: true), 0)
            }
            return (try crossing(points, first - 1, curves), first - 1)
        case .upper:
            guard last < points.count - 1 else {
                throw GridError("the \(cl) CL interval reaches beyond the largest tested μν (\(String(format: "%.3g", points[points.count - 1].muNu)) μB): raise \(term: .gridMax) (and \(term: .gridPoints) to keep the spacing; with \(term: .fromToys): add a toy study at a larger μν)")
            }
            return (try crossing(points, last, curves), last)
        }
    }

    /// The interval and its endpoints from points sorted by μν.
    public static func interval(_ points: [Point], cl: Double, curves: Curves) throws -> (MuNuInterval, lower: Endpoint, upper: Endpoint) {
        guard points.count >= 2, zip(points, points.dropFirst()).allSatisfy({ $0.muNu < $1.muNu }) else {
            throw FitError("need at least two tested μν values, ascending and distinct")
        }
        let lo = try endpoint(points, side: .lower, cl: cl, curves: curves)!.endpoint
        let hi = try endpoint(points, side: .upper, cl: cl, curves: curves)!.endpoint
        return (MuNuInterval(lower: lo.muNu, upper: hi.muNu, cl: cl, method: "feldman-cousins"), lo, hi)
    }

    /// What an endpoint needs besides the points: the exact observed t̃(μν) and a smooth model of
    /// the shape of c(μν) (μν in μB).
    public struct Curves {
        public var tObserved: (Double) throws -> Double
        public var criticalShape: (Double) throws -> Double

        public init(tObserved: @escaping (Double) throws -> Double, criticalShape: @escaping (Double) throws -> Double) {
            self.tObserved = tObserved
            self.criticalShape = criticalShape
        }

        /// The data's profile likelihood and the asymptotic critical value (CCGV Eq. 47, σ from Asimov).
        public init(profile pl: ProfileLikelihood, cl: Double) {
            tObserved = { try pl.t(muNu: $0) }
            criticalShape = {
                try AsymptoticInterval.criticalValue(cl: cl, sOverSigma: try AsymptoticInterval.sOverSigma(pl, internal: pl.model.internalPOI(muNu: $0)))
            }
        }
    }

    /// The crossing t̃_obs(x) = c_lin(x) between points i and i+1, with c_lin the linear
    /// interpolation of their critical values and t̃_obs exact; its toy error (∂x/∂c_a = w_a/g′,
    /// ∂x/∂c_b = w_b/g′ with g = t̃_obs − c_lin, w_a = (b − x)/(b − a), w_b = 1 − w_a) and its grid
    /// error (|c_shape(x) − its linear interpolation| / |g′|).
    static func crossing(_ p: [Point], _ i: Int, _ curves: Curves) throws -> Endpoint {
        let a = p[i], b = p[i + 1]
        let h = b.muNu - a.muNu
        func g(_ u: Double) throws -> Double {
            try curves.tObserved(a.muNu + u * h) - (a.criticalValue + (b.criticalValue - a.criticalValue) * u)
        }
        let ga = a.tObserved - a.criticalValue, gb = b.tObserved - b.criticalValue
        let u: Double
        if ga == 0 { u = 0 } else if gb == 0 { u = 1 } else if (ga < 0) == (gb < 0) {
            throw FitError("t̃_obs − c has the same sign at μν = \(a.muNu) and \(b.muNu) μB: no crossing between them")
        } else {
            u = try Brent.root(in: 0, 1, absTol: 1e-10, relTol: 1e-10) { try g($0) }
        }
        let x = a.muNu + u * h
        let du = 1e-4
        let (u0, u1) = (max(0, u - du), min(1, u + du))
        let slope = (try g(u1) - g(u0)) / ((u1 - u0) * h)   // dg/dμν
        guard slope != 0, slope.isFinite else {
            return Endpoint(muNu: x, toyError: h / 2, gridError: h / 2, atBoundary: false)
        }
        let wa = 1 - u, wb = u
        let toyError = ((wa * a.criticalValueError).squared + (wb * b.criticalValueError).squared).squareRoot() / abs(slope)
        let (ca, cb, cx) = (try curves.criticalShape(a.muNu), try curves.criticalShape(b.muNu), try curves.criticalShape(x))
        let gridError = abs(cx - (ca + (cb - ca) * u)) / abs(slope)
        return Endpoint(muNu: x, toyError: toyError, gridError: gridError, atBoundary: false)
    }

    /// The empirical quantile (type 7, linear interpolation) of sorted values.
    public static func quantile(_ sorted: [Double], _ q: Double) -> Double {
        let h = Double(sorted.count - 1) * q
        let lo = Int(h.rounded(.down)), hi = min(lo + 1, sorted.count - 1)
        return sorted[lo] + (h - Double(lo)) * (sorted[hi] - sorted[lo])
    }

    /// The coverage that a critical value made by ``quantile(_:_:)`` at `cl` from `innerToys`
    /// toys gives on average, for a continuous statistic: ((N − 1)·CL + 1)/(N + 1), below CL by
    /// (2·CL − 1)/(N + 1) (0.892 for N = 100 at CL = 0.9, 0.898 for N = 500). The law's
    /// probability below the k-th of N order statistics, F(X₍ₖ₎), is Beta(k, N + 1 − k), of mean
    /// k/(N + 1) (F(X) is uniform for a continuous X; e.g. K. C. Border, Caltech Ma 103,
    /// Lecture 15: Order statistics); the type-7 quantile lies at rank (N − 1)·CL + 1, between
    /// two order statistics, and F is taken as linear across that gap.
    public static func expectedCoverage(cl: Double, innerToys n: Int) -> Double {
        let n = Double(max(n, 1))
        return ((n - 1) * cl + 1) / (n + 1)
    }

    /// Standard error of the q-quantile of sorted values, distribution-free: half the spread of
    /// the order statistics at ranks N q ± √(N q (1 − q)): the number of toys below the true
    /// quantile is binomial(N, q), so its ±1σ range of ranks maps onto a ±1σ range of values.
    public static func quantileError(_ sorted: [Double], _ q: Double) -> Double {
        let n = Double(sorted.count)
        guard sorted.count >= 2 else { return 0 }
        let d = (n * q * (1 - q)).squareRoot()
        let lo = quantile(sorted, max(0, (n * q - d) / n)), hi = quantile(sorted, min(1, (n * q + d) / n))
        return (hi - lo) / 2
    }
}

private extension Double {
    var squared: Double { self * self }
}
