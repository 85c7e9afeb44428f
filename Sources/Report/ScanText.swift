import Analysis
import Foundation

/// The one text rendering of a ``ScanResult`` (plain for the terminal, markdown for reports).
public enum ScanText {
    public static func document(_ r: ScanResult) -> TextDocument {
        TextDocument([
            .line("best fit μν = \(Format.mu11(r.muNuBest)) × 10⁻¹¹ μB"),
            .table(header: ["μν [1e-11 μB]", "−2ΔlnL", "converged"],
                   rows: r.points.map { [Format.mu11($0.muNu), Format.f($0.deltaTwoNLL, 4), $0.converged ? "yes" : "NO"] }),
        ])
    }

    public static func render(_ r: ScanResult, _ style: TextDocument.Style = .plain) -> String { document(r).render(style) }
}
