import Analysis
import Formats
import Foundation
import Likelihood
import MomentModels

/// The result of `nmmfit fit --moments FILE --element E`, the fit of one element of a moment
/// matrix: `fit` is the direct fit of the element (its keys named `mu_nu_*` hold the parameter of
/// interest, which `parameter_of_interest` names with its unit), `element` the result on the
/// element beside the rescaled universal interval, and `universal_fit` the flavour-universal μν
/// fit of the same data. With `provenance`, the nested `fit` is a whole fit document (its keys as
/// `nmmfit fit --json` writes them).
public struct FitWithElement: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var parameterOfInterest: ParameterOfInterest
    public var fit: FitReport
    public var element: MomentElementFit
    public var universalFit: UniversalFitSummary
    public var provenance: RunProvenance?

    public init(parameterOfInterest: ParameterOfInterest, fit: FitReport, element: MomentElementFit,
                universalFit: UniversalFitSummary, provenance: RunProvenance? = nil) {
        self.parameterOfInterest = parameterOfInterest
        self.fit = fit
        self.element = element
        self.universalFit = universalFit
        self.provenance = provenance
    }
    enum CodingKeys: String, CodingKey {
        case fit, element, nmmfitOutput = "nmmfit_output", parameterOfInterest = "parameter_of_interest", universalFit = "universal_fit"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nmmfitOutput, forKey: .nmmfitOutput)
        try c.encode(parameterOfInterest, forKey: .parameterOfInterest)
        if let provenance { try c.encode(ResultDocument(fit, provenance: provenance), forKey: .fit) } else { try c.encode(fit, forKey: .fit) }
        try c.encode(element, forKey: .element)
        try c.encode(universalFit, forKey: .universalFit)
    }
}

/// The flavour-universal μν fit beside an element fit.
public struct UniversalFitSummary: Encodable, Sendable {
    public var best: Double, interval: [Double], intervalKind: String, cl: Double, intervalMethod: String
    public init(_ r: FitReport) {
        (best, interval, cl, intervalMethod) = (r.muNuBest, r.interval, r.cl, r.intervalMethod)
        intervalKind = r.isUpperLimit ? "upper_limit" : "two_sided"
    }
    enum CodingKeys: String, CodingKey {
        case cl, best = "mu_nu_best_muB", interval = "interval_muB", intervalKind = "interval_kind", intervalMethod = "interval_method"
    }
}

