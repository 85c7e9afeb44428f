import Formats
import Foundation
import Likelihood

/// A minimiser result (``FitResult``) as JSON with the conventions of every nmmfit output:
/// `nll` is −ln L = Σ_i (ν_i − n_i ln ν_i + ln n_i!) + Σ_k ½ ((θ_k − a_k)/σ_k)², the Poisson
/// terms including the data constant Σ ln n_i! (as `nll_best`) and the Gaussian constraints
/// without their normalisation; and
/// the parameter of interest's internal value is labelled as what it is, μν² in units of
/// 10⁻²² μB² (`names` lists it as ``poiName``); its value in μB is `mu_nu_muB`.
public struct FitStatus: Encodable, Sendable {
    public var fit: FitResult
    /// Σ ln n_i! over the observed counts of the fitted data.
    public var logFactorials: Double

    /// The JSON name of the parameter of interest's internal value (μν² / (10⁻¹¹ μB)²).
    public static let poiName = "mu_nu_squared_1e-22_muB2"

    public init(_ fit: FitResult, logFactorials: Double) {
        self.fit = fit
        self.logFactorials = logFactorials
    }

    /// The same for a fit of `model`'s observed data.
    public init(_ fit: FitResult, model: BinnedModel) {
        self.init(fit, logFactorials: Self.logFactorials(model.observed.counts))
    }

    /// Σ ln n_i! (ln Γ(n + 1), so non-integer digitised counts are allowed).
    public static func logFactorials<S: Sequence>(_ counts: S) -> Double where S.Element == Double {
        counts.reduce(0.0) { $0 + lgamma($1 + 1) }
    }

    enum CodingKeys: String, CodingKey {
        case names, errors, nll, converged, iterations, edm, fixed, method, notes
        case internalValues = "internal_values"
        case muNu = "mu_nu_muB"
        case atBound = "at_bound"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(fit.names.map { $0 == ModelSpec.poiName ? Self.poiName : $0 }, forKey: .names)
        try c.encode(fit.internalValues, forKey: .internalValues)
        try c.encode(fit.muNu, forKey: .muNu)
        try c.encode(fit.errors, forKey: .errors)
        try c.encode(fit.nll + logFactorials, forKey: .nll)
        try c.encode(fit.converged, forKey: .converged)
        try c.encode(fit.iterations, forKey: .iterations)
        try c.encode(fit.edm, forKey: .edm)
        try c.encode(fit.fixed, forKey: .fixed)
        try c.encode(fit.atBound, forKey: .atBound)
        try c.encode(fit.method, forKey: .method)
        try c.encode(fit.notes, forKey: .notes)
    }
}
