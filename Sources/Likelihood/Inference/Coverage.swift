import Formats
import Foundation
import GSL

/// Coverage studies: how often an interval construction contains the true μν, from toys
/// generated at that μν (nuisances at their conditional fit to the data).
///
/// Every method reads one toy study of t̃ at the true μν (``study(profile:muNu:toys:seed:shard:nshards:criticalValues:)``),
/// run here or read from a merged toys file: by the Neyman construction μν is inside a toy's
/// interval {μ : t̃(μ) ≤ c(μ)} exactly when t̃_toy(μν) ≤ c(μν), so each toy's record decides.
///
/// - Asymptotic methods (`wilks`, `asymptotic-unified`): c(μν) is the same for every toy
///   (wilks: χ²₁(CL); asymptotic-unified: CCGV Eq. 47 with σ from the Asimov data at μν).
/// - Feldman–Cousins (profile construction): each toy is treated as data, so c_toy(μν) is its
///   own: the nuisances are re-profiled at μν on that toy and c_toy comes from `criticalToys`
///   inner toys thrown there — the full construction at the true value, without scanning a
///   grid. The study then records each toy's c_toy (toys-file format 4), so a sharded, merged
///   study gives the local run's coverage exactly.
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
        /// Feldman–Cousins: the inner toys per toy behind each toy's critical value (nil for the
        /// asymptotic methods, which need none).
        public var criticalToys: Int?
        /// Feldman–Cousins: the coverage the construction gives on average with `criticalToys`
        /// inner toys per critical value (``FeldmanCousins/expectedCoverage(cl:innerToys:)``), a
        /// little below `cl`; the measured coverage is to be compared with it. Nil for the
        /// asymptotic methods.
        public var expectedCoverage: Double?
        enum CodingKeys: String, CodingKey {
            case cl, toys, covered, coverage
            case criticalToys = "critical_toys"
            case expectedCoverage = "expected_coverage"
            case method = "interval_method"
            case error = "coverage_error"
            case muNu = "mu_nu_true_muB"
            case failedToys = "failed_toys"
        }
    }

    /// Coverage from a whole toys file of t̃ at its true μν (checked against these data and
    /// model), each toy counted by the rule above. Feldman–Cousins needs a file with critical
    /// values at `cl` (written by a Feldman–Cousins coverage study). A local ``run`` counts the
    /// same toys the same way, so a sharded and merged study gives its result exactly.
    public static func fromToys(_ sample: ToyStudySample, profile pl: ProfileLikelihood, cl: Double, method: IntervalMethod) throws -> Point {
        let h = sample.header
        guard h.statisticName == .tTilde, h.testedMuNu == h.muNuTrue else {
            throw InputError(file: sample.path, line: 1, "is not a t̃ study at its true μν (\(term: .tStudyAtTruth)); coverage needs one")
        }
        try ToyStudy.check(sample, against: pl)
        guard method == .feldmanCousins else {
            return try asymptotic(statistics: sample.statistics, failed: sample.failed, toys: h.totalToys, profile: pl, muNu: h.muNuTrue,
                                  cl: cl, method: method)
        }
        guard let fc = h.criticalValues, let critical = sample.criticalValues else {
            throw InputError(file: sample.path, line: 1, "holds no Feldman–Cousins critical values (each toy's, from its inner toys; this study has only t̃); write the study with \(term: .feldmanCousinsCoverage)")
        }
        guard fc.cl == cl else {
            throw InputError(file: sample.path, line: 1, "its Feldman–Cousins critical values are at CL \(fc.cl), not \(cl); ask for CL \(fc.cl), or write the study again at CL \(cl)")
        }
        return try feldmanCousins(statistics: sample.statistics, criticalValues: critical, failed: sample.failed, toys: h.totalToys,
                                  muNu: h.muNuTrue, cl: cl, criticalToys: fc.criticalToys)
    }

    /// The points of several whole studies for `methods`, in ascending μν. Feldman–Cousins is
    /// skipped (`skipped` true) for studies without critical values unless `requireFeldmanCousins`
    /// (the method was asked for explicitly), which makes such a study an error.
    public static func fromToys(_ samples: [ToyStudySample], profile pl: ProfileLikelihood, cl: Double, methods: [IntervalMethod],
                                requireFeldmanCousins: Bool) throws -> (points: [Point], skipped: Bool) {
        var points: [Point] = [], skipped = false
        for sample in samples.sorted(by: { $0.header.muNuTrue < $1.header.muNuTrue }) {
            for m in methods {
                if m == .feldmanCousins && sample.header.criticalValues == nil && !requireFeldmanCousins {
                    skipped = true
                    continue
                }
                points.append(try fromToys(sample, profile: pl, cl: cl, method: m))
            }
        }
        guard !points.isEmpty else {
            throw InputError(file: samples.first?.path, line: 1, "holds no Feldman–Cousins critical values (each toy's, from its inner toys; this study has only t̃); write the study with \(term: .feldmanCousinsCoverage), or ask for wilks or asymptotic-unified")
        }
        return (points, skipped)
    }

    /// The coverage of an asymptotic method from the t̃(μν) of toys thrown at μν.
    static func asymptotic(statistics: [Double], failed: Int, toys: Int, profile pl: ProfileLikelihood, muNu: Double, cl: Double,
                           method: IntervalMethod) throws -> Point {
        let c: Double
        switch method {
        case .wilks: c = try Distributions.chiSquaredQuantile(cl, dof: 1)
        case .asymptoticUnified:
            c = try AsymptoticInterval.criticalValue(cl: cl, sOverSigma: try AsymptoticInterval.sOverSigma(pl, internal: pl.model.internalPOI(muNu: muNu)))
        case .feldmanCousins: throw FitError("Feldman–Cousins coverage needs each toy's own critical value")
        }
        try requireUsable(statistics.count, toys: toys)
        let covered = statistics.reduce(0) { $0 + ($1 <= c * (1 + 1e-9) ? 1 : 0) }
        return point(muNu: muNu, method: method, cl: cl, toys: toys, failed: failed, covered: covered, usable: statistics.count)
    }

    /// The Feldman–Cousins coverage from the t̃(μν) of the toys whose fits did not fail and each
    /// one's own critical value: covered when t̃ ≤ c_toy (the Neyman construction's acceptance,
    /// as ``FeldmanCousins/Point`` accepts a tested μν); a toy without a critical value (−1) counts
    /// as failed.
    static func feldmanCousins(statistics: [Double], criticalValues: [Double], failed: Int, toys: Int, muNu: Double,
                               cl: Double, criticalToys: Int) throws -> Point {
        var covered = 0, usable = 0
        for (t, c) in zip(statistics, criticalValues) where c >= 0 {
            usable += 1
            if t <= c { covered += 1 }
        }
        try requireUsable(usable, toys: toys)
        var p = point(muNu: muNu, method: .feldmanCousins, cl: cl, toys: toys, failed: failed + statistics.count - usable, covered: covered,
                      usable: usable)
        p.criticalToys = criticalToys
        p.expectedCoverage = FeldmanCousins.expectedCoverage(cl: cl, innerToys: criticalToys)
        return p
    }

    static func requireUsable(_ usable: Int, toys: Int) throws {
        guard usable > 0 else {
            throw FitError(study: toys == 0 ? "no toy finished, so there is no coverage" : "all \(toys) toys failed to fit, so there is no coverage")
        }
    }

    static func point(muNu: Double, method: IntervalMethod, cl: Double, toys: Int, failed: Int, covered: Int, usable n: Int) -> Point {
        let p = Double(covered) / Double(n)
        return Point(muNu: muNu, method: method, cl: cl, toys: toys, failedToys: failed, covered: covered, coverage: p,
                     error: (p * (1 - p) / Double(n)).squareRoot())
    }

    /// The toy study behind the coverage at μν: t̃(μν) at its true μν (the study
    /// `nmmfit toys --statistic t --mu μν` writes, and `coverage --shard` writes), with each
    /// toy's Feldman–Cousins critical value when `criticalValues` is given (the CL and the inner
    /// toys per toy).
    public static func study(profile pl: ProfileLikelihood, muNu: Double, toys: Int, seed: UInt64, shard: Int = 0,
                             nshards: Int = 1, criticalValues: ToyFileHeader.CriticalValues? = nil) throws -> ToyStudy {
        try ToyStudy(profile: pl, muNu: muNu, statistic: .tTilde, seed: seed, totalToys: toys,
                     shard: shard, nshards: nshards, criticalValues: criticalValues)
    }

    /// Outer toy k of a Feldman–Cousins coverage study: the study's t̃(μν) record (``ToyRunner``,
    /// as in every t̃ study) and the toy's own critical value. The toy is treated as data: its
    /// nuisances are profiled at the true μν (a fit at fixed s from the study's truth, on the same
    /// toy drawn again from stream k), and c_toy(μν) is the CL-quantile of t̃(μν) over
    /// `criticalToys` inner toys thrown at that fit, with seed mix(seed + 1, k) — a function of
    /// the study's seed and k only, so a shard computes exactly the local run's value. −1 when
    /// the outer fit, the conditional fit or every inner fit failed.
    static func feldmanCousinsRecord(_ k: Int, fitter: Fitter, rng: RandomSource, runner: ToyRunner, generator: ToyGenerator,
                                     engine: ToyEngine, criticalValues fc: ToyFileHeader.CriticalValues) -> ToyRecord {
        var r = runner.runToy(k, fitter: fitter, rng: rng)
        r.criticalValue = -1
        let s = runner.statistic.testedInternal
        guard !r.failed else { return r }
        do {
            let cond = try fitter.fit(generator.generate(using: engine.random(toy: k)), start: runner.truth, fixedPOI: s)
            r.criticalValue = try FeldmanCousins.criticalValue(model: runner.model, truth: cond.internalValues, internalPOI: s, cl: fc.cl,
                                                               toys: fc.criticalToys, seed: RandomSource.mix(runner.seed &+ 1, UInt64(k)),
                                                               threads: 1).value
        } catch {}
        return r
    }

    /// Coverage at μν from `toys` toys on the toy engine (`threads` threads): the study of
    /// ``study(profile:muNu:toys:seed:shard:nshards:criticalValues:)`` (with critical values from
    /// `criticalToys` inner toys per toy for Feldman–Cousins; outer toys run in parallel, inner
    /// ones serially), each toy counted by ``fromToys(_:profile:cl:method:)``'s rule.
    ///
    /// `shouldStop` (e.g. Ctrl-C) ends the toys early: the point then uses the toys finished.
    public static func run(profile pl: ProfileLikelihood, muNu: Double, cl: Double = 0.9, method: IntervalMethod,
                           toys: Int, criticalToys: Int = 500, seed: UInt64 = 1,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           shouldStop: () -> Bool = { false }) throws -> Point {
        let fc = method == .feldmanCousins ? ToyFileHeader.CriticalValues(cl: cl, criticalToys: criticalToys) : nil
        let study = try study(profile: pl, muNu: muNu, toys: toys, seed: seed, criticalValues: fc)
        var statistics: [Double] = [], critical: [Double] = [], failed = 0, done = 0
        study.run(0..<toys, threads: threads, blockSize: 256, shouldStop: shouldStop) { block in
            done += block.count
            for r in block {
                if r.failed { failed += 1; continue }
                statistics.append(r.statistic)
                critical.append(r.criticalValue ?? -1)
            }
        }
        guard fc != nil else {
            return try asymptotic(statistics: statistics, failed: failed, toys: done, profile: pl, muNu: muNu, cl: cl, method: method)
        }
        return try feldmanCousins(statistics: statistics, criticalValues: critical, failed: failed, toys: done, muNu: muNu, cl: cl,
                                  criticalToys: criticalToys)
    }
}

extension Coverage {
    /// Coverage at μν from a store of its study's toys instead of toys in memory: given the
    /// study of ``run(profile:muNu:cl:method:toys:criticalToys:seed:threads:shouldStop:)`` (the
    /// same toys), the store returns the whole study — e.g. from a toys file it writes, resumes
    /// or reads (`coverage --toys-dir`), so that finished toys survive an interrupt — and the
    /// point is counted by ``fromToys(_:profile:cl:method:)``'s rule: the same point as `run`.
    public static func run(profile pl: ProfileLikelihood, muNu: Double, cl: Double = 0.9, method: IntervalMethod, toys: Int,
                           criticalToys: Int = 500, seed: UInt64 = 1, store: (ToyStudy) throws -> ToyStudySample) throws -> Point {
        let fc = method == .feldmanCousins ? ToyFileHeader.CriticalValues(cl: cl, criticalToys: criticalToys) : nil
        let sample = try store(try study(profile: pl, muNu: muNu, toys: toys, seed: seed, criticalValues: fc))
        return try fromToys(sample, profile: pl, cl: cl, method: method)
    }

    /// The file name of a coverage point's toys in a folder of them (`coverage --toys-dir`): its
    /// true μν, toys and seed, and for Feldman–Cousins the CL and inner toys of the critical
    /// values (the asymptotic methods at one μν share one file).
    public static func toysFileName(_ study: ToyStudy) -> String {
        let h = study.header
        let fc = h.criticalValues.map { String(format: "-fc-cl%g-k%d", $0.cl, $0.criticalToys) } ?? ""
        return String(format: "coverage-mu%.6e-n%d-seed%llu", h.muNuTrue, h.totalToys, h.seed) + fc + ".jsonl"
    }
}
