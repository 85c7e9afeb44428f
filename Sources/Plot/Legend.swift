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

/// A panel's legend: a boxed list of the labelled elements' entries in a corner of the plot area.
public struct Legend: Sendable {
    /// Where the legend sits.
    public enum Position: Sendable, Hashable {
        /// Top-right corner of the plot area.
        case topRight
        /// Top-left corner.
        case topLeft
        /// Bottom-right corner.
        case bottomRight
        /// Bottom-left corner.
        case bottomLeft
        /// No legend.
        case hidden
    }

    /// The corner.
    public var position: Position
    /// Entries appended after those of the panel's elements.
    public var extraEntries: [LegendEntry]
    /// Text size in px.
    public var fontSize: Double

    /// Creates a legend.
    public init(_ position: Position = .topRight, extraEntries: [LegendEntry] = [], fontSize: Double = 12) {
        self.position = position; self.extraEntries = extraEntries; self.fontSize = fontSize
    }

    /// The legend box for `entries` in `frame`, or nil when hidden or empty.
    func render(_ entries: [LegendEntry], in frame: PlotFrame) -> SVGElement? {
        let all = entries + extraEntries
        guard position != .hidden, !all.isEmpty else { return nil }
        let row = fontSize * 1.45, sw = 26.0, pad = 6.0
        let w = pad * 3 + sw + (all.map { SVGElement.textWidth($0.label, size: fontSize) }.max() ?? 0)
        let h = pad * 2 + row * Double(all.count)
        let x0 = [.topLeft, .bottomLeft].contains(position) ? frame.left + 8 : frame.right - 8 - w
        let y0 = [.topLeft, .topRight].contains(position) ? frame.top + 8 : frame.bottom - 8 - h
        var items: [SVGElement] = [.rect(x: x0, y: y0, width: w, height: h, fill: "#ffffff",
                                         extra: [("fill-opacity", "0.85"), ("stroke", "#999999"), ("stroke-width", "0.8")])]
        for (i, e) in all.enumerated() {
            let cy = y0 + pad + row * (Double(i) + 0.5), sx = x0 + pad
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
