import Analysis
import Formats
import Foundation

/// The one text rendering of a ``FitReport``: the terminal table of `nmmfit fit` (plain) and the
/// result part of a report's `summary.md` (markdown) are the same document, so they state the
/// same numbers, policy, compatibility test and verdict.
public enum FitText {
    /// The fit as text in `style`.
    public static func render(_ r: FitReport, _ style: TextDocument.Style = .plain) -> String {
        document(r).render(style)
    }

    public static func document(_ r: FitReport) -> TextDocument {
        var d = TextDocument()
        for ch in r.channels {
            let title = "\(ch.name): \(Format.g(ch.binEdgesKeV.first!))–\(Format.g(ch.binEdgesKeV.last!)) keV"
            d.append(.heading(plain: title, markdown: title))
            let names = ch.bestFit.keys.sorted()
            var rows: [[String]] = []
            for i in ch.observed.indices {
                var row = ["\(Format.g(ch.binEdgesKeV[i]))–\(Format.g(ch.binEdgesKeV[i + 1]))", Format.g(ch.observed[i], 6)]
                row += names.map { Format.f(ch.bestFit[$0]![i]) }
                row += [Format.f(ch.totalBestFit[i]), Format.f(ch.totalBackgroundOnly[i])]
                rows.append(row)
            }
            var tot = ["total", Format.g(ch.observed.reduce(0, +), 6)]
            tot += names.map { Format.f(ch.bestFit[$0]!.reduce(0, +)) }
            tot += [Format.f(ch.totalBestFit.reduce(0, +)), Format.f(ch.totalBackgroundOnly.reduce(0, +))]
            rows.append(tot)
            d.append(.table(header: ["E [keV]", "observed"] + names.map { "\($0) (fit)" } + ["total (fit)", "bkg-only fit"], rows: rows))
            d.append(.blank)
        }
        d.append(.fields(fields(r)))
        d.append(.blank)
        d.append(.heading(plain: "parameters:", markdown: "Parameters"))
        d.append(.table(header: ["name", "best fit", "error", "bkg-only fit"], rows: r.parameters.map { p in
            p.unit == "muB" ? [p.name + " [10⁻¹¹ μB]", Format.mu11(p.value), MuNuText.errors(low: p.errorLow ?? 0, high: p.errorHigh ?? 0), "0"]
                : [p.name, Format.g(p.value, 5), p.error.map { Format.g($0, 3) } ?? "—", Format.g(p.backgroundOnlyValue, 5)]
        }))
        d.blocks += combination(r)
        if let o = r.specOverrides { d.append(.remark(label: "dataset spec changes (--set)", text: o.map(TextInput.displaySafe).joined(separator: "; "))) }
        return d
    }

    /// The result lines: headline, best fit with errors, interval or limit, expected limit,
    /// significance, −ln L, fit status.
    static func fields(_ r: FitReport) -> [TextDocument.Field] {
        let pct = Format.g(r.cl * 100, 3)
        let errs = MuNuText.errors(low: r.muNuErrorLow, high: r.muNuErrorHigh)
        var f: [TextDocument.Field] = [.init("result", MuNuText.headline(r))]
        f.append(.init("best-fit μν", r.muNuBest > 0 && r.muNuSquaredError > 0
            ? "\(Format.mu11(r.muNuBest)) \(errs) × 10⁻¹¹ μB (68.3 % CL errors)   (μν² = \(Format.f(r.muNuSquaredBest, 3)) ± \(Format.f(r.muNuSquaredError, 3)) × 10⁻²² μB²)"
            : "\(Format.mu11(r.muNuBest)) \(errs) × 10⁻¹¹ μB (68.3 % CL errors; at the boundary μν = 0)"))
        let wilks = "(\(r.intervalMethod); Wilks: \(MuNuText.interval(r.intervalWilks)))"
        f.append(r.isUpperLimit
            ? .init("\(pct)% CL limit", "μν < \(Format.mu11(r.interval[1])) × 10⁻¹¹ μB  \(wilks)", markdownLabel: "\(pct) % CL upper limit")
            : .init("\(pct)% CL interval", "\(MuNuText.interval(r.interval)) × 10⁻¹¹ μB  \(wilks)", markdownLabel: "\(pct) % CL interval"))
        if let e = r.expectedLimit {
            f.append(.init("expected limit", "\(Format.mu11(e)) × 10⁻¹¹ μB  (median, \(pct)% CL, Asimov background-only data)"))
        }
        f.append(.init("significance μν>0", "\(Format.f(r.significanceSigma)) σ   (q0 = \(Format.f(r.q0, 3)), p = \(Format.g(r.pValue, 3)))"))
        f.append(.init("−lnL best / bkg", "\(Format.f(r.nllBest, 4)) / \(Format.f(r.nllBackgroundOnly, 4));  Baker–Cousins χ² = \(Format.f(r.gofChi2)) for \(r.bins) bins",
                       markdownLabel: "−ln L best / background only (with Σ ln n!)"))
        f.append(.init("fit status", "\(r.converged ? "converged" : "NOT CONVERGED") (\(r.fitStatus.method), \(r.fitStatus.iterations) iterations, EDM \(Format.g(r.fitStatus.edm, 2)))"))
        return f
    }

    /// The per-dataset table, the policy and the compatibility test of a combination (a policy
    /// that left a single dataset is still stated).
    static func combination(_ r: FitReport) -> [TextDocument.Block] {
        guard let rows = r.perDataset, let c = r.compatibility else {
            return r.combinationPolicy.map { [.blank, .remark(label: "combination policy", text: $0.description), .blank] } ?? []
        }
        let pct = Format.g(r.cl * 100, 3)
        let iv = MuNuText.interval
        var b: [TextDocument.Block] = [.blank]
        let title = "each dataset alone and combined (μν in 10⁻¹¹ μB; \(pct)% CL \(r.intervalMethod); expected = median limit, Asimov)"
        b.append(.heading(plain: title + ":", markdown: title.prefix(1).uppercased() + title.dropFirst()))
        var table = rows.map { d in
            [d.name + (d.provenance == "digitised" ? " *" : ""), "\(Format.g(d.windowKeV[0]))–\(Format.g(d.windowKeV[1]))",
             Format.mu11(d.muNuBest), iv(d.interval), Format.mu11(d.expectedLimit), Format.f(d.significanceSigma),
             d.converged ? "yes" : "NO"]
        }
        table.append(["combined", "", Format.mu11(r.muNuBest), iv(r.interval), r.expectedLimit.map(Format.mu11) ?? "—",
                      Format.f(r.significanceSigma), r.converged ? "yes" : "NO"])
        b.append(.table(header: ["dataset", "window [keV]", "best fit", "\(pct)% CL", "expected", "Z(μν>0)", "converged"], rows: table))
        if rows.contains(where: { $0.provenance == "digitised" }) { b.append(.line("(* digitised, not official)")) }
        if let p = r.combinationPolicy { b.append(.remark(label: "combination policy", text: p.description)) }
        b.append(.line(CombinationText.compatibility(c)))
        b.append(.line(CombinationText.verdict(c), strong: c.tension))
        if let w = CombinationText.weaker(r) { b.append(.line(w, strong: true)) }
        return b
    }
}
