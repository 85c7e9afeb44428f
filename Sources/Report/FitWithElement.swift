import Analysis
import Formats
import Foundation
import MomentModels

/// The result of `nmmfit fit --moments FILE --element E`: the fit and the constraint on one
/// element of a moment matrix. With `provenance`, the
/// nested `fit` is a whole fit document (its keys as `nmmfit fit --json` writes them).
public struct FitWithElement: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var fit: FitReport
    public var element: MomentElementConstraint
    public var provenance: RunProvenance?

    public init(fit: FitReport, element: MomentElementConstraint, provenance: RunProvenance? = nil) {
        self.fit = fit
        self.element = element
        self.provenance = provenance
    }
    enum CodingKeys: String, CodingKey { case fit, element, nmmfitOutput = "nmmfit_output" }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nmmfitOutput, forKey: .nmmfitOutput)
        if let provenance { try c.encode(ResultDocument(fit, provenance: provenance), forKey: .fit) } else { try c.encode(fit, forKey: .fit) }
        try c.encode(element, forKey: .element)
    }
}
