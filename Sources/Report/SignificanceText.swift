import Analysis
import Foundation

/// The one text rendering of a ``SignificanceReport`` (plain or markdown).
public enum SignificanceText {
    public static func document(_ r: SignificanceReport) -> TextDocument {
        var d = TextDocument([.line("q0 = \(Format.f(r.q0, 3));  asymptotic Z = \(Format.f(r.zAsymptotic)) σ, p = \(Format.g(r.pValueAsymptotic, 3))")])
        if let t = r.toy {
            var s = "toys: \(t.exceeding) of \(t.toys - t.failedToys) background-only toys have q0 ≥ q0_obs → p = \(Format.g(t.pValue, 3)) ± \(Format.g(t.pValueError, 2))"
            if let z = t.significance {
                s += ", Z = \(Format.f(z)) σ"
            } else if let zl = t.zLowerBound {
                s += ", Z > \(Format.f(zl)) σ"
            } else {
                s += " (every toy is at least as signal-like as the data: no evidence)"
            }
            d.append(.line(s))
            if t.failedToys > 0 { d.append(.line("(\(t.failedToys) toys failed to fit and are excluded)")) }
        }
        return d
    }

    public static func render(_ r: SignificanceReport, _ style: TextDocument.Style = .plain) -> String { document(r).render(style) }
}
