import Formats
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
        try run(runner, 0..<toys, into: &tail, threads: threads, file: nil, shouldStop: shouldStop, progress: progress)
        return try from(tail)
    }

    /// The same p-value with its toys kept in a toys file as they finish, so that an interrupted
    /// run can be resumed: `file` is open on the background-only q0 study of `profile` with
    /// `toys` toys (``backgroundOnlyStudy(profile:toys:seed:)``, ``ToyFileAppender/open``). The
    /// toys the file already holds (0 ..< `file.next`) are read back, the rest are run and
    /// appended, so a run interrupted and resumed with the same file gives exactly the numbers
    /// of an uninterrupted run (toy k is always stream k of `seed`), with or without a file.
    public static func compute(profile: ProfileLikelihood, toys: Int, seed: UInt64, file: ToyFileAppender,
                               threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                               shouldStop: () -> Bool = { false },
                               progress: ((Int) -> Void)? = nil) throws -> ToyPValue {
        let study = try backgroundOnlyStudy(profile: profile, toys: toys, seed: seed)
        guard file.header.identity == study.header.identity else {
            throw FitError("internal: the toys file \(file.path) is open on another study")
        }
        var tail = ToyTail(observed: try profile.discovery().q0)
        let reader = try ToyFileReader(path: file.path)
        _ = try reader.next()  // the header
        while tail.toys < file.next, let line = try reader.next(), line.complete, let r = ToyRecord.parse(line: line.bytes) {
            tail.add(r.failed ? nil : r.statistic)
        }
        guard tail.toys == file.next else {
            throw InputError(file: file.path, "holds \(tail.toys) readable toys where \(file.next) were kept", remedy: .startAfresh)
        }
        try run(study.runner, file.next..<toys, into: &tail, threads: threads, file: file, shouldStop: shouldStop, progress: progress)
        return try from(tail)
    }

    /// The toy study behind the toy p-value: background-only toys (μν = 0, nuisances at their
    /// conditional fit to the data), q0, `toys` toys of `seed` — the study `nmmfit toys --mu 0`
    /// writes, so its file also serves `--from-toys`.
    public static func backgroundOnlyStudy(profile: ProfileLikelihood, toys: Int, seed: UInt64) throws -> ToyStudy {
        try ToyStudy(profile: profile, muNu: 0, statistic: .q0, seed: seed, totalToys: toys)
    }

    /// Runs toys `indices` into `tail` (and appends them to `file`). `shouldStop` (e.g. Ctrl-C)
    /// ends the run after the current block; the p-value then uses the toys finished so far.
    private static func run(_ runner: ToyRunner, _ indices: Range<Int>, into tail: inout ToyTail, threads: Int, file: ToyFileAppender?,
                            shouldStop: () -> Bool, progress: ((Int) -> Void)?) throws {
        guard !indices.isEmpty else { progress?(tail.toys); return }
        try runner.run(indices, threads: threads, blockSize: 256, shouldStop: shouldStop) { block in
            try file?.append(block)
            for r in block { tail.add(r.failed ? nil : r.statistic) }
            progress?(tail.toys)
        }
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
