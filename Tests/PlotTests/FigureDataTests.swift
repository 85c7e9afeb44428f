import Foundation
import Testing
@testable import Plot

/// The data written beside each SVG (figures as data): every element's values, axes with units.
@Suite("Figure data")
struct FigureDataTests {
    static func figure() -> Figure {
        let edges = [1.0, 2, 3, 4]
        let main = Panel(x: Axis("E [keV]", range: 1...4), y: Axis("Events / bin", lower: 0), title: "spectrum",
                         legend: Legend(.auto, extraEntries: [LegendEntry("threshold", .line(.gray, width: 1, dash: .dotted))]),
                         elements: [
                             StackedHistogram(edges: edges, components: [.init("flat", values: [5, 6, 7], color: .skyBlue)], showsTotal: false),
                             LineSeries(edges: edges, values: [8, 9, .nan], label: "fit", color: .vermillion),
                             PointSeries(x: [1.5, 2.5, 3.5], y: [7, 10, 8], errorLow: [2, 3, 2], errorHigh: [3, 4, 3], label: "data"),
                             HorizontalLine(y: 2.5, label: "line"),
                         ])
        let limits = HorizontalBars(rows: [.interval("A", lower: 1e-11, upper: 3e-11, best: 2e-11), .upperLimit("B", 5e-11)])
        let bars = Panel(x: Axis("μν [μB]", scale: .log10, lower: 5e-12, upper: 1e-10), y: limits.categoryAxis(oppositeLabels: ["2020", "2022"]),
                         legend: Legend(.hidden), elements: [limits])
        return Figure(title: "test", sharesX: false, printWidthInches: 3.4, panels: [main, bars])
    }

    @Test("every element's values are in the data, NaN as null")
    func elements() throws {
        let d = Self.figure().data()
        #expect(d.panels.count == 2 && d.printWidthInches == 3.4 && d.title == "test")
        let e = d.panels[0].elements
        #expect(e.map(\.kind) == ["stacked_histogram", "line", "points", "hline"])
        #expect(e[0].components?.first?.values == [5, 6, 7])
        #expect(e[1].style == "steps" && e[1].columns["y"]! == [8, 9, nil] && e[1].color == "#d55e00")
        #expect(e[2].columns["error_high"]! == [3, 4, 3])
        #expect(d.panels[0].legendExtra.map(\.label) == ["threshold"])
        #expect(d.panels[0].x.label == "E [keV]" && d.panels[0].x.lower == 1 && d.panels[0].x.upper == 4)
        let b = d.panels[1].elements[0]
        #expect(b.text?["kind"] == ["interval", "upper_limit"] && b.columns["upper"]! == [3e-11, 5e-11] && b.columns["lower"]![1] == nil)
        #expect(d.panels[1].x.scale == "log10" && d.panels[1].y.oppositeLabels == ["2020", "2022"])
        // JSON round trip
        let back = try JSONDecoder().decode(FigureData.self, from: try d.jsonData())
        #expect(back == d)
    }

    @Test("the CSV has one row per value and the axes (with units) as column names")
    func csv() throws {
        let csv = Self.figure().data().csv()
        let lines = csv.split(separator: "\n").map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        #expect(Array(header.prefix(5)) == ["panel", "element", "kind", "label", "component"])
        #expect(header.contains("E [keV]") && header.contains("Events / bin") && header.contains("μν [μB] (upper)"))
        // 3 stacked bins + 4 line edges + 3 points + 1 line + 2 bars
        #expect(lines.count == 1 + 3 + 4 + 3 + 1 + 2)
        let data = lines.filter { $0.contains(",points,data,") }
        #expect(data.count == 3)
        let col = header.firstIndex(of: "Events / bin")!
        #expect(data.map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init)[col] } == ["7", "10", "8"])
    }
}
