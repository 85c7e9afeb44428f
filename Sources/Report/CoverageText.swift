import Analysis
import Foundation

/// The one text rendering of a ``CoverageReport`` (plain or markdown).
public enum CoverageText {
    public static func document(_ r: CoverageReport) -> TextDocument {
        TextDocument([
            .table(header: ["μν [1e-11 μB]", "method", "toys", "failed", "coverage", "± error", "nominal"], rows: r.points.map {
                [Format.mu11($0.muNu), $0.method.rawValue, "\($0.toys)", "\($0.failedToys)", Format.f($0.coverage, 4), Format.f($0.error, 4), Format.f($0.cl, 3)]
            }),
        ])
    }

    public static func render(_ r: CoverageReport, _ style: TextDocument.Style = .plain) -> String { document(r).render(style) }
}
