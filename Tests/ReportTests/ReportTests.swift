import Foundation
import FoundationXML
import Testing
@testable import Likelihood
@testable import Plot
@testable import Recoil
@testable import Report

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
        for label in ["Reconstructed energy [keV]", "Events / bin", "(data − fit)/σ", "B0 (fit)", "best fit (B + μν)", "background-only fit", "data (xenon1t_sr1)"] {
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

    @Test("the scan figure marks the thresholds and the interval; the limits figure lists every experiment")
    func scanAndLimits() throws {
        let pl = try ProfileLikelihood(model: Self.model)
        let pts = try pl.scan(stride(from: 0.0, through: 5e-11, by: 2.5e-12).map { $0 })
        let doc = try Self.parse(Figures.scan(pts, interval: [1.6e-11, 3.05e-11], cl: 0.9, best: pl.best.muNu).svg())
        let t = try Self.texts(doc).joined(separator: "|")
        for label in ["68.3 %", "90 %", "95 %", "μν [10⁻¹¹ μB]", "−2 Δ ln L"] { #expect(t.contains(label)) }
        let limits = try PublishedLimit.load(try DataLocator.dataDirectory().appendingPathComponent("limits/mu_nu_limits.csv"))
        #expect(limits.count >= 8)
        let ld = try Self.parse(Figures.limits(limits, result: ("this fit", [1.6e-11, 3.05e-11], 2.4e-11)).svg())
        let lt = try Self.texts(ld).joined(separator: "|")
        for l in limits { #expect(lt.contains(l.experiment)) }
        #expect(lt.contains("this fit"))
    }

    @Test("recoil and sensitivity figures render on log and linear axes")
    func otherFigures() throws {
        let table = try RecoilCalculator().tabulate(try RecoilTable.grid(from: 1, to: 30, step: 1))
        let t = try Self.texts(try Self.parse(Figures.recoil(table, muNuBohr: 2e-11).svg())).joined(separator: "|")
        #expect(t.contains("pp magnetic") && t.contains("weak total") && t.contains("True recoil energy T [keV]"))
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
        #expect(names == ["summary.json", "summary.md", "model_spec.json", "spectrum_xenon1t_sr1.svg", "profile_scan.svg", "limits_comparison.svg"])
        let spec = try ModelSpec.load(from: dir.appendingPathComponent("model_spec.json"))
        #expect(spec == Self.model.spec)
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("summary.json"))) as! [String: Any]
        for key in ["mu_nu_best", "interval", "cl", "q0", "significance_sigma", "nll_best", "converged"] { #expect(summary[key] != nil, "\(key)") }
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
