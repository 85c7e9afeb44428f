import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plot

/// Realistic figures built the way the analysis will build them; written to /tmp for inspection.
@Suite("Example figures")
struct ExampleFigureTests {
    /// A XENON1T-SR1-like spectrum (synthetic numbers): data with Poisson errors over a stacked
    /// background, a magnetic-moment signal on top, and a residual panel below.
    static func spectrumFigure() -> Figure {
        let edges = (0...29).map { 1.0 + Double($0) }, centres = (0..<29).map { 1.5 + Double($0) }
        let exposure = 0.65  // t·y
        let eff = centres.map { 1 / (1 + exp(-($0 - 1.8) / 0.45)) }
        func peak(_ e: Double, _ mu: Double, _ area: Double) -> Double { area * exp(-0.5 * pow((e - mu) / 0.45, 2)) / (0.45 * 2.5066) }
        let flat = centres.indices.map { 58 * eff[$0] }
        let kr = centres.indices.map { 9 * eff[$0] }
        let lines = centres.indices.map { eff[$0] * (peak(centres[$0], 2.82, 10) + peak(centres[$0], 4.9, 7)) }
        let signal = centres.indices.map { eff[$0] * 95 / pow(centres[$0], 1.3) }
        var seed: UInt64 = 0x5EED
        let data = centres.indices.map { i -> Double in
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            let u = Double(seed >> 11) / Double(1 << 53) - 0.5
            let mu = (flat[i] + kr[i] + lines[i] + signal[i]) * exposure
            return max(0, (mu + 2.2 * u * mu.squareRoot()).rounded())
        }
        let rate = data.map { $0 / exposure }
        let err = data.map { poissonErrors($0) }
        let background = centres.indices.map { flat[$0] + kr[$0] + lines[$0] }
        let total = centres.indices.map { background[$0] + signal[$0] }
        let pull = centres.indices.map { (rate[$0] - background[$0]) / (background[$0] / exposure).squareRoot() }
        let main = Panel(
            x: Axis("Energy [keV]", range: 0...30),
            y: Axis("Events / (t·y·keV)", lower: 0, upper: 140),
            title: "XENON1T SR1 (synthetic)", relativeHeight: 3,
            elements: [
                StackedHistogram(edges: edges, components: [
                    .init("²¹⁴Pb (flat)", values: flat, color: .skyBlue),
                    .init("⁸⁵Kr", values: kr, color: .bluishGreen),
                    .init("³⁷Ar + ¹²⁴Xe lines", values: lines, color: .orange),
                ]),
                LineSeries(edges: edges, values: total, label: "B + μν = 2.2×10⁻¹¹ μB", color: .vermillion, width: 2),
                LineSeries(x: centres, y: signal, label: "μν signal", color: .vermillion, dash: .dashed),
                PointSeries(x: centres, y: rate, errorLow: err.map { $0.low / exposure },
                            errorHigh: err.map { $0.high / exposure }, xError: centres.map { _ in 0.5 }, label: "data"),
            ])
        let residual = Panel(
            x: Axis("Energy [keV]"), y: Axis("(data − B)/σ", lower: -4, upper: 6),
            elements: [
                BandSeries(x: [0, 30], lower: [-1, -1], upper: [1, 1], color: .lightGray),
                HorizontalLine(y: 0, color: .black, dash: .solid),
                LineSeries(x: centres, y: centres.indices.map { signal[$0] / (background[$0] / exposure).squareRoot() },
                           color: .vermillion, dash: .dashed),
                PointSeries(x: centres, y: pull, yError: pull.map { _ in 1 }),
            ])
        return Figure(width: 760, height: 620, panels: [main, residual])
    }

    /// A Δχ² profile in μν with the 68/90/95 % thresholds and the 90 % interval ends.
    static func scanFigure() -> Figure {
        let mu = stride(from: 0.0, through: 4.0, by: 0.05).map { $0 }
        let chi = mu.map { pow(($0 - 2.1) / 0.55, 2) }
        return Figure(width: 640, height: 440, title: "Profile likelihood", panels: [Panel(
            x: Axis("μν [10⁻¹¹ μB]", range: 0...4), y: Axis("Δχ² = −2 Δln L", lower: 0, upper: 6, grid: true),
            legend: Legend(.topLeft),
            elements: [
                HorizontalLine(y: 1.0, label: "68% CL (1.00)"), HorizontalLine(y: 2.71, label: "90% CL (2.71)"),
                HorizontalLine(y: 3.84, label: "95% CL (3.84)"),
                VerticalLine(x: 2.1 - 0.55 * 1.645, label: "1.20", color: .blue), VerticalLine(x: 2.1 + 0.55 * 1.645, label: "3.00", color: .blue),
                LineSeries(x: mu, y: chi, label: "profile", color: .blue, width: 2),
            ])])
    }

    /// Limits on μν from several experiments.
    static func limitsFigure() -> Figure {
        let chart = HorizontalBars(rows: [
            .interval("This work (XENON1T SR1)", lower: 1.4e-11, upper: 2.9e-11, best: 2.1e-11, color: .vermillion, note: "90% CL"),
            .upperLimit("XENONnT SR0", 6.4e-12, note: "< 6.4×10⁻¹²"),
            .upperLimit("LZ", 1.1e-11, note: "< 1.1×10⁻¹¹"),
            .upperLimit("Borexino Phase II", 2.8e-11, note: "< 2.8×10⁻¹¹"),
            .upperLimit("GEMMA (reactor)", 2.9e-11, note: "< 2.9×10⁻¹¹"),
        ])
        return Figure(width: 700, height: 320, title: "Neutrino magnetic moment: 90% CL results", panels: [Panel(
            x: Axis("μν [μB]", scale: .log10, range: 1e-12...1e-10, grid: true), y: chart.categoryAxis(),
            legend: Legend(.hidden), elements: [chart])])
    }

    @Test("example figures are well-formed and written to /tmp", arguments: [
        ("plot_example", 0), ("plot_scan", 1), ("plot_limits", 2),
    ])
    func examples(name: String, which: Int) throws {
        let fig = [Self.spectrumFigure, Self.scanFigure, Self.limitsFigure][which]()
        let svg = fig.svg()
        let doc = try parse(svg)
        #expect(doc.rootElement()?.localName == "svg")
        if which == 0 {
            #expect(fig.frames().count == 2)
            #expect(try elements(doc, "clipPath").count == 2)
            let legend = try doc.nodes(forXPath: "//*[@class='legend']//*[local-name()='text']").compactMap(\.stringValue)
            #expect(legend.contains("data") && legend.contains("²¹⁴Pb (flat)"))
            #expect(try texts(doc, class: "axis-title").filter { $0 == "Energy [keV]" }.count == 1)  // shared x
            let f = fig.frames()
            #expect(f[0].left == f[1].left && f[0].width == f[1].width && abs(f[0].height - 3 * f[1].height) < 1e-6)
        }
        try svg.write(toFile: "/tmp/\(name).svg", atomically: true, encoding: .utf8)
    }
}
