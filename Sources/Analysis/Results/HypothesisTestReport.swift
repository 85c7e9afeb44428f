import Formats
import Foundation
import Likelihood

/// The result of `nmmfit compare`: a ``HypothesisTest/Result`` whose two fits are written with
/// the conventions of every output (``FitStatus``: −ln L including Σ ln n_i!, μν² labelled).
public struct HypothesisTestReport: Encodable, Sendable {
    public var result: HypothesisTest.Result
    /// Σ ln n_i! of the tested data.
    public var logFactorials: Double

    public init(_ result: HypothesisTest.Result, model: BinnedModel) {
        self.result = result
        self.logFactorials = FitStatus.logFactorials(model.observed.counts)
    }

    enum CodingKeys: String, CodingKey {
        case nullFit = "null_fit"
        case alternativeFit = "alternative_fit"
    }

    public func encode(to encoder: Encoder) throws {
        try result.encode(to: encoder)
        // the two fits replace the minimiser's own encoding (a key written again is replaced)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(FitStatus(result.nullFit, logFactorials: logFactorials), forKey: .nullFit)
        try c.encode(FitStatus(result.alternativeFit, logFactorials: logFactorials), forKey: .alternativeFit)
    }
}
