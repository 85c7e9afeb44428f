import Foundation
import GSL
import Recoil

/// Do the datasets of a combination agree on one μν? A likelihood-ratio test of the combined
/// model (one common μν²) against the same model with one μν² per dataset
/// (``ModelBuilder/assemble(_:separateMuNu:)``), all nuisances — including the shared solar
/// flux — profiled in both:
/// ```
/// Δ = −2 ln [ L(common) / L(separate) ] ≥ 0,   asymptotically χ² with n − 1 dof
/// ```
/// (Wilks, Ann. Math. Stat. 9 (1938) 60: n datasets, n − 1 constraints s_1 = … = s_n). The
/// per-dataset μν² are bounded at 0, so near the boundary the χ²_{n−1} p-value is approximate
/// (it is conservative when a dataset's own fit sits at 0). Z = Φ⁻¹(1 − p).
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
        enum CodingKeys: String, CodingKey {
            case datasets, dof, z, converged
            case minusTwoDeltaLnL = "minus_two_delta_lnL"
            case pValue = "p_value"
            case nllCommon = "nll_common"
            case nllSeparate = "nll_separate"
            case separateMuNuBest = "separate_mu_nu_best"
        }
    }

    /// Runs the test. `common` is the profile likelihood of the combined model; `separate` the
    /// model with one μν² per dataset; `singleBest` each dataset's own best-fit internal μν²
    /// (a starting point of the separate fit).
    public static func run(common: ProfileLikelihood, separate: BinnedModel, datasets: [String],
                           singleBest: [Double]) throws -> Result {
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
        var best: FitResult?
        for start in [fromCommon, fromSingles] {
            guard let r = try? fitter.fit(separate.observed, start: start) else { continue }
            if best == nil || r.nll < best!.nll { best = r }
        }
        guard let alt = best else { throw FitError("the fit with one μν per dataset failed from every start") }
        let delta = max(2 * (common.best.nll - alt.nll), 0)
        let dof = datasets.count - 1
        let p = Distributions.chiSquaredSurvival(delta, dof: Double(dof))
        let z = p >= 0.5 ? 0 : try Distributions.normalSurvivalQuantile(max(p, 1e-300))
        var mus: [String: Double] = [:]
        for (k, i) in perDataset.enumerated() {
            mus[datasets[k]] = separate.muNu(fromInternal: alt.internalValues[i])
        }
        return Result(datasets: datasets, minusTwoDeltaLnL: delta, dof: dof, pValue: p, z: z, nllCommon: common.best.nll,
                      nllSeparate: alt.nll, separateMuNuBest: mus, converged: alt.converged && common.best.converged)
    }
}
