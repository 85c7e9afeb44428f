import Foundation
import Testing
@testable import Analysis
@testable import Likelihood
@testable import Report

/// One renderer per result: the terminal text and the report's markdown are the same document,
/// so every number and verdict of one is in the other.
@Suite("Text renderers (plain and markdown back ends)")
struct TextRendererTests {
    @Test("the fit's plain text and markdown state the same headline, interval, significance and −ln L")
    func fitPlainAndMarkdownAgree() throws {
        let r = try FitReport.make(model: ReportTests.model)
        let plain = FitText.render(r, .plain), md = FitText.render(r, .markdown)
        for f in FitText.fields(r) {
            #expect(plain.contains(TextDocument.label(f.label) + f.value + "\n"))
            #expect(md.contains("| \(f.markdownLabel ?? f.label) | \(f.value) |"))
        }
        #expect(md.contains(MuNuText.headline(r)) && plain.contains(MuNuText.headline(r)))
        #expect(md.contains("## Parameters") && plain.contains("\nparameters:\n"))
        // the channel table: one markdown row per plain row (bins and the total)
        let bins = r.channels[0].observed.count
        #expect(md.split(separator: "\n").filter { $0.hasPrefix("| ") && $0.contains("–") }.count >= bins)
    }

    @Test("the plain back end aligns columns and labels; the markdown back end escapes pipes and bolds warnings")
    func backEnds() {
        let d = TextDocument([
            .heading(plain: "title:", markdown: "Title"),
            .table(header: ["a", "bb"], rows: [["1", "x|y"]]),
            .fields([.init("q", "1", markdownLabel: "quantity q")]),
            .line("TENSION: …", strong: true),
            .remark(label: "combination policy", text: "tritium-free"),
            .blank,
        ])
        #expect(d.render(.plain) == "title:\na   bb\n-  ---\n1  x|y\n" + TextDocument.label("q") + "1\nTENSION: …\ncombination policy: tritium-free\n\n")
        let md = d.render(.markdown)
        #expect(md.contains("## Title\n") && md.contains("| 1 | x\\|y |") && md.contains("| quantity q | 1 |"))
        #expect(md.contains("**TENSION: …**") && md.contains("**Combination policy:** tritium-free"))
    }

    @Test("scan, goodness of fit and coverage render from their library results")
    func otherResults() throws {
        let model = ReportTests.model
        let pl = try ProfileLikelihood(model: model)
        let scan = try ScanResult.compute(profile: pl, grid: [0, 2e-11])
        #expect(ScanText.render(scan).hasPrefix("best fit μν = \(Format.mu11(pl.best.muNu)) × 10⁻¹¹ μB\n"))
        // −ln L in the convention of every output: the fit's, Σ ln n! included
        let fit = try FitReport.make(profile: pl)
        #expect(abs(scan.nllBest - fit.nllBest) < 1e-9)
        let gof = try GoodnessOfFitReport.compute(model: model)
        #expect(gof.backgroundOnly.ndof == gof.bestFit.ndof + 1)
        #expect(GoodnessOfFitText.render(gof, .markdown).contains("| best fit | \(Format.f(gof.bestFit.chi2, 3)) |"))
    }
}
