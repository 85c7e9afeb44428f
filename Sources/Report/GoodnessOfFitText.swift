import Analysis
import Foundation

/// The one text rendering of a ``GoodnessOfFitReport`` (plain for the terminal, markdown for reports).
public enum GoodnessOfFitText {
    public static func document(_ r: GoodnessOfFitReport) -> TextDocument {
        TextDocument([
            .table(header: ["hypothesis", "χ²_BC", "ndof", "p-value"], rows: [
                ["best fit", Format.f(r.bestFit.chi2, 3), "\(r.bestFit.ndof)", Format.g(r.bestFit.pValue, 3)],
                ["background only", Format.f(r.backgroundOnly.chi2, 3), "\(r.backgroundOnly.ndof)", Format.g(r.backgroundOnly.pValue, 3)],
            ]),
        ])
    }

    public static func render(_ r: GoodnessOfFitReport, _ style: TextDocument.Style = .plain) -> String { document(r).render(style) }
}
