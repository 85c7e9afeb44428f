import Formats
import Foundation
import Likelihood

/// Everything `nmmfit fit` reports, as versioned JSON (keys and units in the README and in
/// `schemas/fit.schema.json`).
public struct FitReport: Codable, Sendable {
    /// Output format version (``OutputVersion``).
    public var nmmfitOutput = OutputVersion.current
    public var datasets: [String]
    /// Best-fit μν (μB).
    public var muNuBest: Double
    /// Asymmetric 68.27 % errors of μν (μB): best − lower and upper − best end of the
    /// profile-likelihood interval {t̃ ≤ 1} (Wilks, χ²₁ at 68.27 %); the lower error is the whole
    /// best fit when that interval reaches μν = 0.
    public var muNuErrorLow: Double
    public var muNuErrorHigh: Double
    /// Best-fit μν² in units of 10⁻²² μB² = (10⁻¹¹ μB)², with its Hessian error in the same unit.
    public var muNuSquaredBest: Double
    public var muNuSquaredError: Double
    /// The interval: [lo, hi] in μB.
    public var interval: [Double]
    /// "upper_limit" when the interval's lower end is the boundary μν = 0, else "two_sided".
    public var intervalKind: String
    public var cl: Double
    public var intervalMethod: String
    /// Wilks interval, for comparison.
    public var intervalWilks: [Double]
    /// Discovery test statistic, significance and p-value of μν > 0.
    public var q0: Double
    public var significanceSigma: Double
    public var pValue: Double
    /// −ln L at the best fit and of the background-only fit, including the data constant
    /// Σ ln n_i! (so that −ln L is the negative log of the Poisson × Gaussian probability).
    public var nllBest: Double
    public var nllBackgroundOnly: Double
    public var converged: Bool
    public var fitStatus: FitResult
    /// Baker–Cousins χ² and bins.
    public var gofChi2: Double
    public var bins: Int
    public var parameters: [Parameter]
    public var channels: [Channel]
    /// Datasets of this fit digitised from figures (not official releases); empty if none.
    public var digitisedDatasets: [String]?
    /// Median expected upper limit (μB) at `cl`, from the Asimov background-only data set.
    public var expectedLimit: Double?
    /// For a combination: each dataset fitted on its own.
    public var perDataset: [DatasetResult]?
    /// For a combination: one common μν against one μν per dataset.
    public var compatibility: CompatibilityTest.Result?
    /// Overrides of the dataset specs.
    public var specOverrides: [String]?
    /// For a combination: how datasets with an open ³H hypothesis entered it.
    public var combinationPolicy: CombinationPolicy.Record?
    /// For a combination whose upper limit is weaker than the strongest single dataset's: why,
    /// in one line.
    public var combinedWeakerReason: String?

    /// One parameter. `mu_nu` is given in μB with asymmetric errors (`error_low`, `error_high`,
    /// μB, from the 68.27 % profile interval) and no symmetric `error`; every other parameter in
    /// its internal unit (`unit`: "1" = a relative normalisation or a nuisance in units of its
    /// nominal value) with its Hessian error in the same unit.
    public struct Parameter: Codable, Sendable {
        public var name: String
        public var unit: String
        public var value: Double
        public var error: Double?
        public var errorLow: Double?
        public var errorHigh: Double?
        public var backgroundOnlyValue: Double
        enum CodingKeys: String, CodingKey {
            case name, unit, value, error
            case errorLow = "error_low"
            case errorHigh = "error_high"
            case backgroundOnlyValue = "background_only_value"
        }
    }

    public struct Channel: Codable, Sendable {
        public var name: String
        public var binEdgesKeV: [Double]
        public var observed: [Double]
        /// Expected counts of each sample at the best fit.
        public var bestFit: [String: [Double]]
        /// Expected total at the best fit and for the background-only fit.
        public var totalBestFit: [Double]
        public var totalBackgroundOnly: [Double]
        enum CodingKeys: String, CodingKey {
            case name, observed
            case binEdgesKeV = "bin_edges_keV"
            case bestFit = "best_fit"
            case totalBestFit = "total_best_fit"
            case totalBackgroundOnly = "total_background_only"
        }
    }

    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output"
        case datasets
        case muNuBest = "mu_nu_best_muB"
        case muNuErrorLow = "mu_nu_error_low_muB"
        case muNuErrorHigh = "mu_nu_error_high_muB"
        case muNuSquaredBest = "mu_nu_squared_best_1e-22_muB2"
        case muNuSquaredError = "mu_nu_squared_error_1e-22_muB2"
        case interval = "interval_muB"
        case intervalKind = "interval_kind"
        case cl
        case intervalMethod = "interval_method"
        case intervalWilks = "interval_wilks_muB"
        case q0
        case significanceSigma = "z_asymptotic"
        case pValue = "p_value_asymptotic"
        case nllBest = "nll_best"
        case nllBackgroundOnly = "nll_background_only"
        case converged
        case fitStatus = "fit_status"
        case gofChi2 = "gof_baker_cousins_chi2"
        case bins, parameters, channels
        case digitisedDatasets = "digitised_datasets"
        case expectedLimit = "expected_limit_asimov_median_muB"
        case perDataset = "per_dataset"
        case compatibility
        case specOverrides = "spec_overrides"
        case combinationPolicy = "combination_policy"
        case combinedWeakerReason = "combined_weaker_reason"
    }

    /// The JSON keys of the README; `fit_status` with the conventions of every output
    /// (``FitStatus``: −ln L including Σ ln n_i! as `nll_best`, μν² labelled in `names`).
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nmmfitOutput, forKey: .nmmfitOutput)
        try c.encode(datasets, forKey: .datasets)
        try c.encode(muNuBest, forKey: .muNuBest)
        try c.encode(muNuErrorLow, forKey: .muNuErrorLow)
        try c.encode(muNuErrorHigh, forKey: .muNuErrorHigh)
        try c.encode(muNuSquaredBest, forKey: .muNuSquaredBest)
        try c.encode(muNuSquaredError, forKey: .muNuSquaredError)
        try c.encode(interval, forKey: .interval)
        try c.encode(intervalKind, forKey: .intervalKind)
        try c.encode(cl, forKey: .cl)
        try c.encode(intervalMethod, forKey: .intervalMethod)
        try c.encode(intervalWilks, forKey: .intervalWilks)
        try c.encode(q0, forKey: .q0)
        try c.encode(significanceSigma, forKey: .significanceSigma)
        try c.encode(pValue, forKey: .pValue)
        try c.encode(nllBest, forKey: .nllBest)
        try c.encode(nllBackgroundOnly, forKey: .nllBackgroundOnly)
        try c.encode(converged, forKey: .converged)
        let logFactorials = FitStatus.logFactorials(channels.flatMap(\.observed))
        try c.encode(FitStatus(fitStatus, logFactorials: logFactorials), forKey: .fitStatus)
        try c.encode(gofChi2, forKey: .gofChi2)
        try c.encode(bins, forKey: .bins)
        try c.encode(parameters, forKey: .parameters)
        try c.encode(channels, forKey: .channels)
        try c.encodeIfPresent(digitisedDatasets, forKey: .digitisedDatasets)
        try c.encodeIfPresent(expectedLimit, forKey: .expectedLimit)
        try c.encodeIfPresent(perDataset, forKey: .perDataset)
        try c.encodeIfPresent(compatibility.map { CompatibilityEncoding(result: $0, logFactorials: logFactorials) }, forKey: .compatibility)
        try c.encodeIfPresent(specOverrides, forKey: .specOverrides)
        try c.encodeIfPresent(combinationPolicy, forKey: .combinationPolicy)
        try c.encodeIfPresent(combinedWeakerReason, forKey: .combinedWeakerReason)
    }

    /// The confidence level of a ±1σ Gaussian interval, 2Φ(1) − 1 = erf(1/√2) = 0.6827.
    public static let oneSigmaCL = erf(1 / 2.0.squareRoot())

    /// Whether the interval is an upper limit (its lower end is the boundary μν = 0).
    public var isUpperLimit: Bool { interval.count == 2 && interval[0] <= 0 }

    /// Runs the standard analysis on a model: best fit, background-only fit, q0, intervals, GOF.
    public static func make(model: BinnedModel, cl: Double = 0.9, method: AsymptoticInterval.Method = .unified) throws -> FitReport {
        try make(profile: try ProfileLikelihood(model: model), cl: cl, method: method)
    }

    /// The same from an existing profile likelihood (its best fit is reused).
    public static func make(profile pl: ProfileLikelihood, cl: Double = 0.9, method: AsymptoticInterval.Method = .unified) throws -> FitReport {
        let model = pl.model
        let d = try pl.discovery()
        let iv = try AsymptoticInterval.interval(pl, cl: cl, method: method)
        let ivW = method == .wilks ? iv : try AsymptoticInterval.interval(pl, cl: cl, method: .wilks)
        let oneSigma = try AsymptoticInterval.interval(pl, cl: oneSigmaCL, method: .wilks)
        let best = pl.best, bkg = d.backgroundOnly
        let bySample = model.expectedBySample(best.internalValues)
        let totB = model.expected(best.internalValues), totBkg = model.expected(bkg.internalValues)
        let channels = model.channelNames.enumerated().map { (c, name) -> Channel in
            let r = model.channelRanges[c]
            var samples: [String: [Double]] = [:]
            for s in bySample where s.channel == c { samples[s.sample] = s.counts }
            return Channel(name: name, binEdgesKeV: model.binEdges[c], observed: Array(model.observed.counts[r]),
                           bestFit: samples, totalBestFit: Array(totB[r]), totalBackgroundOnly: Array(totBkg[r]))
        }
        let errLow = max(best.muNu - oneSigma.lower, 0), errHigh = max(oneSigma.upper - best.muNu, 0)
        let params = model.parameterNames.enumerated().map { (k, n) in
            k == model.poiIndex
                ? Parameter(name: n, unit: "muB", value: best.muNu, error: nil, errorLow: errLow, errorHigh: errHigh, backgroundOnlyValue: 0)
                : Parameter(name: n, unit: "1", value: best.internalValues[k], error: best.errors[k], errorLow: nil, errorHigh: nil,
                            backgroundOnlyValue: bkg.internalValues[k])
        }
        let logFactorials = model.observed.counts.reduce(0.0) { $0 + lgamma($1 + 1) }
        return FitReport(
            datasets: model.channelNames, muNuBest: best.muNu, muNuErrorLow: errLow, muNuErrorHigh: errHigh,
            muNuSquaredBest: best.internalValues[model.poiIndex],
            muNuSquaredError: best.errors[model.poiIndex], interval: [iv.lower, iv.upper],
            intervalKind: iv.isUpperLimit ? "upper_limit" : "two_sided", cl: cl,
            intervalMethod: iv.method, intervalWilks: [ivW.lower, ivW.upper], q0: d.q0, significanceSigma: d.z,
            pValue: d.p, nllBest: best.nll + logFactorials, nllBackgroundOnly: bkg.nll + logFactorials, converged: best.converged && bkg.converged,
            fitStatus: best, gofChi2: model.bakerCousinsChi2(best.internalValues, model.observed), bins: model.binCount,
            parameters: params, channels: channels)
    }
}
