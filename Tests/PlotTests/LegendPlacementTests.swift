import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
@testable import Plot

/// The automatic legend never covers what the panel draws (issue #14): tested against boxes
/// computed here from the data and the frame, not from the elements' own footprints.
@Suite("Legend placement")
struct LegendPlacementTests {
    /// Points rising to the top-right corner (where the old default legend sat) and a curve along
    /// the top-left: only the bottom-right is free.
    static let x = [1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10], y = [2.0, 3, 4, 5, 6, 7, 8, 9, 9.5, 9.8]
    static func panel(_ position: Legend.Position) -> Panel {
        Panel(x: Axis("x", range: 0...10), y: Axis("y", range: 0...10), legend: Legend(position), elements: [
            PointSeries(x: x, y: y, label: "data"),
            LineSeries(x: [0, 1, 2, 3], y: [9.5, 9.6, 9.7, 9.8], label: "a curve along the top", color: .blue),
        ])
    }

    /// Marker boxes (radius 3) of the data points in pixels, computed from the frame.
    static func markerBoxes(_ f: PlotFrame) -> [PixelRect] {
        zip(x, y).map { a, b in PixelRect(x: f.px(a)! - 3, y: f.py(b)! - 3, width: 6, height: 6) }
    }

    @Test("the old fixed corner covers data; the automatic legend does not")
    func autoAvoidsData() throws {
        let old = Figure(width: 400, height: 300, panels: [Self.panel(.topRight)])
        let oldBox = try #require(old.legendBoxes()[0])
        #expect(Self.markerBoxes(old.frames()[0]).contains { $0.intersects(oldBox) })

        let fig = Figure(width: 400, height: 300, panels: [Self.panel(.auto)])
        let f = fig.frames()[0]
        let box = try #require(fig.legendBoxes()[0])
        #expect(!Self.markerBoxes(f).contains { $0.intersects(box) })
        // nor the curve: sample it densely
        for t in stride(from: 0.0, through: 3.0, by: 0.01) {
            let p = (f.px(t)!, f.py(9.5 + t / 10)!)
            #expect(!(p.0 >= box.x && p.0 <= box.maxX && p.1 >= box.y && p.1 <= box.maxY))
        }
        #expect(box.x >= f.left && box.maxX <= f.right && box.y >= f.top && box.maxY <= f.bottom)
        #expect(box.y > f.top + f.height / 2 && box.maxX > f.right - 10)  // bottom right
    }

    @Test("with no free place inside, the legend goes above the plot area, which shrinks to make room")
    func aboveWhenFull() throws {
        let fill = BandSeries(x: [0, 10], lower: [0, 0], upper: [10, 10], label: "everything", color: .skyBlue)
        let full = Figure(width: 400, height: 300, panels: [Panel(x: Axis(range: 0...10), y: Axis(range: 0...10), elements: [fill])])
        let empty = Figure(width: 400, height: 300, panels: [Panel(x: Axis(range: 0...10), y: Axis(range: 0...10), legend: Legend(.hidden), elements: [fill])])
        #expect(full.legendBoxes()[0] == nil)
        let f = full.frames()[0]
        #expect(f.top > empty.frames()[0].top + 10)
        let doc = try parse(full.svg())
        let legendText = try #require(try doc.nodes(forXPath: "//*[@class='legend']//*[local-name()='text']").first as? XMLElement)
        #expect(try #require(Double(legendText.attr("y") ?? "")) < f.top)
        #expect(legendText.stringValue == "everything")
    }

    @Test("segment and box overlaps")
    func footprintOverlap() {
        let r = PixelRect(x: 10, y: 10, width: 10, height: 10)
        #expect(Footprint.segment(x1: 0, y1: 15, x2: 30, y2: 15).overlap(with: r) == 20)  // 10 px inside × 2
        #expect(Footprint.segment(x1: 0, y1: 0, x2: 9, y2: 30).overlap(with: r) == 0)
        #expect(Footprint.segment(x1: 0, y1: 0, x2: 30, y2: 30).overlap(with: r) > 0)  // the diagonal
        #expect(Footprint.rect(PixelRect(x: 15, y: 15, width: 10, height: 10)).overlap(with: r) == 25)
        #expect(Footprint.rect(PixelRect(x: 20, y: 0, width: 5, height: 5)).overlap(with: r) == 0)
    }
}

@Suite("Print layout")
struct PrintLayoutTests {
    @Test("scientific notation with superscripts and a true minus sign", arguments: [
        (2.4e-11, "2.40 × 10⁻¹¹"), (6.99e-12, "6.99 × 10⁻¹²"), (9.996e-12, "1.00 × 10⁻¹¹"),
        (-3.2e5, "−3.20 × 10⁵"), (3.14159, "3.14"), (0.0, "0"),
    ])
    func scientific(value: Double, text: String) {
        #expect(TickFormat.scientific(value) == text)
    }

    @Test("a print width writes the SVG size in inches, keeping the px viewBox")
    func inches() throws {
        let svg = try #require(try parse(Figure(width: 420, height: 315, printWidthInches: 3.4,
                                                panels: [Panel(x: Axis(), y: Axis())]).svg()).rootElement())
        #expect(svg.attr("width") == "3.400in" && svg.attr("height") == "2.550in")
        #expect(svg.attr("viewBox") == "0 0 420 315")
    }

    @Test("labels right of the plot area and a footnote get room: nothing is drawn past the figure's edges")
    func oppositeLabelsAndFootnote() throws {
        let bars = HorizontalBars(rows: [.upperLimit("A", 2e-11), .interval("B", lower: 1e-11, upper: 3e-11)])
        let fig = Figure(width: 500, height: 200, footnote: "a note", panels: [Panel(
            x: Axis("μν [μB]", scale: .log10, lower: 5e-12, upper: 5e-11), y: bars.categoryAxis(oppositeLabels: ["2005 · Phys. Lett. B 615 153", "2020 · PRD"]),
            legend: Legend(.hidden), elements: [bars])])
        let f = fig.frames()[0]
        let doc = try parse(fig.svg())
        let right = try elements(doc, "text").filter { $0.attr("class") == "opposite-label" }
        #expect(right.map(\.stringValue) == ["2005 · Phys. Lett. B 615 153", "2020 · PRD"])
        for t in right {
            let x = try #require(Double(t.attr("x") ?? ""))
            #expect(x > f.right)
            #expect(x + SVGElement.textWidth(t.stringValue ?? "", size: 13 * Figure.oppositeScale) <= 500)
        }
        let note = try #require(try elements(doc, "text").first { $0.attr("class") == "footnote" })
        #expect(try #require(Double(note.attr("y") ?? "")) > f.bottom + 13 * 2.5)  // under the x-axis title
    }

    @Test("a limit row runs from the plot's left edge to its value; an interval row is a bar between its ends")
    func limitAndIntervalRows() throws {
        let bars = HorizontalBars(rows: [.upperLimit("limit", 2e-11, color: .blue), .interval("interval", lower: 1e-11, upper: 3e-11, color: .vermillion)])
        let fig = Figure(width: 500, height: 200, panels: [Panel(x: Axis(scale: .log10, lower: 5e-12, upper: 5e-11),
                                                                 y: bars.categoryAxis(), legend: Legend(.hidden), elements: [bars])])
        let f = fig.frames()[0]
        let doc = try parse(fig.svg())
        let bar = try #require(try elements(doc, "rect").first { $0.attr("fill") == Color.vermillion.hex })
        let bx = try #require(Double(bar.attr("x") ?? "")), bw = try #require(Double(bar.attr("width") ?? ""))
        #expect(abs(bx - f.px(1e-11)!) < 0.01 && abs(bx + bw - f.px(3e-11)!) < 0.01)
        let lines = try elements(doc, "line").filter { $0.attr("stroke") == Color.blue.hex }
        let horizontal = try #require(lines.first { $0.attr("y1") == $0.attr("y2") })
        #expect(try #require(Double(horizontal.attr("x1") ?? "")) <= f.left + 5)
        #expect(abs(try #require(Double(horizontal.attr("x2") ?? "")) - f.px(2e-11)!) < 0.01)
    }
}
