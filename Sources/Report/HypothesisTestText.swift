import Analysis
import Foundation
import Likelihood

/// The one text rendering of a hypothesis test (`nmmfit compare`; plain or markdown).
public enum HypothesisTestText {
    public static func document(_ r: HypothesisTest.Result) -> TextDocument {
        var head = "null: \(r.tested.joined(separator: ", ")) = 0"
        if !r.excluded.isEmpty { head += " (left out of both: \(r.excluded.joined(separator: ", ")))" }
        head += ";  −2Δ lnL = \(Format.f(r.deltaTwoNLL, 3))"
        var d = TextDocument([
            .line(head),
            .line("asymptotic (χ̄² with \(r.tested.count) boundary parameter\(r.tested.count > 1 ? "s" : "")): p = \(Format.g(r.pAsymptotic, 3)), Z = \(Format.f(r.zAsymptotic)) σ"),
        ])
        if let p = r.pToys {
            d.append(.line("toys (\(r.toys - r.failedToys) fitted, \(r.failedToys) failed): p = \(Format.g(p, 3)) ± \(Format.g(r.pToysError ?? 0, 2))"
                + (r.zToys.map { ", Z = \(Format.f($0)) σ" } ?? " (no toy exceeded)")))
        }
        return d
    }

    public static func render(_ r: HypothesisTest.Result, _ style: TextDocument.Style = .plain) -> String { document(r).render(style) }
}
