/// One plot area with its x and y axes, the elements drawn in it, an optional title and a legend.
/// Panels stack vertically in a ``Figure`` with heights in proportion to `relativeHeight`.
public struct Panel: Sendable {
    /// The horizontal axis.
    public var x: Axis
    /// The vertical axis.
    public var y: Axis
    /// Elements in drawing order (later ones on top).
    public var elements: [any PlotElement]
    /// Title written above the plot area, or nil.
    public var title: String?
    /// The legend of the labelled elements.
    public var legend: Legend
    /// Height relative to the figure's other panels (e.g. 3 for a main panel over a 1 residual panel).
    public var relativeHeight: Double

    /// Creates a panel.
    public init(x: Axis, y: Axis, title: String? = nil, relativeHeight: Double = 1,
                legend: Legend = Legend(), elements: [any PlotElement] = []) {
        self.x = x; self.y = y; self.title = title; self.relativeHeight = relativeHeight
        self.legend = legend; self.elements = elements
    }

    /// Appends an element (drawn above the existing ones).
    public mutating func add(_ element: some PlotElement) { elements.append(element) }

    /// The legend entries of the elements (without the legend's extra entries).
    var legendEntries: [LegendEntry] { elements.flatMap(\.legendEntries) }

    /// All elements' footprints in `frame`.
    func footprint(in frame: PlotFrame) -> [Footprint] { elements.flatMap { $0.footprint(in: frame) } }

    /// The panel's SVG group given its frame, resolved ticks and legend placement.
    func render(_ f: PlotFrame, xTicks: Ticks, yTicks: Ticks, showsX: Bool, clipID: String,
                fontSize fs: Double, dropTopYLabel: Bool, yTitleX: Double,
                legend placement: Legend.Placement, legendHeight: Double, figureWidth: Double) -> SVGElement {
        typealias E = SVGElement
        var out: [E] = []
        let gx = x.grid ? xTicks.major.compactMap(f.px) : [], gy = y.grid ? yTicks.major.compactMap(f.py) : []
        if let grid = E.path(gx.map { [($0, f.top), ($0, f.bottom)] } + gy.map { [(f.left, $0), (f.right, $0)] },
                             attributes: strokeAttributes(.lightGray, 0.8, .solid)) { out.append(grid) }
        out.append(E("g", [("clip-path", "url(#\(clipID))")], children: elements.flatMap { $0.render(in: f) }))
        out.append(.rect(x: f.left, y: f.top, width: f.width, height: f.height, fill: "none",
                         extra: [("stroke", "#000000"), ("stroke-width", "1")]))
        var marks: [[(Double, Double)]] = []
        for (values, len) in [(xTicks.major, 6.0), (xTicks.minor, 3.0)] {
            for p in values.compactMap(f.px) { marks += [[(p, f.bottom), (p, f.bottom - len)], [(p, f.top), (p, f.top + len)]] }
        }
        for (values, len) in [(yTicks.major, 6.0), (yTicks.minor, 3.0)] {
            for p in values.compactMap(f.py) { marks += [[(f.left, p), (f.left + len, p)], [(f.right, p), (f.right - len, p)]] }
        }
        if let m = E.path(marks, attributes: strokeAttributes(.black, 0.9, .solid)) { out.append(m) }
        let tickClass = [("class", "tick-label")]
        if showsX, x.showsTickLabels {
            let pos = xTicks.major.map { f.px($0) ?? .nan }
            let k = thinning(pos, widest: xTicks.labels.map { E.textWidth($0, size: fs) }.max() ?? 0)
            let o = labelOffset(xTicks.major, k)
            for (i, p) in pos.enumerated() where p.isFinite && (i - o) % k == 0 {
                out.append(.text(xTicks.labels[i], x: p, y: f.bottom + fs + 4, size: fs, anchor: "middle", extra: tickClass))
            }
        }
        if y.showsTickLabels {
            let pos = yTicks.major.map { f.py($0) ?? .nan }
            let k = thinning(pos, widest: fs)
            let o = labelOffset(yTicks.major, k)
            for (i, p) in pos.enumerated() where p.isFinite && (i - o) % k == 0 && !(dropTopYLabel && p < f.top + fs * 0.6) {
                out.append(.text(yTicks.labels[i], x: f.left - 6, y: p + fs * 0.35, size: fs, anchor: "end", extra: tickClass))
            }
            let size = fs * Figure.oppositeScale
            for (i, label) in yTicks.oppositeLabels.enumerated() where !label.isEmpty {
                guard let p = f.py(yTicks.major[i]) else { continue }
                out.append(.text(label, x: f.right + 8, y: p + size * 0.35, size: size, fill: Color(rgb: 0x333333),
                                 extra: [("class", "opposite-label")]))
            }
        }
        if showsX, let label = x.label {
            let ty = f.bottom + (x.showsTickLabels ? fs * 2.5 + 6 : fs * 1.3)
            out.append(.text(label, x: f.left + f.width / 2, y: ty, size: fs * 1.08, anchor: "middle", extra: [("class", "axis-title")]))
        }
        if let label = y.label {
            out.append(.text(label, x: yTitleX, y: f.top + f.height / 2, size: fs * 1.08, anchor: "middle",
                             rotate: -90, extra: [("class", "axis-title")]))
        }
        if let title {
            let size = Figure.fitted(title, size: fs * 1.08, width: (figureWidth - f.left - 4) / 1.1)
            out.append(.text(title, x: f.left, y: f.top - 7 - (placement == .above ? legendHeight + 4 : 0), size: size,
                             extra: [("class", "panel-title"), ("font-weight", "bold")]))
        }
        out += elements.flatMap { $0.annotations(in: f) }
        if let l = legend.render(legendEntries, placement: placement, in: f) { out.append(l) }
        return E("g", [("class", "panel")], children: out)
    }

    /// Show every k-th label so that neighbours (at pixel positions `pos`) do not overlap.
    /// When every k-th label is shown, the index offset that keeps the label at 0 (if there is one).
    private func labelOffset(_ major: [Double], _ k: Int) -> Int {
        k > 1 ? (major.firstIndex(of: 0) ?? 0) % k : 0
    }

    private func thinning(_ pos: [Double], widest: Double) -> Int {
        let p = pos.filter(\.isFinite)
        let gap = zip(p, p.dropFirst()).map { abs($1 - $0) }.min() ?? .infinity
        return gap > 0 ? max(1, Int(((widest + 6) / gap).rounded(.up))) : 1
    }
}
