/// A complete figure: one or more ``Panel``s stacked vertically, rendered as standalone SVG 1.1.
///
/// ```swift
/// let main = Panel(x: Axis("E [keV]"), y: Axis("events / keV"), relativeHeight: 3,
///                  elements: [LineSeries(x: e, y: model, label: "fit", color: .vermillion)])
/// let svg = Figure(width: 720, height: 560, title: "XENON1T SR1", panels: [main]).svg()
/// ```
public struct Figure: Sendable {
    /// Width in px.
    public var width: Double
    /// Height in px.
    public var height: Double
    /// Title above the panels (also the SVG `<title>`), or nil.
    public var title: String?
    /// Panels, top first.
    public var panels: [Panel]
    /// Whether stacked panels share one x range, with x tick labels and title only on the bottom panel.
    public var sharesX: Bool
    /// Base text size in px (tick labels; titles are slightly larger).
    public var fontSize: Double
    /// Prefix for element ids (clip paths), to keep several figures in one page apart.
    public var idPrefix: String
    /// A note under the figure in small type (lines separated by `\n`), e.g. what the symbols mean.
    public var footnote: String?
    /// The printed width in inches, or nil. When set, the SVG's `width`/`height` are written in
    /// inches (the `viewBox` stays in px), so that a converter renders it at that size: e.g. 3.4 in
    /// (one journal column) at 300 dpi gives 1020 px, and font sizes in px become sizes in print.
    public var printWidthInches: Double?

    /// Creates a figure.
    public init(width: Double = 720, height: Double = 520, title: String? = nil, sharesX: Bool = true,
                fontSize: Double = 13, idPrefix: String = "plot", footnote: String? = nil,
                printWidthInches: Double? = nil, panels: [Panel]) {
        self.width = width; self.height = height; self.title = title; self.sharesX = sharesX
        self.fontSize = fontSize; self.idPrefix = idPrefix; self.panels = panels
        self.footnote = footnote; self.printWidthInches = printWidthInches
    }

    private struct Layout {
        var frames: [PlotFrame] = [], xTicks: [Ticks] = [], yTicks: [Ticks] = [], showsX: [Bool] = []
        var legends: [Legend.Placement] = [], legendHeights: [Double] = []
        var size = (0.0, 0.0), yTitleX = 0.0
    }

    /// The plot areas of the panels in px with their resolved axes (the data → pixel maps).
    public func frames() -> [PlotFrame] { layout().frames }

    /// Each panel's legend box in px when the legend sits inside the plot area; nil when it is
    /// hidden or placed above the plot area.
    public func legendBoxes() -> [PixelRect?] {
        layout().legends.map { if case .inside(let r) = $0 { r } else { nil } }
    }

    /// Each panel's elements' footprints in its final frame (what the legend avoids).
    public func footprints() -> [[Footprint]] {
        let L = layout()
        return panels.indices.map { i in panels[i].footprint(in: L.frames[i]) }
    }

    /// Lays the panels out; panels whose legend has no free place inside get a band above
    /// their plot area, which moves the frames, so the placement is decided again (at most 3 rounds).
    private func layout() -> Layout {
        var above = [Bool](repeating: false, count: panels.count)
        var L = layout(legendAbove: above)
        for _ in 0..<3 {
            L.legends = panels.indices.map { i in
                let p = panels[i]
                let placed = p.legend.placement(p.legendEntries, footprint: p.footprint(in: L.frames[i]), in: L.frames[i])
                return above[i] && placed != .none ? .above : placed
            }
            let now = L.legends.map { $0 == .above }
            if now == above { break }
            above = zip(above, now).map { $0 || $1 }
            let legends = L.legends
            L = layout(legendAbove: above)
            L.legends = legends
        }
        L.legends = zip(L.legends, above).map { $1 ? .above : $0 }
        return L
    }

    private func layout(legendAbove: [Bool]) -> Layout {
        let W = width.isFinite ? max(width, 100) : 720, H = height.isFinite ? max(height, 100) : 520
        let fs = fontSize.isFinite && fontSize > 0 ? fontSize : 13
        let n = panels.count, shared = sharesX && n > 1
        var L = Layout(); L.size = (W, H)
        let xData = { (p: Panel) in p.elements.flatMap(\.xValues) }
        var xr = panels.map { $0.x.scale.resolve(lower: $0.x.lower, upper: $0.x.upper, data: xData($0)) }
        if shared, let s = panels.first?.x.scale {
            let same = panels.filter { $0.x.scale == s }
            let r = s.resolve(lower: same.lazy.compactMap(\.x.lower).first, upper: same.lazy.compactMap(\.x.upper).first,
                              data: same.flatMap(xData))
            for i in 0..<n where panels[i].x.scale == s { xr[i] = r }
        }
        let yr = panels.map { $0.y.scale.resolve(lower: $0.y.lower, upper: $0.y.upper, data: $0.elements.flatMap(\.yValues)) }
        let rel = panels.map { $0.relativeHeight.isFinite ? max($0.relativeHeight, 0.05) : 1 }
        let relSum = rel.reduce(0, +)
        func ticks(_ a: Axis, _ r: ClosedRange<Double>, _ target: Int) -> Ticks {
            let t = a.ticks ?? a.scale.ticks(in: r, target: target)
            let tol = 1e-9 * (r.upperBound - r.lowerBound)
            let keep = t.major.indices.filter { t.major[$0] >= r.lowerBound - tol && t.major[$0] <= r.upperBound + tol }
            return Ticks(major: keep.map { t.major[$0] }, minor: t.minor.filter { r.contains($0) }, labels: keep.map { t.labels[$0] },
                         oppositeLabels: t.oppositeLabels.isEmpty ? [] : keep.map { t.oppositeLabels[$0] })
        }
        L.showsX = (0..<n).map { !shared || $0 == n - 1 }
        // about one x tick label per 5 text heights and one y tick per 3
        L.xTicks = (0..<n).map { ticks(panels[$0].x, xr[$0], max(3, Int(((W - 120) / (fs * 5)).rounded()))) }
        L.yTicks = (0..<n).map { ticks(panels[$0].y, yr[$0], max(4, Int(((H - 100) * rel[$0] / relSum / (fs * 3)).rounded()))) }
        let yLabelW = (0..<n).filter { panels[$0].y.showsTickLabels }
            .flatMap { L.yTicks[$0].labels }.map { SVGElement.textWidth($0, size: fs) }.max() ?? 0
        let hasYTitle = panels.contains { $0.y.label != nil }
        L.yTitleX = 6 + fs
        let left = 8 + (hasYTitle ? fs * 1.6 : 0) + yLabelW + 8
        let lastX = L.xTicks.last?.labels.last ?? ""
        let oppositeW = L.yTicks.flatMap(\.oppositeLabels).map { SVGElement.textWidth($0, size: fs * Self.oppositeScale) }.max() ?? 0
        let right = max(18, SVGElement.textWidth(lastX, size: fs) / 2 + 6, oppositeW > 0 ? oppositeW + 16 : 0)
        let top = 10 + (title != nil ? fs * 1.9 : 0)
        let plotWidth = max(W - left - right, 20)
        L.legendHeights = (0..<n).map { i in
            legendAbove[i] ? panels[i].legend.aboveLayout(panels[i].legendEntries + panels[i].legend.extraEntries, width: plotWidth).height : 0
        }
        let topPad = (0..<n).map { i in
            (panels[i].title != nil ? fs * 1.7 : (i == 0 ? 4 : (shared ? 6 : 14))) + (legendAbove[i] ? L.legendHeights[i] + 4 : 0)
        }
        let footLines = footnote.map { $0.split(separator: "\n", omittingEmptySubsequences: false).count } ?? 0
        let footH = footLines > 0 ? Double(footLines) * fs * Self.footnoteScale * 1.3 + 4 : 0
        let bottomPad = (0..<n).map { i -> Double in
            guard L.showsX[i] else { return 0 }
            return (panels[i].x.showsTickLabels ? fs + 10 : 4) + (panels[i].x.label != nil ? fs * 1.7 : 0)
        }
        let avail = max(H - top - 6 - footH - topPad.reduce(0, +) - bottomPad.reduce(0, +), 20 * Double(n))
        var cursor = top
        for i in 0..<n {
            cursor += topPad[i]
            let h = avail * rel[i] / relSum
            L.frames.append(PlotFrame(left: left, top: cursor, width: plotWidth, height: h,
                                      xScale: panels[i].x.scale, xRange: xr[i], yScale: panels[i].y.scale, yRange: yr[i]))
            cursor += h + bottomPad[i]
        }
        return L
    }

    /// Size of the labels right of the plot area and of the footnote relative to the base text size.
    static let oppositeScale = 0.85, footnoteScale = 0.85

    /// A text size no larger than `size` at which `s` fits into `width` px (but not below 70 % of `size`).
    static func fitted(_ s: String, size: Double, width: Double) -> Double {
        let w = SVGElement.textWidth(s, size: size)
        return w <= width ? size : max(size * 0.7, size * width / w)
    }

    /// The figure as a standalone SVG 1.1 document (UTF-8, with an XML declaration).
    public func svg() -> String {
        typealias E = SVGElement
        let L = layout()
        let (W, H) = L.size, fs = fontSize.isFinite && fontSize > 0 ? fontSize : 13
        let clip = { (i: Int) in "\(idPrefix)-clip-\(i)" }
        let defs = E("defs", children: L.frames.enumerated().map { i, f in
            E("clipPath", [("id", clip(i))], children: [.rect(x: f.left, y: f.top, width: f.width, height: f.height, fill: "#ffffff")])
        })
        var body: [E] = [E("title", text: title ?? panels.lazy.compactMap(\.title).first ?? "Figure"), defs,
                         .rect(x: 0, y: 0, width: W, height: H, fill: "#ffffff")]
        if let title {
            // bold text is about 10 % wider than the estimate
            let size = Self.fitted(title, size: fs * 1.25, width: (W - 12) / 1.1)
            body.append(.text(title, x: W / 2, y: 10 + fs * 1.25, size: size, anchor: "middle",
                              extra: [("class", "figure-title"), ("font-weight", "bold")]))
        }
        for (i, p) in panels.enumerated() {
            body.append(p.render(L.frames[i], xTicks: L.xTicks[i], yTicks: L.yTicks[i], showsX: L.showsX[i], clipID: clip(i),
                                 fontSize: fs, dropTopYLabel: sharesX && i > 0, yTitleX: L.yTitleX,
                                 legend: L.legends[i], legendHeight: L.legendHeights[i], figureWidth: W))
        }
        if let footnote {
            let size = fs * Self.footnoteScale
            for (k, line) in footnote.split(separator: "\n", omittingEmptySubsequences: false).reversed().enumerated() {
                body.append(.text(String(line), x: 8, y: H - 6 - Double(k) * size * 1.3, size: Self.fitted(String(line), size: size, width: W - 16),
                                  fill: Color(rgb: 0x333333), extra: [("class", "footnote")]))
            }
        }
        let n = E.num
        let (wAttr, hAttr) = printWidthInches.flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
            .map { (String(format: "%.3fin", $0), String(format: "%.3fin", $0 * H / W)) } ?? (n(W), n(H))
        let root = E("svg", [("xmlns", "http://www.w3.org/2000/svg"), ("version", "1.1"), ("width", wAttr), ("height", hAttr),
                             ("viewBox", "0 0 \(n(W)) \(n(H))"), ("font-family", "DejaVu Sans, Helvetica, Arial, sans-serif")],
                     children: body)
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + root.xml()
    }
}
