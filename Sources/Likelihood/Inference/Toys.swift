import Foundation
import GSL

/// Generates pseudo-experiments from a ``BinnedModel``: Poisson counts around the expectation
/// at the true parameters, and Gaussian auxiliary measurements around the true values of the
/// constrained parameters (the frequentist treatment of constraints; CCGV 2011 Sec. 2).
public struct ToyGenerator: Sendable {
    public let model: BinnedModel
    /// True internal parameters.
    public let truth: [Double]
    private let expected: [Double]

    public init(model: BinnedModel, truth: [Double]) {
        self.model = model
        self.truth = truth
        expected = model.expected(truth)
    }

    /// One toy observation drawn with `rng`.
    public func generate(using rng: RandomSource) -> Observation {
        var counts = [Double](repeating: 0, count: expected.count)
        for i in 0..<expected.count { counts[i] = Double(rng.poisson(mean: max(expected[i], 0))) }
        var aux = model.nominalAuxiliary
        for p in 0..<model.parameterCount where model.constraintSigma[p] > 0 {
            aux[p] = rng.gaussian(mean: truth[p], sigma: model.constraintSigma[p])
        }
        return Observation(counts: counts, auxiliary: aux)
    }
}

/// The test statistic evaluated on each toy.
public enum ToyStatistic: Sendable, Equatable {
    /// q0: discovery test against μν = 0 (CCGV Eq. 12).
    case q0
    /// t̃(s) at the tested internal s (two-sided, bounded MLE; used by Feldman–Cousins).
    case tTilde(s: Double)

    /// The statistic's name in the registry.
    public var name: TestStatisticName {
        switch self {
        case .q0: .q0
        case .tTilde: .tTilde
        }
    }

    /// The internal s the restricted fit holds: 0 for q0, the tested s for t̃.
    public var testedInternal: Double {
        switch self {
        case .q0: 0
        case .tTilde(let s): s
        }
    }
}

/// One fitted toy, as written to a JSON-lines file.
public struct ToyRecord: Sendable, Codable, Equatable {
    /// Toy index within the study (its RNG stream).
    public var toy: Int
    /// Fitted μν (μB) and internal ŝ.
    public var muNuHat: Double
    public var sHat: Double
    /// Hessian error of ŝ (0 at the boundary).
    public var sHatError: Double
    /// The test statistic.
    public var statistic: Double
    /// −ln L of the free and of the constrained fit.
    public var nllFree: Double
    public var nllConstrained: Double
    /// Both fits converged.
    public var converged: Bool
    /// A fit threw; the record is kept (statistic = NaN is never written: it is −1 then).
    public var failed: Bool
    /// Only in a Feldman–Cousins coverage study (toys-file format 4, ``ToyFileHeader/criticalValues``):
    /// the toy's own critical value c_toy(μν) at the file's CL, from inner toys thrown at the
    /// toy's conditional fit; −1 when there is none (the outer or every inner fit failed). Nil
    /// (absent from the line) in every other study.
    public var criticalValue: Double? = nil

    enum CodingKeys: String, CodingKey {
        case toy, statistic, converged, failed
        case criticalValue = "critical_value"
        case muNuHat = "mu_nu_hat_muB"
        case sHat = "s_hat"
        case sHatError = "s_hat_error"
        case nllFree = "nll_free"
        case nllConstrained = "nll_constrained"
    }
}

/// Runs toy studies of q0 or t̃ on the toy engine (``ToyEngine``): each toy k draws from its own
/// RNG stream k of the seed, so results are identical whatever the number of threads or shards.
/// Work is done in blocks whose records are handed out in toy order, so memory does not grow
/// with the number of toys.
public struct ToyRunner: Sendable {
    public let model: BinnedModel
    public let truth: [Double]
    public let statistic: ToyStatistic
    public let seed: UInt64
    private let generator: ToyGenerator

    public init(model: BinnedModel, truth: [Double], statistic: ToyStatistic, seed: UInt64) {
        self.model = model
        self.truth = truth
        self.statistic = statistic
        self.seed = seed
        generator = ToyGenerator(model: model, truth: truth)
    }

    /// Fits one toy with a given fitter.
    public func runToy(_ k: Int, fitter: Fitter) -> ToyRecord {
        runToy(k, fitter: fitter, rng: ToyEngine(seed: seed, threads: 1).random(toy: k))
    }

    /// Fits toy `k` drawn with `rng` (the engine's stream k).
    func runToy(_ k: Int, fitter: Fitter, rng: RandomSource) -> ToyRecord {
        let obs = generator.generate(using: rng)
        do {
            // Start at the truth (fast, and right for almost every toy); when that fit does not
            // converge, fall back to the multi-start fit the data get.
            var free = try fitter.fit(obs, start: truth)
            if !free.converged, let alt = try? fitter.fitMultiStart(obs), alt.nll < free.nll || !free.converged { free = alt }
            let sTest = statistic.testedInternal
            var start = free.internalValues
            start[model.poiIndex] = sTest
            // The record keeps only −ln L and the status of the restricted fit: its Hessian errors
            // are not computed (values, −ln L and status are the same either way).
            let keepsErrors = fitter.computesErrors
            fitter.computesErrors = false
            defer { fitter.computesErrors = keepsErrors }
            let fixed = try fitter.fit(obs, start: start, fixedPOI: sTest)
            let sHat = free.internalValues[model.poiIndex]
            let t = statistic.name.value(restricted: fixed.nll, free: free.nll, sHat: sHat)
            return ToyRecord(toy: k, muNuHat: free.muNu, sHat: sHat, sHatError: free.errors[model.poiIndex], statistic: t,
                             nllFree: free.nll, nllConstrained: fixed.nll, converged: free.converged && fixed.converged,
                             failed: false)
        } catch {
            return ToyRecord(toy: k, muNuHat: -1, sHat: -1, sHatError: 0, statistic: -1, nllFree: 0, nllConstrained: 0,
                             converged: false, failed: true)
        }
    }

    /// Runs toys `indices` on `threads` threads, calling `sink` with the records in index order.
    /// `shouldStop` is polled between blocks (e.g. after Ctrl-C): finished blocks are kept.
    public func run(
        _ indices: Range<Int>, threads: Int = ProcessInfo.processInfo.activeProcessorCount, blockSize: Int = 2048,
        shouldStop: () -> Bool = { false }, sink: ([ToyRecord]) throws -> Void
    ) rethrows {
        let model = model
        try ToyEngine(seed: seed, threads: threads).run(indices, blockSize: blockSize, shouldStop: shouldStop,
                                                        worker: { Fitter(model: model) },
                                                        toy: { fitter, k, rng in runToy(k, fitter: fitter, rng: rng) }, sink: sink)
    }
}

/// Shards of a toy study for batch systems: shard i of n runs a contiguous slice of toy indices.
public enum Sharding {
    /// Toy indices of shard `i` (0-based) of `n` for a study of `total` toys.
    public static func range(shard i: Int, of n: Int, total: Int) -> Range<Int> {
        let lo = total * i / n, hi = total * (i + 1) / n
        return lo..<hi
    }
}
