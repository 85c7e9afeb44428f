import Analysis
import Foundation
import Likelihood

/// The one text rendering of an ``IntervalReport`` with, for Feldman–Cousins, its construction
/// (`fc`: the ends, the notes on the grid, the tested points); plain or markdown.
public enum IntervalText {
    public static func document(_ r: IntervalReport, feldmanCousins fc: FeldmanCousins.Result? = nil) -> TextDocument {
        var d = TextDocument([.line("best fit μν = \(Format.mu11(r.muNuBest)) × 10⁻¹¹ μB")])
        let what = r.interval[0] <= 0 ? "upper limit" : "interval"
        d.append(.line("\(Format.g(r.cl * 100, 3))% CL \(what) (\(r.method)): \(Format.region("μν", lower: r.interval[0], upper: r.interval[1]))"))
        guard let fc else { return d }
        for (name, e) in [("lower", fc.lower), ("upper", fc.upper)] {
            d.append(.line(e.atBoundary ? "\(name) end = 0 (the boundary)"
                : "\(name) end = \(Format.mu11(e.muNu)) × 10⁻¹¹ μB  ± \(Format.g(e.toyError / 1e-11, 2)) (toys) ± \(Format.g(e.gridError / 1e-11, 2)) (grid) × 10⁻¹¹ μB"))
        }
        if let files = fc.toyFiles { d.append(.line("critical values from \(files.count) toys files")) }
        for (name, e) in [("lower", fc.lower), ("upper", fc.upper)] where !e.atBoundary && e.gridError > e.toyError {
            d.append(.line("note: the \(name) end's grid error exceeds its toy error: add a toy study at μν ≈ \(Format.g(e.muNu, 3)) μB", strong: true))
        }
        if fc.refinementPoints > 0 { d.append(.line("\(fc.refinementPoints) points added near the ends to refine the grid")) }
        d.append(.table(header: ["μν [1e-11 μB]", "t_obs", "critical", "± toys", "toys", "accepted", "failed toys"],
                        rows: fc.points.map { [Format.mu11($0.muNu), Format.f($0.tObserved, 3), Format.f($0.criticalValue, 3),
                                               Format.f($0.criticalValueError, 3), "\($0.toys)", $0.accepted ? "yes" : "no", "\($0.failedToys)"] }))
        return d
    }

    public static func render(_ r: IntervalReport, feldmanCousins fc: FeldmanCousins.Result? = nil, _ style: TextDocument.Style = .plain) -> String {
        document(r, feldmanCousins: fc).render(style)
    }
}
