import Formats
import Foundation
import Likelihood

/// The result of `nmmfit gof`: the saturated-model (Baker–Cousins) χ² of the best fit and of the
/// background-only fit, each with its degrees of freedom (bins − fitted parameters; the
/// background-only fit has μν fixed, one fitted parameter fewer) and asymptotic p-value.
public struct GoodnessOfFitReport: Codable, Sendable {
    public struct Entry: Codable, Sendable {
        public var chi2: Double
        public var ndof: Int
        public var pValue: Double
        enum CodingKeys: String, CodingKey {
            case chi2, ndof
            case pValue = "p_value_asymptotic"
        }
        public init(chi2: Double, ndof: Int, pValue: Double) {
            self.chi2 = chi2
            self.ndof = ndof
            self.pValue = pValue
        }
    }

    public var nmmfitOutput = OutputVersion.current
    public var bestFit: Entry
    public var backgroundOnly: Entry
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output"
        case bestFit = "best_fit"
        case backgroundOnly = "background_only"
    }

    public init(bestFit: Entry, backgroundOnly: Entry) {
        self.bestFit = bestFit
        self.backgroundOnly = backgroundOnly
    }

    /// Fits `model` with μν free and with μν = 0 and tests both fits.
    public static func compute(model: BinnedModel) throws -> GoodnessOfFitReport {
        let pl = try ProfileLikelihood(model: model)
        let bkg = try pl.conditionalFit(internal: 0)
        let freeParams = GoodnessOfFitTest.fittedParameters(model)
        func entry(_ f: FitResult, _ k: Int) -> Entry {
            let g = GoodnessOfFitTest(model: model, fit: f, fittedParameters: k)
            return Entry(chi2: g.chi2, ndof: g.ndof, pValue: g.pValue)
        }
        return GoodnessOfFitReport(bestFit: entry(pl.best, freeParams), backgroundOnly: entry(bkg, freeParams - 1))
    }
}
