import Formats
import Foundation
import GSL
import Likelihood

/// Do the datasets of a combination agree on one μν? A likelihood-ratio test of the combined
/// model (one common μν²) against the same model with one μν² per dataset
/// (``ModelBuilder/assemble(_:separateMuNu:)``), all nuisances — including the shared solar
/// flux — profiled in both:
/// ```
/// Δ = −2 ln [ L(common) / L(separate) ] ≥ 0
/// ```
/// Far from any boundary Δ follows χ² with n − 1 dof (Wilks, Ann. Math. Stat. 9 (1938) 60:
/// n datasets, n − 1 constraints s_1 = … = s_n). Here each μν² is bounded at 0 and the common
/// best fit sits at or near that boundary, where the null distribution is a χ̄² mixture of
/// χ²_k with k < n − 1 (Chernoff, Ann. Math. Stat. 25 (1954) 573; Self & Liang, JASA 82 (1987)
/// 605): the χ²_{n−1} p-value is then too large (conservative), by several times for the shipped
/// datasets. The headline p-value is therefore calibrated with toys drawn from the common best
/// fit, each analysed like the data; the χ² value stays as a secondary figure. Z = Φ⁻¹(1 − p).
public enum CompatibilityTest {
    /// How many toys calibrate the p-value.
    public enum ToyPlan: Sendable, Equatable {
        /// No toys: the headline p-value is the χ²_{n−1} one, marked as not calibrated.
        case none
        /// Exactly this many toys.
        case fixed(Int)
        /// Toys in blocks of ``adaptiveBlock`` (at least ``adaptiveMinimum``) until
        /// ``adaptiveTargetExceeding`` toys reach the data's Δ (a relative error of about 10 %)
        /// or ``adaptiveMaximum`` toys have run. Deterministic for a seed: toy k uses stream k.
        case adaptive

        public static let adaptiveMinimum = 1000
        public static let adaptiveBlock = 1000
        public static let adaptiveTargetExceeding = 100
        public static let adaptiveMaximum = 20000

        /// The most toys the plan runs.
        public var maximumToys: Int {
            switch self {
            case .none: 0
            case .fixed(let n): n
            case .adaptive: Self.adaptiveMaximum
            }
        }
    }

    /// Where the headline p-value comes from.
    public enum PValueMethod: String, Codable, Sendable {
        /// Toys of the common best fit (calibrated at the boundary).
        case toys
        /// χ² with n − 1 dof (not calibrated at the boundary μν = 0).
        case chi2Asymptotic = "chi2_asymptotic"
    }

    /// The p-value below which the output flags TENSION.
    public static let tensionThreshold = 0.05

    public struct Result: Codable, Sendable {
        public var datasets: [String]
        public var minusTwoDeltaLnL: Double
        public var dof: Int
        /// The headline p-value and Z = Φ⁻¹(1 − p) (from `pValueMethod`): toys unless none were run.
        public var pValue: Double
        public var zValue: Double
        public var pValueMethod: PValueMethod
        /// True when no toy reached the data's Δ: `pValue` is then 1/N, an upper bound, and
        /// `zValue` a lower bound.
        public var pValueIsBound: Bool
        /// Whether `pValue` is below ``CompatibilityTest/tensionThreshold``.
        public var tension: Bool
        /// The χ²_{n−1} p-value and its Z (secondary: not calibrated at the boundary).
        public var pValueAsymptotic: Double
        public var zAsymptotic: Double
        /// −ln L (without the data constant) of the common and the separate fit.
        public var nllCommon: Double
        public var nllSeparate: Double
        /// Best-fit μν (μB) of each dataset in the separate fit (nuisances shared).
        public var separateMuNuBest: [String: Double]
        public var converged: Bool
        /// Toys run (0 without), failed toys, and the toy p-value with its binomial error and Z.
        public var toys: Int
        public var failedToys: Int
        public var seed: UInt64?
        public var pToys: Double?
        public var pToysError: Double?
        /// Z = Φ⁻¹(1 − p_toys), when 0 < p_toys < 1.
        public var zToys: Double?
        enum CodingKeys: String, CodingKey {
            case datasets, dof, converged, toys, tension, seed
            case pValue = "p_value"
            case zValue = "z"
            case pValueMethod = "p_value_method"
            case pValueIsBound = "p_value_is_upper_bound"
            case zAsymptotic = "z_asymptotic"
            case failedToys = "failed_toys"
            case pToys = "p_value_toys"
            case pToysError = "p_value_toys_error"
            case zToys = "z_toys"
            case minusTwoDeltaLnL = "minus_two_delta_lnL"
            case pValueAsymptotic = "p_value_asymptotic"
            case nllCommon = "nll_common"
            case nllSeparate = "nll_separate"
            case separateMuNuBest = "separate_mu_nu_best_muB"
        }
    }

    /// Opens the toys file of a test for the study `header` (``CompatibilityToysHeader``): the
    /// caller's choice of file, lock and messages; ``openToysFile(path:header:force:)`` opens it.
    public typealias ToysFileOpener = (CompatibilityToysHeader) throws -> CompatibilityToysFile

    /// Opens (and resumes, unless `force`) a compatibility toys file. Adaptive toys are kept in
    /// whole blocks (``ToyPlan/adaptiveBlock``), the points where the stopping rule is checked,
    /// so that a resumed run stops where an uninterrupted one does.
    public static func openToysFile(path: String, header: CompatibilityToysHeader, force: Bool) throws -> CompatibilityToysFile {
        try CompatibilityToysFile.open(path: path, header: header, force: force, keep: { values in
            header.adaptive ? values.count / ToyPlan.adaptiveBlock * ToyPlan.adaptiveBlock : values.count
        })
    }

    /// Runs the test. `common` is the profile likelihood of the combined model; `separate` the
    /// model with one μν² per dataset; `singleBest` each dataset's own best-fit internal μν²
    /// (a starting point of the separate fit). With `toysFile`, the toys are kept in the file it
    /// opens as they finish and those it already holds are used, so that a run interrupted and
    /// resumed gives exactly the numbers of an uninterrupted one.
    public static func run(common: ProfileLikelihood, separate: BinnedModel, datasets: [String],
                           singleBest: [Double], toys plan: ToyPlan = .adaptive, seed: UInt64 = 1,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount, shouldStop: () -> Bool = { false },
                           toysFile: ToysFileOpener? = nil,
                           progress: ((Int) -> Void)? = nil) throws -> Result {
        let model = common.model
        guard datasets.count >= 2, singleBest.count == datasets.count else {
            throw FitError("a compatibility test needs at least two datasets and one best fit each")
        }
        // no more toys than one process may run on this model (before any fit)
        try ToyWork.compatibilityToys.check(plan.maximumToys, option: plan == .adaptive
                                            ? "the adaptive compatibility toys (--compatibility-toys N sets a number), up to" : "--compatibility-toys",
                                            bins: separate.binCount)
        let indexIn = { (name: String) -> Int? in separate.parameterNames.firstIndex(of: name) }
        let perDataset = try datasets.enumerated().map { (k, d) -> Int in
            let n = k == 0 ? model.parameterOfInterest.name : ModelBuilder.separateMuNuParameter(d)
            guard let i = indexIn(n) else { throw FitError("the separate model has no parameter \(n)") }
            return i
        }
        // starts: the common best fit (so the separate fit can only improve on it), and each
        // dataset's own best fit; the nuisances from the common fit
        var base = separate.initial
        for (k, name) in model.parameterNames.enumerated() {
            if let i = indexIn(name) { base[i] = common.best.internalValues[k] }
        }
        let sCommon = common.best.internalValues[model.poiIndex]
        var fromCommon = base, fromSingles = base
        for (k, i) in perDataset.enumerated() {
            fromCommon[i] = sCommon
            fromSingles[i] = singleBest[k]
        }
        func separateFit(_ fitter: Fitter, _ obs: Observation, starts: [[Double]]) throws -> FitResult {
            var best: FitResult?
            for start in starts {
                guard let r = try? fitter.fit(obs, start: start) else { continue }
                if best == nil || r.nll < best!.nll { best = r }
            }
            guard let b = best else { throw FitError("the fit with one μν per dataset failed from every start") }
            return b
        }
        let alt = try separateFit(Fitter(model: separate), separate.observed, starts: [fromCommon, fromSingles])
        let delta = TestStatistic.likelihoodRatio(restricted: common.best.nll, free: alt.nll)
        let dof = datasets.count - 1
        let pAsym = Distributions.chiSquaredSurvival(delta, dof: Double(dof))
        let zAsym = try zFrom(pAsym)
        var mus: [String: Double] = [:]
        for (k, i) in perDataset.enumerated() {
            mus[datasets[k]] = separate.muNu(fromInternal: alt.internalValues[i])
        }

        // toys from the common best fit; the separate model's first parameters are the common
        // model's (ModelBuilder appends the per-dataset μν² at the end)
        let P = model.parameterCount
        let extraAux = Array(separate.nominalAuxiliary[P...])
        let gen = ToyGenerator(model: model, truth: common.best.internalValues)
        let engine = ToyEngine(seed: seed, threads: threads)
        // each toy analysed as the data: the common fit (from the common best fit and from μν = 0)
        // against the separate fit; nil when a fit threw
        func toy(_ fitters: (common: Fitter, separate: Fitter), _ rng: RandomSource) -> Double? {
            let obs = gen.generate(using: rng)
            var zero = common.best.internalValues
            zero[model.poiIndex] = 0
            guard var null = try? fitters.common.fit(obs, start: common.best.internalValues) else { return nil }
            if let z0 = try? fitters.common.fit(obs, start: zero), z0.nll < null.nll { null = z0 }
            var startCommon = null.internalValues + Array(separate.initial[P...])
            var startZero = startCommon
            for i in perDataset {
                startCommon[i] = null.internalValues[model.poiIndex]
                startZero[i] = 0
            }
            guard let sep = try? separateFit(fitters.separate, Observation(counts: obs.counts, auxiliary: obs.auxiliary + extraAux),
                                             starts: [startCommon, startZero]) else { return nil }
            return TestStatistic.twiceDeltaNLL(restricted: null.nll, free: sep.nll)
        }
        var tail = ToyTail(observed: delta)
        let count: Int, enough: () -> Bool
        switch plan {
        case .none: (count, enough) = (0, { true })
        case .fixed(let n): (count, enough) = (n, { false })
        case .adaptive:
            // blocks of adaptiveBlock toys until enough reach the data's Δ (checked between blocks)
            (count, enough) = (ToyPlan.adaptiveMaximum, {
                tail.toys >= ToyPlan.adaptiveMinimum && tail.exceeding >= ToyPlan.adaptiveTargetExceeding
            })
        }
        let blockSize = plan == .adaptive ? ToyPlan.adaptiveBlock : engine.blockSize(fitsPerToy: 6)
        // the toys already in the file (adaptive: up to where an uninterrupted run stopped)
        var file: CompatibilityToysFile?
        defer { file?.close() }
        var first = 0
        if let toysFile, count > 0 {
            let f = try toysFile(CompatibilityToysHeader(
                seed: seed, totalToys: count, adaptive: plan == .adaptive, datasets: datasets,
                modelDigest: try ToyFileHeader.digest(model: model, truth: common.best.internalValues),
                separateModelDigest: try ToyFileHeader.digest(model: separate, truth: alt.internalValues)))
            file = f
            for v in f.values {
                tail.add(v)
                first += 1
                if plan == .adaptive && first % ToyPlan.adaptiveBlock == 0 && enough() { break }
            }
            if first > 0 { progress?(tail.toys) }
        }
        try engine.run(first..<count, blockSize: blockSize, shouldStop: { enough() || shouldStop() },
                   worker: { () -> (common: Fitter, separate: Fitter) in
                       // a toy needs only −ln L and the values of each fit, not their errors
                       let fitters = (common: Fitter(model: model), separate: Fitter(model: separate))
                       fitters.common.computesErrors = false
                       fitters.separate.computesErrors = false
                       return fitters
                   },
                   toy: { fitters, _, rng in toy(fitters, rng) }) { block in
            try file?.append(block)
            for t in block { tail.add(t) }
            progress?(tail.toys)
        }
        let run = tail.toys
        var result = Result(datasets: datasets, minusTwoDeltaLnL: delta, dof: dof, pValue: pAsym, zValue: zAsym,
                            pValueMethod: .chi2Asymptotic, pValueIsBound: false, tension: pAsym < tensionThreshold,
                            pValueAsymptotic: pAsym, zAsymptotic: zAsym, nllCommon: common.best.nll,
                            nllSeparate: alt.nll, separateMuNuBest: mus, converged: alt.converged && common.best.converged,
                            toys: run, failedToys: tail.failed, seed: run > 0 ? seed : nil)
        guard run > 0 else { return result }
        guard let pT = tail.p else { throw FitError("every compatibility toy failed") }
        result.pToys = pT
        result.pToysError = tail.pError
        result.zToys = try tail.z()
        // no toy reached the data: p < 1/N, reported as the bound 1/N with Z its lower bound
        result.pValueIsBound = tail.isBound
        result.pValue = tail.isBound ? 1 / Double(tail.usable) : pT
        result.zValue = try zFrom(result.pValue)
        result.pValueMethod = .toys
        result.tension = result.pValue < tensionThreshold
        return result
    }

    /// Z = Φ⁻¹(1 − p), 0 for p ≥ 0.5: the library's one rule (``TestStatistic/significance(p:ifUnderflow:)``).
    static func zFrom(_ p: Double) throws -> Double {
        try TestStatistic.significance(p: p)
    }
}
