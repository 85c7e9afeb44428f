import Foundation
import GSL
import Likelihood

/// Do the datasets of a combination agree on one μν? A likelihood-ratio test of the combined
/// model (one common μν²) against the same model with one μν² per dataset
/// (``ModelBuilder/assemble(_:separateMuNu:)``), all nuisances — including the shared solar
/// flux — profiled in both:
/// ```
/// Δ = −2 ln [ L(common) / L(separate) ] ≥ 0,   asymptotically χ² with n − 1 dof
/// ```
/// (Wilks, Ann. Math. Stat. 9 (1938) 60: n datasets, n − 1 constraints s_1 = … = s_n). The
/// per-dataset μν² are bounded at 0, so near the boundary the χ²_{n−1} p-value is approximate
/// (it is conservative when a dataset's own fit sits at 0); with `toys` > 0 the p-value is also
/// computed from toys drawn from the common best fit, each analysed like the data. Z = Φ⁻¹(1 − p).
public enum CompatibilityTest {
    public struct Result: Codable, Sendable {
        public var datasets: [String]
        public var minusTwoDeltaLnL: Double
        public var dof: Int
        public var pValue: Double
        public var z: Double
        /// −ln L (without the data constant) of the common and the separate fit.
        public var nllCommon: Double
        public var nllSeparate: Double
        /// Best-fit μν (μB) of each dataset in the separate fit (nuisances shared).
        public var separateMuNuBest: [String: Double]
        public var converged: Bool
        /// Toy-based p-value (fraction of toys with Δ at least the data's), its binomial error,
        /// and the numbers of toys asked for and failed; nil without toys.
        public var toys: Int
        public var failedToys: Int
        public var pToys: Double?
        public var pToysError: Double?
        /// Z = Φ⁻¹(1 − p_toys), when 0 < p_toys < 1.
        public var zToys: Double?
        enum CodingKeys: String, CodingKey {
            case datasets, dof, converged, toys
            case z = "z_asymptotic"
            case failedToys = "failed_toys"
            case pToys = "p_value_toys"
            case pToysError = "p_value_toys_error"
            case zToys = "z_toys"
            case minusTwoDeltaLnL = "minus_two_delta_lnL"
            case pValue = "p_value_asymptotic"
            case nllCommon = "nll_common"
            case nllSeparate = "nll_separate"
            case separateMuNuBest = "separate_mu_nu_best_muB"
        }
    }

    /// Runs the test. `common` is the profile likelihood of the combined model; `separate` the
    /// model with one μν² per dataset; `singleBest` each dataset's own best-fit internal μν²
    /// (a starting point of the separate fit).
    public static func run(common: ProfileLikelihood, separate: BinnedModel, datasets: [String],
                           singleBest: [Double], toys: Int = 0, seed: UInt64 = 1) throws -> Result {
        let model = common.model
        guard datasets.count >= 2, singleBest.count == datasets.count else {
            throw FitError("a compatibility test needs at least two datasets and one best fit each")
        }
        let indexIn = { (name: String) -> Int? in separate.parameterNames.firstIndex(of: name) }
        let perDataset = try datasets.enumerated().map { (k, d) -> Int in
            let n = k == 0 ? ModelSpec.poiName : ModelBuilder.separateMuNuParameter(d)
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
        let fitter = Fitter(model: separate)
        func separateFit(_ obs: Observation, starts: [[Double]]) throws -> FitResult {
            var best: FitResult?
            for start in starts {
                guard let r = try? fitter.fit(obs, start: start) else { continue }
                if best == nil || r.nll < best!.nll { best = r }
            }
            guard let b = best else { throw FitError("the fit with one μν per dataset failed from every start") }
            return b
        }
        let alt = try separateFit(separate.observed, starts: [fromCommon, fromSingles])
        let delta = TestStatistic.likelihoodRatio(restricted: common.best.nll, free: alt.nll)
        let dof = datasets.count - 1
        let p = Distributions.chiSquaredSurvival(delta, dof: Double(dof))
        let z = p >= 0.5 ? 0 : try Distributions.normalSurvivalQuantile(max(p, 1e-300))
        var mus: [String: Double] = [:]
        for (k, i) in perDataset.enumerated() {
            mus[datasets[k]] = separate.muNu(fromInternal: alt.internalValues[i])
        }
        var pToys: Double?, pToysError: Double?, zToys: Double?, failed = 0
        if toys > 0 {
            // toys from the common best fit; the separate model's first parameters are the
            // common model's (ModelBuilder appends the per-dataset μν² at the end)
            let P = model.parameterCount
            let extraAux = Array(separate.nominalAuxiliary[P...])
            let gen = ToyGenerator(model: model, truth: common.best.internalValues)
            let commonFitter = Fitter(model: model)
            var exceed = 0, n = 0
            for k in 0..<toys {
                let obs = gen.generate(using: RandomSource(seed: seed, stream: UInt64(k)))
                do {
                    var zero = common.best.internalValues
                    zero[model.poiIndex] = 0
                    var null = try commonFitter.fit(obs, start: common.best.internalValues)
                    if let z0 = try? commonFitter.fit(obs, start: zero), z0.nll < null.nll { null = z0 }
                    var startCommon = null.internalValues + Array(separate.initial[P...])
                    var startZero = startCommon
                    for i in perDataset {
                        startCommon[i] = null.internalValues[model.poiIndex]
                        startZero[i] = 0
                    }
                    let sep = try separateFit(Observation(counts: obs.counts, auxiliary: obs.auxiliary + extraAux),
                                              starts: [startCommon, startZero])
                    n += 1
                    if TestStatistic.atLeastAsExtreme(TestStatistic.twiceDeltaNLL(restricted: null.nll, free: sep.nll), observed: delta) {
                        exceed += 1
                    }
                } catch { failed += 1 }
            }
            guard n > 0 else { throw FitError("every compatibility toy failed") }
            pToys = Double(exceed) / Double(n)
            pToysError = toyPValueError(pToys!, n)
            zToys = exceed > 0 && exceed < n ? max(try Distributions.normalSurvivalQuantile(pToys!), 0) : nil
        }
        return Result(datasets: datasets, minusTwoDeltaLnL: delta, dof: dof, pValue: p, z: z, nllCommon: common.best.nll,
                      nllSeparate: alt.nll, separateMuNuBest: mus, converged: alt.converged && common.best.converged,
                      toys: toys, failedToys: failed, pToys: pToys, pToysError: pToysError, zToys: zToys)
    }
}
