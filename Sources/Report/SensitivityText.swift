import Foundation
import Likelihood

/// The one text rendering of an expected-limit study (``Sensitivity/Result``); `requestedToys`
/// names an interrupted study's shortfall. Plain or markdown.
public enum SensitivityText {
    public static func document(_ r: Sensitivity.Result, requestedToys: Int? = nil) -> TextDocument {
        var d = TextDocument([
            .line("expected \(Format.g(r.cl * 100, 3))% CL upper limit on μν (10⁻¹¹ μB), \(r.method):"),
            .line("  Asimov median < \(Format.mu11(r.asimovMedian))"),
        ])
        if r.band.count == 5 {
            d.append(.line("  toys: −2σ \(Format.mu11(r.band[0]))  −1σ \(Format.mu11(r.band[1]))  median \(Format.mu11(r.band[2]))  +1σ \(Format.mu11(r.band[3]))  +2σ \(Format.mu11(r.band[4]))"))
        }
        if let n = requestedToys, r.toys < n { d.append(.line("  (interrupted: the band uses the \(r.toys) of \(n) toys finished)", strong: true)) }
        d.append(.line(r.observedLower > 0
            ? "  observed: two-sided, [\(Format.mu11(r.observedLower)), \(Format.mu11(r.observed))] (the data exclude μν = 0; the upper end is not an upper limit)"
            : "  observed < \(Format.mu11(r.observed))"))
        return d
    }

    public static func render(_ r: Sensitivity.Result, requestedToys: Int? = nil, _ style: TextDocument.Style = .plain) -> String {
        document(r, requestedToys: requestedToys).render(style)
    }
}
