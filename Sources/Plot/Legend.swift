/// One legend row: a swatch and its text.
public struct LegendEntry: Sendable {
    /// How the swatch looks.
    public enum Swatch: Sendable {
        /// A line segment.
        case line(Color, width: Double, dash: Dash)
        /// A data marker with a vertical bar.
        case marker(Color)
        /// A filled box.
        case fill(Color, opacity: Double)
    }

    /// The text.
    public var label: String
    /// The swatch.
    public var swatch: Swatch

    /// Creates an entry.
    public init(_ label: String, _ swatch: Swatch) {
        self.label = label; self.swatch = swatch
    }
}

/// A panel's legend: a boxed list of the labelled elements' entries inside the plot area, or a
/// row of entries above it.
///
/// With ``Position/auto`` (the default) the legend never covers what the panel draws: it goes to
/// the first place inside the plot area — the four corners, then the middles of the top and
/// bottom edges — where its box meets none of the elements' ``PlotElement/footprint(in:)``s, and
/// above the plot area, in as many columns as fit, when no such place is free.
public struct Legend: Sendable {
    /// Where the legend sits.
    public enum Position: Sendable, Hashable {
        /// The first free place inside the plot area, else above it (see ``Legend``).
        case auto
        /// Top-right corner of the plot area.
        case topRight
        /// Top-left corner.
        case topLeft
        /// Bottom-right corner.
        case bottomRight
        /// Bottom-left corner.
        case bottomLeft
        /// Above the plot area, entries side by side in columns.
        case above
        /// No legend.
        case hidden
    }

    /// The requested place.
    public var position: Position
    /// Entries appended after those of the panel's elements.
    public var extraEntries: [LegendEntry]
    /// Text size in px.
    public var fontSize: Double

    /// Creates a legend.
    public init(_ position: Position = .auto, extraEntries: [LegendEntry] = [], fontSize: Double = 12) {
        self.position = position; self.extraEntries = extraEntries; self.fontSize = fontSize
    }

    private var row: Double { fontSize * 1.45 }
    private let swatchWidth = 24.0, pad = 5.0
    private func entryWidth(_ e: LegendEntry) -> Double { swatchWidth + pad + SVGElement.textWidth(e.label, size: fontSize) }

    /// Where the legend goes for a panel with these entries and elements in `frame`.
    enum Placement: Equatable {
        case none, above
        case inside(PixelRect)
    }

    /// The size of the boxed (inside) legend.
    func boxSize(_ all: [LegendEntry]) -> (w: Double, h: Double) {
        (pad * 2 + (all.map(entryWidth).max() ?? 0), pad * 2 + row * Double(all.count))
    }

    /// Columns and height of the legend above a plot area `width` px wide.
    func aboveLayout(_ all: [LegendEntry], width: Double) -> (columns: Int, columnWidth: Double, height: Double) {
        let cw = (all.map(entryWidth).max() ?? 0) + 14
        let cols = max(1, min(all.count, Int(width / cw)))
        let rows = (all.count + cols - 1) / cols
        return (cols, cw, row * Double(rows) + 4)
    }

    /// The candidate boxes inside the plot area, in order of preference.
    func candidates(_ all: [LegendEntry], in frame: PlotFrame) -> [PixelRect] {
        let (w, h) = boxSize(all), m = 6.0
        let xs = (l: frame.left + m, r: frame.right - m - w, c: frame.left + (frame.width - w) / 2)
        let ys = (t: frame.top + m, b: frame.bottom - m - h)
        let fixed: [Position: PixelRect] = [
            .topRight: PixelRect(x: xs.r, y: ys.t, width: w, height: h), .topLeft: PixelRect(x: xs.l, y: ys.t, width: w, height: h),
            .bottomRight: PixelRect(x: xs.r, y: ys.b, width: w, height: h), .bottomLeft: PixelRect(x: xs.l, y: ys.b, width: w, height: h),
        ]
        if let r = fixed[position] { return [r] }
        return [fixed[.topRight]!, fixed[.topLeft]!, fixed[.bottomRight]!, fixed[.bottomLeft]!,
                PixelRect(x: xs.c, y: ys.t, width: w, height: h), PixelRect(x: xs.c, y: ys.b, width: w, height: h)]
            .filter { $0.x >= frame.left && $0.maxX <= frame.right && $0.y >= frame.top && $0.maxY <= frame.bottom }
    }

    /// Chooses the place: a fixed corner as asked, or for ``Position/auto`` the first candidate
    /// whose box (grown by 3 px) overlaps no footprint, else above the plot area.
    func placement(_ entries: [LegendEntry], footprint: [Footprint], in frame: PlotFrame) -> Placement {
        let all = entries + extraEntries
        guard position != .hidden, !all.isEmpty else { return .none }
        if position == .above { return .above }
        let boxes = candidates(all, in: frame)
        if position != .auto { return boxes.first.map { .inside($0) } ?? .above }
        let free = boxes.first { box in
            let grown = box.inflated(by: 3)
            return !footprint.contains { $0.overlap(with: grown) > 0 }
        }
        return free.map { .inside($0) } ?? .above
    }

    /// The legend for `entries` at `placement` (for ``Placement/above``, in the `height` px band
    /// ending just above `frame`), or nil when there is none.
    func render(_ entries: [LegendEntry], placement: Placement, in frame: PlotFrame) -> SVGElement? {
        let all = entries + extraEntries
        var items: [SVGElement] = []
        var slots: [(x: Double, cy: Double)] = []
        switch placement {
        case .none: return nil
        case .inside(let box):
            items.append(.rect(x: box.x, y: box.y, width: box.width, height: box.height, fill: "#ffffff",
                               extra: [("fill-opacity", "0.85"), ("stroke", "#999999"), ("stroke-width", "0.8")]))
            slots = all.indices.map { (box.x + pad, box.y + pad + row * (Double($0) + 0.5)) }
        case .above:
            let (cols, cw, h) = aboveLayout(all, width: frame.width)
            let top = frame.top - h - 2
            slots = all.indices.map { (frame.left + Double($0 % cols) * cw, top + row * (Double($0 / cols) + 0.5)) }
        }
        for (e, slot) in zip(all, slots) {
            let sx = slot.x, cy = slot.cy, sw = swatchWidth
            switch e.swatch {
            case let .line(c, width, dash):
                items.append(.line(sx, cy, sx + sw, cy, stroke: c, width: width, dash: dash))
            case let .marker(c):
                items.append(.line(sx + sw / 2, cy - row * 0.4, sx + sw / 2, cy + row * 0.4, stroke: c, width: 1.2))
                items.append(SVGElement("circle", [("cx", SVGElement.num(sx + sw / 2)), ("cy", SVGElement.num(cy)),
                                                   ("r", "3"), ("fill", c.hex)]))
            case let .fill(c, opacity):
                items.append(.rect(x: sx, y: cy - row * 0.32, width: sw, height: row * 0.64, fill: c.hex,
                                   extra: [("fill-opacity", SVGElement.num(opacity))]))
            }
            items.append(.text(e.label, x: sx + sw + pad, y: cy + fontSize * 0.35, size: fontSize))
        }
        return SVGElement("g", [("class", "legend")], children: items)
    }
}
