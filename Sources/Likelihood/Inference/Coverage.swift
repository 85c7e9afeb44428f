import Formats
import Foundation
import GSL

/// Coverage studies: how often an interval construction contains the true μν, from toys
/// generated at that μν (nuisances at their conditional fit to the data).
///
/// - Asymptotic methods (`wilks`, `asymptotic-unified`): each toy is analysed exactly like the
///   data — its own profile likelihood and interval — and containment is counted.
/// - Feldman–Cousins (profile construction): by the Neyman construction the interval contains
///   μν exactly when t̃_toy(μν) ≤ c_toy(μν); for each toy the nuisances are re-profiled at μν on
///   that toy and c_toy comes from `criticalToys` inner toys thrown there — the full
///   construction at the true value, without scanning a grid.
public enum Coverage {
    public struct Point: Sendable, Codable, Equatable {
        public var muNu: Double
        public var method: IntervalMethod
        public var cl: Double
        public var toys: Int
        public var failedToys: Int
        public var covered: Int
        public var coverage: Double
        /// Binomial standard error √(p(1−p)/N).
        public var error: Double
        enum CodingKeys: String, CodingKey {
            case cl, toys, covered, coverage
            case method = "interval_method"
            case error = "coverage_error"
            case muNu = "mu_nu_true_muB"
            case failedToys = "failed_toys"
        }
    }

    /// Coverage of an asymptotic construction from a whole toys file of t̃ at its true μν
    /// (checked against these data and model): μν is inside the interval {μ : t̃(μ) ≤ c(μ)}
    /// exactly when the toy's t̃(μν) ≤ c(μν), so each toy's record decides (wilks: c = χ²₁(CL);
    /// asymptotic-unified: CCGV Eq. 47 with σ from the Asimov data at μν). Feldman–Cousins needs
    /// inner toys per toy and is not available from files. A local ``run`` of an asymptotic
    /// method counts the same toys the same way, so a sharded and merged study gives its result
    /// exactly.
    public static func fromToys(_ sample: ToyStudySample, profile pl: ProfileLikelihood, cl: Double, method: IntervalMethod) throws -> Point {
        let h = sample.header
        guard h.statisticName == .tTilde, h.testedMuNu == h.muNuTrue else {
            throw InputError(file: sample.path, line: 1, "is not a t̃ study at its true μν (\(FrontEndTerm.tStudyAtTruth.text)); coverage needs one")
        }
        try ToyStudy.check(sample, against: pl)
        if method == .feldmanCousins {
            throw InputError(file: sample.path, "Feldman–Cousins coverage needs inner toys for every toy; run \(FrontEndTerm.feldmanCousinsCoverage.text) instead of \(FrontEndTerm.fromToys.text)")
        }
        return try asymptotic(statistics: sample.statistics, failed: sample.failed, toys: h.totalToys, profile: pl, muNu: h.muNuTrue,
                              cl: cl, method: method)
    }

    /// The coverage of an asymptotic method from the t̃(μν) of toys thrown at μν.
    static func asymptotic(statistics: [Double], failed: Int, toys: Int, profile pl: ProfileLikelihood, muNu: Double, cl: Double,
                           method: IntervalMethod) throws -> Point {
        let c: Double
        switch method {
        case .wilks: c = try Distributions.chiSquaredQuantile(cl, dof: 1)
        case .asymptoticUnified:
            c = try AsymptoticInterval.criticalValue(cl: cl, sOverSigma: try AsymptoticInterval.sOverSigma(pl, internal: pl.model.internalPOI(muNu: muNu)))
        case .feldmanCousins: throw FitError("Feldman–Cousins coverage needs inner toys for every toy")
        }
        guard !statistics.isEmpty else {
            throw FitError(study: toys == 0 ? "no toy finished, so there is no coverage" : "all \(toys) toys failed to fit, so there is no coverage")
        }
        let covered = statistics.reduce(0) { $0 + ($1 <= c * (1 + 1e-9) ? 1 : 0) }
        return point(muNu: muNu, method: method, cl: cl, toys: toys, failed: failed, covered: covered, usable: statistics.count)
    }

    static func point(muNu: Double, method: IntervalMethod, cl: Double, toys: Int, failed: Int, covered: Int, usable n: Int) -> Point {
        let p = Double(covered) / Double(n)
        return Point(muNu: muNu, method: method, cl: cl, toys: toys, failedToys: failed, covered: covered, coverage: p,
                     error: (p * (1 - p) / Double(n)).squareRoot())
    }

    /// The toy study behind the coverage of the asymptotic methods at μν: t̃(μν) at its true μν
    /// (the study `nmmfit toys --statistic t --mu μν` writes, and `coverage --shard` writes).
    public static func study(profile pl: ProfileLikelihood, muNu: Double, toys: Int, seed: UInt64, shard: Int = 0,
                             nshards: Int = 1) throws -> ToyStudy {
        try ToyStudy(profile: pl, muNu: muNu, statistic: .tTilde, seed: seed, totalToys: toys,
                     shard: shard, nshards: nshards)
    }

    /// Coverage at μν from `toys` toys on the toy engine (`threads` threads).
    ///
    /// - Asymptotic methods: the t̃(μν) study of ``study(profile:muNu:toys:seed:shard:nshards:)``,
    ///   each toy counted by ``fromToys(_:profile:cl:method:)``'s rule (t̃(μν) ≤ c(μν)).
    /// - Feldman–Cousins: each outer toy is treated as data: its nuisances are profiled at the true
    ///   μν, the critical value comes from `criticalToys` inner toys thrown there (seed
    ///   mix(seed + 1, k)), and the interval covers μν exactly when t̃_toy(μν) ≤ c_toy(μν) (the
    ///   Neyman construction's acceptance). Outer toys run in parallel, inner ones serially.
    ///
    /// `shouldStop` (e.g. Ctrl-C) ends the toys early: the point then uses the toys finished.
    public static func run(profile pl: ProfileLikelihood, muNu: Double, cl: Double = 0.9, method: IntervalMethod,
                           toys: Int, criticalToys: Int = 500, seed: UInt64 = 1,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           shouldStop: () -> Bool = { false }) throws -> Point {
        let model = pl.model
        let s = model.internalPOI(muNu: muNu)
        guard method.asymptotic == nil else {
            let study = try study(profile: pl, muNu: muNu, toys: toys, seed: seed)
            var statistics: [Double] = [], failed = 0, done = 0
            study.runner.run(0..<toys, threads: threads, blockSize: 256, shouldStop: shouldStop) { block in
                done += block.count
                for r in block { if r.failed { failed += 1 } else { statistics.append(r.statistic) } }
            }
            return try asymptotic(statistics: statistics, failed: failed, toys: done, profile: pl, muNu: muNu, cl: cl, method: method)
        }
        let truth = try pl.conditionalFit(internal: s).internalValues
        let gen = ToyGenerator(model: model, truth: truth)
        let engine = ToyEngine(seed: seed, threads: threads)
        var covered = 0, failed = 0, done = 0
        engine.run(0..<toys, blockSize: engine.blockSize(fitsPerToy: 2 * criticalToys), shouldStop: shouldStop,
                   worker: { Fitter(model: model) }, toy: { fitter, k, rng -> Bool? in
            let obs = gen.generate(using: rng)
            do {
                let free = try fitter.fitMultiStart(obs)
                var start = free.internalValues
                start[model.poiIndex] = s
                let cond = try fitter.fit(obs, start: start, fixedPOI: s)
                let t = TestStatistic.likelihoodRatio(restricted: cond.nll, free: free.nll)
                let c = try FeldmanCousins.criticalValue(model: model, truth: cond.internalValues, internalPOI: s, cl: cl,
                                                         toys: criticalToys, seed: RandomSource.mix(seed &+ 1, UInt64(k)),
                                                         threads: 1).value
                return t <= c
            } catch { return nil }
        }) { block in
            done += block.count
            for r in block {
                if let r { covered += r ? 1 : 0 } else { failed += 1 }
            }
        }
        guard done > failed else {
            throw FitError(study: done == 0 ? "no toy finished, so there is no coverage" : "all \(done) toys failed to fit, so there is no coverage")
        }
        return point(muNu: muNu, method: method, cl: cl, toys: done, failed: failed, covered: covered, usable: done - failed)
    }
}
