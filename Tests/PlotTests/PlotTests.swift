import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plot

@Suite("SVG output")
struct SVGOutputTests {
    let figure = Figure(width: 640, height: 480, title: "Test figure", panels: [
        Panel(x: Axis("E [keV]", range: 0...10), y: Axis("rate [1/(t·y·keV)]", range: 0...5), title: "Main",
              elements: [
                  LineSeries(x: [0, 10], y: [0, 5], label: "diagonal", color: .vermillion),
                  LineSeries(x: [0, 5, 10], y: [1, 2, 1], label: "tent", color: .blue, dash: .dashed),
                  PointSeries(x: [2, 4], y: [1, 3], errorLow: [0.5, 1], errorHigh: [0.7, 1.2], label: "data"),
              ]),
    ])

    @Test("root element: xmlns, version, width, height, viewBox, title")
    func root() throws {
        let doc = try parse(figure.svg())
        let svg = try #require(doc.rootElement())
        #expect(svg.localName == "svg")
        #expect(svg.uri == "http://www.w3.org/2000/svg")
        #expect(svg.attr("width") == "640")
        #expect(svg.attr("height") == "480")
        #expect(svg.attr("viewBox") == "0 0 640 480")
        #expect(try elements(doc, "title").first?.stringValue == "Test figure")
        #expect(try elements(doc, "clipPath").count == 1)
    }

    @Test("one path per line series, circles per point, axis titles, legend and tick labels")
    func content() throws {
        let doc = try parse(figure.svg())
        let paths = try elements(doc, "path")
        #expect(paths.filter { $0.attr("stroke") == Color.vermillion.hex }.count == 1)
        #expect(paths.filter { $0.attr("stroke-dasharray") != nil }.count == 1)
        #expect(try elements(doc, "circle").count == 2 + 1)  // two points + the legend marker
        #expect(try texts(doc, class: "axis-title") == ["E [keV]", "rate [1/(t·y·keV)]"])
        #expect(try texts(doc, class: "panel-title") == ["Main"])
        let legend = try doc.nodes(forXPath: "//*[@class='legend']//*[local-name()='text']").compactMap(\.stringValue)
        #expect(legend == ["diagonal", "tent", "data"])
        let ticks = try texts(doc, class: "tick-label")
        for label in ["0", "2", "4", "6", "8", "10", "1", "3", "5"] { #expect(ticks.contains(label)) }
    }

    @Test("data range ends map onto the plot-area edges within a pixel")
    func mapping() throws {
        let frame = try #require(figure.frames().first)
        let doc = try parse(figure.svg())
        let diagonal = try #require(try elements(doc, "path").first { $0.attr("stroke") == Color.vermillion.hex })
        let p = points(diagonal)
        #expect(p.count == 2)
        #expect(abs(p[0].0 - frame.left) < 1 && abs(p[0].1 - frame.bottom) < 1)
        #expect(abs(p[1].0 - frame.right) < 1 && abs(p[1].1 - frame.top) < 1)
        let clip = try #require(try elements(doc, "clipPath").first?.children?.first as? XMLElement)
        #expect(Double(clip.attr("x") ?? "") == frame.left.rounded(toPlaces: 2))
        #expect(abs(frame.px(5)! - (frame.left + frame.width / 2)) < 1e-9)
    }

    @Test("automatic ranges include all data inside the plot area")
    func autoRange() throws {
        let fig = Figure(panels: [Panel(x: Axis(), y: Axis(scale: .log10),
                                        elements: [LineSeries(x: [-3, 7], y: [0.3, 50])])])
        let f = try #require(fig.frames().first)
        #expect(f.xRange.lowerBound < -3 && f.xRange.upperBound > 7)
        #expect(f.yRange == 0.1...100)
        for (x, y) in [(-3.0, 0.3), (7.0, 50.0)] {
            let (a, b) = try #require(f.point(x, y))
            #expect(a > f.left && a < f.right && b > f.top && b < f.bottom)
        }
    }

    @Test("labels are XML-escaped and unicode is written as is")
    func escaping() throws {
        let label = "a<b & c>d \"q\" 'μν' [10⁻¹¹ μB] σ"
        let fig = Figure(title: label, panels: [Panel(x: Axis(label), y: Axis("y"),
                                                      elements: [LineSeries(x: [0, 1], y: [0, 1], label: "x<y")])])
        let svg = fig.svg()
        #expect(svg.contains("a&lt;b &amp; c&gt;d &quot;q&quot; &apos;μν&apos; [10⁻¹¹ μB] σ"))
        let doc = try parse(svg)
        #expect(try texts(doc, class: "axis-title").first == label)
        #expect(try texts(doc, class: "figure-title") == [label])
        #expect(try texts(doc).contains("x<y"))
        #expect(SVGElement.escape("bell\u{7}") == "bell")
    }
}

@Suite("Ticks and ranges")
struct TickTests {
    @Test("log decades 1e-1 … 1e2")
    func logDecades() {
        let t = Scale.log10.ticks(in: 0.1...100)
        #expect(t.major.count == 4)
        for (a, b) in zip(t.major, [0.1, 1, 10, 100]) { #expect(abs(a / b - 1) < 1e-12) }
        #expect(t.labels == ["0.1", "1", "10", "100"])
        #expect(t.minor.contains { abs($0 - 0.2) < 1e-12 } && t.minor.contains { abs($0 - 90) < 1e-9 })
    }

    @Test("log ticks: powers of ten far from 1, 1-2-5 in short ranges, thinned decades in long ones")
    func logOther() {
        #expect(Scale.log10.ticks(in: 1e-13...1e-10).labels == ["10⁻¹³", "10⁻¹²", "10⁻¹¹", "10⁻¹⁰"])
        #expect(Scale.log10.ticks(in: 1...20).labels == ["1", "2", "5", "10", "20"])
        let long = Scale.log10.ticks(in: 1e-20...1e20, target: 5)
        #expect(long.major.count <= 6 && long.major.count >= 4)
        #expect(Scale.log10.ticks(in: 2...3).major.count >= 3)  // falls back to linear ticks
    }

    @Test("linear 1-2-5 ticks and compact labels", arguments: [
        (0.0...1.0, ["0", "0.2", "0.4", "0.6", "0.8", "1.0"]),
        (0.0...30.0, ["0", "5", "10", "15", "20", "25", "30"]),
        (-2.0...2.0, ["−2", "−1", "0", "1", "2"]),
        (0.0...3e-11, ["0", "0.5×10⁻¹¹", "1.0×10⁻¹¹", "1.5×10⁻¹¹", "2.0×10⁻¹¹", "2.5×10⁻¹¹", "3.0×10⁻¹¹"]),
        (0.0...4e5, ["0", "1×10⁵", "2×10⁵", "3×10⁵", "4×10⁵"]),
    ])
    func linear(range: ClosedRange<Double>, labels: [String]) {
        #expect(Scale.linear.ticks(in: range, target: 5).labels == labels)
    }

    @Test("degenerate and invalid ranges are widened or replaced")
    func resolve() {
        #expect(Scale.linear.resolve(lower: 3, upper: 3, data: []) == 2.7...3.3)
        #expect(Scale.linear.resolve(lower: nil, upper: nil, data: [0, 0]) == -1...1)
        #expect(Scale.linear.resolve(lower: 5, upper: 1, data: []) == 1...5)
        #expect(Scale.linear.resolve(lower: nil, upper: nil, data: [.nan, .infinity]) == 0...1)
        #expect(Scale.linear.resolve(lower: nil, upper: nil, data: [0, 10]) == 0...10.5)
        #expect(Scale.log10.resolve(lower: -1, upper: nil, data: [-5, 0, 3]) == 1...10)
        #expect(Scale.log10.resolve(lower: nil, upper: nil, data: [-5, 0]) == 1...10)
        #expect(Scale.log10.resolve(lower: 10, upper: 10, data: []) == 1...100)
    }
}

@Suite("Degenerate input")
struct DegenerateTests {
    static let figures: [Figure] = [
        Figure(panels: []),
        Figure(panels: [Panel(x: Axis(), y: Axis())]),
        Figure(panels: [Panel(x: Axis("x"), y: Axis("y"), elements: [LineSeries(x: [], y: [], label: "empty")])]),
        Figure(panels: [Panel(x: Axis(), y: Axis(), elements: [
            LineSeries(x: [.nan, .nan], y: [.nan, .infinity]), PointSeries(x: [.nan], y: [1], yError: [.nan]),
            BandSeries(x: [1, 2], lower: [.nan, .nan], upper: [1, 2]), LineSeries(edges: [0], values: [1, 2]),
        ])]),
        Figure(panels: [Panel(x: Axis(lower: 2, upper: 2), y: Axis(scale: .log10, lower: -1, upper: 0), elements: [
            LineSeries(x: [2, 2], y: [-1, 0]), PointSeries(x: [2], y: [0], errorLow: [0], errorHigh: [1.8]),
            StackedHistogram(edges: [1, 2, 3], components: [.init("a", values: [0, 1], color: .blue),
                                                            .init("b", values: [.nan], color: .orange)]),
        ])]),
        Figure(width: .nan, height: -5, fontSize: .infinity, panels: [Panel(
            x: Axis(scale: .log10), y: Axis(), relativeHeight: .nan,
            elements: [LineSeries(x: [-1, 0, 1e-300, 1e300], y: [1, 2, 3, 1e308]), HorizontalLine(y: .nan, label: "nan"),
                       VerticalLine(x: -1, label: "neg"), HorizontalBars(rows: [.upperLimit("A", .nan), .interval("B", lower: 3, upper: 1)])])]),
    ]

    @Test("renders well-formed SVG without NaN or infinity", arguments: figures.indices)
    func degenerate(index: Int) throws {
        let svg = Self.figures[index].svg()
        let doc = try parse(svg)
        #expect(doc.rootElement()?.localName == "svg")
        #expect(!svg.lowercased().contains("nan\"") && !svg.contains("inf"))
        #expect(!svg.contains("=\"nan") && !svg.contains(" nan"))
    }
}

@Suite("Elements")
struct ElementTests {
    @Test("stacked histogram: cumulative tops, legend top layer first, one band per layer")
    func stacked() throws {
        let h = StackedHistogram(edges: [0, 1, 2], components: [
            .init("flat", values: [1, 1], color: .skyBlue), .init("peak", values: [0, 3], color: .orange)])
        #expect(h.cumulative == [[1, 1], [1, 4]])
        #expect(h.legendEntries.map(\.label) == ["peak", "flat"])
        let doc = try parse(Figure(panels: [Panel(x: Axis(), y: Axis(), elements: [h])]).svg())
        let fills = try elements(doc, "path").filter { $0.attr("fill-opacity") != nil }
        #expect(fills.count == 2)
        #expect(fills.allSatisfy { ($0.attr("d") ?? "").hasSuffix("Z") })
    }

    @Test("step line: two points per bin, log-axis zero bins drop to the bottom")
    func steps() throws {
        let fig = Figure(panels: [Panel(x: Axis(range: 0...3), y: Axis(scale: .log10, range: 0.1...10),
                                        elements: [LineSeries(edges: [0, 1, 2, 3], values: [1, 0, 5], color: .blue)])])
        let f = try #require(fig.frames().first)
        let path = try #require(try elements(try parse(fig.svg()), "path").first { $0.attr("stroke") == Color.blue.hex })
        let p = points(path)
        #expect(p.count == 6)
        #expect(p[2].1 > f.bottom && p[3].1 > f.bottom)
    }

    @Test("interval chart: row labels on the y axis, limit arrows and bars")
    func bars() throws {
        let chart = HorizontalBars(rows: [
            .interval("XENON1T excess", lower: 1.4e-11, upper: 2.9e-11, best: 2.1e-11, note: "90% CL"),
            .upperLimit("XENONnT", 6.4e-12, note: "< 6.4×10⁻¹²"), .upperLimit("Borexino", 2.8e-11)])
        #expect(chart.rowY(0) == 2)
        let fig = Figure(panels: [Panel(x: Axis("μν [μB]", scale: .log10, range: 1e-12...1e-10), y: chart.categoryAxis(),
                                        legend: Legend(.hidden), elements: [chart])])
        let doc = try parse(fig.svg())
        let ticks = try texts(doc, class: "tick-label")
        for label in ["XENON1T excess", "XENONnT", "Borexino", "10⁻¹²", "10⁻¹¹", "10⁻¹⁰"] { #expect(ticks.contains(label)) }
        #expect(try texts(doc).contains("< 6.4×10⁻¹²"))
        #expect(try elements(doc, "path").filter { ($0.attr("d") ?? "").hasSuffix("Z") }.count == 2)
    }

    @Test("marker lines carry their labels; palette is Okabe–Ito")
    func markers() throws {
        let doc = try parse(Figure(panels: [Panel(x: Axis(range: 0...10), y: Axis("Δχ²", range: 0...5), elements: [
            HorizontalLine(y: 2.71, label: "90% CL"), VerticalLine(x: 4, label: "lower end")])]).svg())
        #expect(try texts(doc).contains("90% CL") && texts(doc).contains("lower end"))
        #expect(Color.palette(0).hex == "#0072b2" && Color.orange.hex == "#e69f00" && Color.palette(-1) == .yellow)
    }
}

extension Double {
    func rounded(toPlaces p: Int) -> Double { (self * pow(10, Double(p))).rounded() / pow(10, Double(p)) }
}
