import Foundation
import FoundationXML
import Testing
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import MomentModels
@testable import Likelihood
@testable import Analysis
@testable import Plot
@testable import Report
import GSL

/// The report's figures are well-formed SVG with the expected labels and a non-degenerate data
/// range; the report folder holds every file (issue #6).
@Suite("Report and figures")
struct ReportTests {
    static let model: BinnedModel = try! AnalysisConfig().buildModel().model

    static func parse(_ svg: String) throws -> XMLDocument { try XMLDocument(xmlString: svg) }

    static func texts(_ doc: XMLDocument) throws -> [String] {
        try doc.nodes(forXPath: "//*[local-name()='text']").compactMap(\.stringValue)
    }

    @Test("the spectrum figure has data, stacked background, signal, residuals and labelled axes")
    func spectrumFigure() throws {
        let r = try FitReport.make(model: Self.model)
        let doc = try Self.parse(Figures.spectrum(r).svg())
        let t = try Self.texts(doc).joined(separator: "|")
        for label in ["Reconstructed energy [keV]", "Events / bin", "(data − fit)/σ", "B0 (fit)", "best fit (B + μν)", "background-only fit", "data"] {
            #expect(t.contains(label), "missing \(label)")
        }
        #expect(try doc.nodes(forXPath: "//*[local-name()='path' or local-name()='polyline' or local-name()='line' or local-name()='circle']").count > 20)
    }

    @Test("Poisson error bars are the Garwood 68 % intervals")
    func poissonBars() {
        // n = 0: [0, 1.841]; n = 10: [6.891, 14.267] (PDG Table 40.3 / Garwood)
        let z = PoissonErrors.bars(0)
        #expect(z.low == 0 && abs(z.high - 1.8410) < 1e-3)
        let t = PoissonErrors.bars(10)
        #expect(abs(10 - t.low - 6.8906) < 1e-3 && abs(10 + t.high - 14.2670) < 1e-3)
    }

    @Test("the scan figure draws the threshold its interval uses (the curves cross at the interval's ends); the limits figure lists every experiment")
    func scanAndLimits() throws {
        let pl = try ProfileLikelihood(model: Self.model)
        let grid = stride(from: 0.0, through: 5e-11, by: 2.5e-12).map { $0 }
        let pts = try pl.scan(grid)
        let iv = try AsymptoticInterval.interval(pl, cl: 0.9, method: .unified)
        // at each end of the interval, −2ΔlnL equals the unified critical value drawn in the figure
        for end in [iv.lower, iv.upper] {
            let c = try AsymptoticInterval.criticalValues(pl, muNu: [end], cl: 0.9, method: .unified)[0]
            let t = try pl.scan([end])[0].deltaTwoNLL
            #expect(abs(t - c) < 1e-3, "at \(end): −2ΔlnL \(t), threshold \(c)")
        }
        #expect(try AsymptoticInterval.criticalValues(pl, muNu: [1e-11], cl: 0.9, method: .wilks) == [try Distributions.chiSquaredQuantile(0.9, dof: 1)])
        let threshold = try AsymptoticInterval.criticalValues(pl, muNu: grid, cl: 0.9, method: .unified)
        let doc = try Self.parse(Figures.scan(pts, interval: [iv.lower, iv.upper], cl: 0.9, best: pl.best.muNu,
                                              threshold: threshold, method: "asymptotic-unified").svg())
        let t = try Self.texts(doc).joined(separator: "|")
        for label in ["68.3 %", "90 % CL threshold (asymptotic-unified)", "μν [10⁻¹¹ μB]", "−2 Δ ln L"] { #expect(t.contains(label)) }
        let limits = try PublishedLimit.load(try DataLocator.dataDirectory().appendingPathComponent("limits/mu_nu_limits.csv"))
        #expect(limits.count >= 8)
        let ld = try Self.parse(Figures.limits(limits, result: ("this fit", [1.6e-11, 3.05e-11], 2.4e-11)).svg())
        let lt = try Self.texts(ld).joined(separator: "|")
        for l in limits { #expect(lt.contains(l.experiment) && lt.contains("\(l.year) · \(l.citation)")) }
        #expect(lt.contains("this fit"))
    }

    @Test("the limits table: XENON1T is a two-sided interval, the red-giant bounds are at 95 % CL, every row has year and citation")
    func limitsTable() throws {
        let limits = try PublishedLimit.load(try DataLocator.dataDirectory().appendingPathComponent("limits/mu_nu_limits.csv"))
        let x1t = try #require(limits.first { $0.experiment == "XENON1T SR1" })
        // (1.4, 2.9)×10⁻¹¹ μB at 90 % CL: PRD 102 (2020) 072004, as quoted in ../shared/physics.md
        #expect(x1t.lowerMuB == 1.4e-11 && x1t.upperMuB == 2.9e-11 && x1t.cl == 0.9 && x1t.year == 2020)
        #expect(limits.filter(\.isInterval).map(\.experiment) == ["XENON1T SR1"])
        #expect(limits.filter { $0.category == "astrophysical" }.allSatisfy { $0.cl95 })
        #expect(limits.allSatisfy { !$0.citation.isEmpty && !$0.reference.isEmpty && $0.year >= 2000 })

        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-limits-\(UUID().uuidString).csv")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "experiment,category,lower_muB,upper_muB,cl,year,citation,reference\nA,solar,3e-11,2e-11,0.9,2020,x,y\n"
            .write(to: dir, atomically: true, encoding: .utf8)
        #expect { try PublishedLimit.load(dir) } throws: { e in
            let m = "\(e)"; return m.contains(".csv:2") && m.contains("lower_muB")
        }
    }

    @Test("the limits figure draws two-sided results as bars between their ends and limits from the axis edge; this work's zero best fit as a limit")
    func limitsFigureShapes() throws {
        let published = [
            PublishedLimit(experiment: "Interval", category: "solar", lowerMuB: 1.4e-11, upperMuB: 2.9e-11, cl: 0.9, year: 2020, citation: "PRD 102 072004", reference: "r"),
            PublishedLimit(experiment: "Limit", category: "astrophysical", lowerMuB: nil, upperMuB: 1.5e-12, cl: 0.95, year: 2020, citation: "PRD 102 083007", reference: "r"),
        ]
        let work = [ThisWorkResult(label: "this work: combined", interval: [0, 7e-12], best: 0, cl: 0.9),
                    ThisWorkResult(label: "this work: A", interval: [1.6e-11, 3.05e-11], best: 2.4e-11, cl: 0.9)]
        let fig = Figures.limits(published, thisWork: work)
        let f = try #require(fig.frames().first)
        let doc = try Self.parse(fig.svg())
        // attribute(forName:) returns nil on Linux's FoundationXML
        func attr(_ e: XMLElement, _ a: String) -> String? { e.attributes?.first { $0.name == a }?.stringValue }
        func num(_ e: XMLElement, _ a: String) -> Double { Double(attr(e, a) ?? "") ?? .nan }
        let rects = try doc.nodes(forXPath: "//*[local-name()='rect']").compactMap { $0 as? XMLElement }
        // the published interval: a bar from 1.4 to 2.9 ×10⁻¹¹
        let blue = try #require(rects.first { attr($0, "fill") == Color.blue.hex })
        #expect(abs(num(blue, "x") - f.px(1.4e-11)!) < 0.01 && abs(num(blue, "x") + num(blue, "width") - f.px(2.9e-11)!) < 0.01)
        // this work: one bar (the interval), the zero best fit is a limit line from the left edge
        #expect(rects.filter { attr($0, "fill") == Color.vermillion.hex }.count == 1)
        let lines = try doc.nodes(forXPath: "//*[local-name()='line']").compactMap { $0 as? XMLElement }
        let limitLine = try #require(lines.first { attr($0, "stroke") == Color.vermillion.hex && num($0, "y1") == num($0, "y2") })
        #expect(num(limitLine, "x1") <= f.left + 5 && abs(num(limitLine, "x2") - f.px(7e-12)!) < 0.01)
        // nothing clipped: the x axis reaches below the smallest value and beyond the largest
        #expect(f.xRange.lowerBound < 1.5e-12 && f.xRange.upperBound > 2.9e-11 && f.xRange.upperBound < 1e-10)
        let t = try Self.texts(doc).joined(separator: "|")
        #expect(t.contains("2020 · PRD 102 083007 · 95 % CL") && t.contains("upper limits"))
    }

    @Test("the report's spectrum and scan legends cover no data point or curve (issue 14: they covered the signal at 5–7 keV and the interval label)")
    func legendsClear() throws {
        let r = try FitReport.make(model: Self.model)
        let ch = r.channels[0]
        let e = ch.binEdgesKeV
        // points the figure must keep visible, in data coordinates: data, best-fit total and signal at every bin edge
        var spectrumPoints: [(Double, Double)] = ch.observed.indices.map { ((e[$0] + e[$0 + 1]) / 2, ch.observed[$0]) }
        for i in ch.observed.indices {
            for x in [e[i], e[i + 1]] {
                spectrumPoints += [(x, ch.totalBestFit[i]), (x, ch.bestFit["magnetic_moment"]![i]), (x, ch.totalBackgroundOnly[i])]
            }
        }
        let pl = try ProfileLikelihood(model: Self.model)
        let pts = try pl.scan(stride(from: 0.0, through: 5e-11, by: 1e-12).map { $0 })
        let scanPoints = pts.map { ($0.muNu / 1e-11, $0.deltaTwoNLL) }
        for (fig, points) in [(Figures.spectrum(r), spectrumPoints), (Figures.scan(pts, interval: r.interval, cl: r.cl, best: r.muNuBest,
                                                                                                         threshold: try AsymptoticInterval.criticalValues(pl, muNu: pts.map(\.muNu), cl: r.cl, method: .unified),
                                                                                                         method: "asymptotic-unified"), scanPoints)] {
            let f = fig.frames()[0]
            if let box = fig.legendBoxes()[0] {
                for (x, y) in points {
                    guard let px = f.px(x), let py = f.py(y), px >= f.left, px <= f.right, py >= f.top, py <= f.bottom else { continue }
                    #expect(!(px >= box.x && px <= box.maxX && py >= box.y && py <= box.maxY), "legend covers (\(x), \(y))")
                }
            } else {
                // above the plot area: every legend text sits above the frame
                let doc = try Self.parse(fig.svg())
                let ys = try doc.nodes(forXPath: "//*[@class='legend']//*[local-name()='text']/@y").compactMap { Double($0.stringValue ?? "") }
                #expect(!ys.isEmpty && ys.allSatisfy { $0 < f.top })
            }
        }
    }

    @Test("titles write μν in scientific notation and datasets by their display names")
    func titlesAndNames() throws {
        let r = try FitReport.make(model: Self.model)
        let names = DatasetDisplayNames.load(ids: ["xenon1t_sr1", "xenonnt_sr0"], dataDirectory: try DataLocator.dataDirectory())
        #expect(names == ["xenon1t_sr1": "XENON1T SR1", "xenonnt_sr0": "XENONnT SR0"])
        let t = try Self.texts(try Self.parse(Figures.spectrum(r, displayNames: names).svg())).joined(separator: "|")
        #expect(t.contains("XENON1T SR1: μν = \(Figures.muB(r.muNuBest))") && !t.contains("xenon1t_sr1"))
        #expect(Figures.muB(r.muNuBest).hasSuffix(" × 10⁻¹¹ μB"))
        #expect(!t.contains("e-1"))
        #expect(Figures.name("other", names) == "other")
    }

    @Test("with --png/--pdf the plots are also written as 300-dpi PNGs (≥ 1020 px for one column) and PDFs",
          .enabled(if: ReportWriter.rsvgConvert() != nil))
    func rasterAndPDF() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-png-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try FitReport.make(model: Self.model)
        try ReportWriter(directory: dir.path, force: false, plotsOnly: true, png: true, pdf: true)
            .write(report: r, model: Self.model, profile: try ProfileLikelihood(model: Self.model), command: "test", limitsTable: nil)
        let png = try Data(contentsOf: dir.appendingPathComponent("profile_scan.png"))
        // PNG IHDR: width, big-endian, at byte 16
        let width = png[16..<20].reduce(0) { $0 << 8 | Int($1) }
        #expect(png.prefix(4) == Data([0x89, 0x50, 0x4E, 0x47]) && width >= 1020)
        let pdf = try Data(contentsOf: dir.appendingPathComponent("spectrum_xenon1t_sr1.pdf"))
        #expect(pdf.prefix(5) == Data("%PDF-".utf8))
    }

    @Test("recoil and sensitivity figures render on log and linear axes")
    func otherFigures() throws {
        let table = try RecoilCalculator().tabulate(try RecoilTable.grid(from: 1, to: 30, step: 1))
        let t = try Self.texts(try Self.parse(Figures.recoil(table, muNuBohr: 2e-11).svg())).joined(separator: "|")
        for label in ["pp", "⁷Be", "total", "magnetic", "weak (SM)", "True recoil energy T [keV]", "μν = 2.00 × 10⁻¹¹ μB"] {
            #expect(t.contains(label), "missing \(label)")
        }
        let s = Sensitivity.Result(cl: 0.9, method: "wilks", asimovMedian: 1e-11, band: [0.6e-11, 0.8e-11, 1e-11, 1.25e-11, 1.5e-11],
                                   observed: 0.7e-11, toys: 100, failedToys: 0)
        let st = try Self.texts(try Self.parse(Figures.sensitivity(s).svg())).joined(separator: "|")
        #expect(st.contains("expected ±1σ") && st.contains("observed"))
    }

    @Test("a report folder contains the summaries, the spec and the plots; it refuses to overwrite without force")
    func reportFolder() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-report-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try FitReport.make(model: Self.model)
        let writer = ReportWriter(directory: dir.path, force: false)
        let limits = try DataLocator.dataDirectory().appendingPathComponent("limits/mu_nu_limits.csv")
        try writer.write(report: r, model: Self.model, profile: try ProfileLikelihood(model: Self.model), command: "test", limitsTable: limits)
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        // each figure with its data beside it (FigureFiles: NAME.data.json, NAME.data.csv)
        let figures = ["spectrum_xenon1t_sr1", "profile_scan", "limits_comparison"]
        #expect(names == Set(["summary.json", "summary.md", "model_spec.json"] + figures.flatMap { ["\($0).svg", "\($0).data.json", "\($0).data.csv"] }))
        let scan = try JSONDecoder().decode(FigureData.self, from: Data(contentsOf: dir.appendingPathComponent("profile_scan.data.json")))
        #expect(scan.panels.first?.x.label == "μν [10⁻¹¹ μB]" && scan.panels.first?.elements.contains { $0.label == "profile likelihood" } == true)
        let spec = try ModelSpec.load(from: dir.appendingPathComponent("model_spec.json"))
        #expect(spec == Self.model.spec)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("summary.json"))) as! [String: Any]
        for key in ["mu_nu_best_muB", "mu_nu_error_low_muB", "mu_nu_error_high_muB", "interval_muB", "interval_kind", "cl", "q0", "z_asymptotic", "nll_best", "converged"] { #expect(summary[key] != nil, "\(key)") }
        #expect(throws: InputError.self) {
            try writer.write(report: r, model: Self.model, profile: try ProfileLikelihood(model: Self.model), command: "test", limitsTable: limits)
        }
    }

    @Test("the SU(2)_H region figure draws one band per m_h⁺ with the 4π line")
    func horizontalRegion() throws {
        let rows = try HorizontalSymmetryModel.region(muLowerBohr: 1.4e-11, muUpperBohr: 2.9e-11, sin2Alpha: 1,
                                                      lightScalarGeV: 100...1000, heavyScalarGeV: 100...10000, steps: 10)
        let t = try Self.texts(try Self.parse(Figures.horizontalRegion(rows, muLo: 1.4e-11, muHi: 2.9e-11, sin2Alpha: 1).svg()))
            .joined(separator: "|")
        #expect(t.contains("m_H⁺ [GeV]") && t.contains("|f f′| = 4π") && t.contains("m_h⁺ = 100 GeV"))
    }
}
