import Analysis
import Foundation

/// The one text rendering of a ``CoverageReport`` (plain or markdown).
public enum CoverageText {
    public static func document(_ r: CoverageReport) -> TextDocument {
        TextDocument([
            .table(header: ["μν [1e-11 μB]", "method", "toys", "failed", "coverage", "± error", "nominal", "expected"], rows: r.points.map {
                [Format.mu11($0.muNu), $0.method.rawValue, "\($0.toys)", "\($0.failedToys)", Format.f($0.coverage, 4), Format.f($0.error, 4), Format.f($0.cl, 3),
                 $0.expectedCoverage.map { Format.f($0, 4) } ?? "—"]
            }),
        ] + (r.points.contains { $0.expectedCoverage != nil } ? [.remark(label: "expected", text: expectedNote)] : []))
    }

    /// What the `expected` column is.
    static let expectedNote = "the coverage Feldman–Cousins gives on average when each critical value comes from N inner toys (--critical-toys): ((N − 1)·CL + 1)/(N + 1), a little below the nominal CL; compare the measured coverage with it. A few hundred toys resolve coverage only to about ±0.02."


    public static func render(_ r: CoverageReport, _ style: TextDocument.Style = .plain) -> String { document(r).render(style) }
}
