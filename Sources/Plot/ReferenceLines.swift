/// A horizontal marker line across the plot area at a fixed y (e.g. Δχ² = 2.71), with an
/// optional label just above it at the right end.
public struct HorizontalLine: PlotElement {
    /// The data y of the line.
    public var y: Double
    /// Text written above the line, or nil.
    public var label: String?
    /// Stroke colour.
    public var color: Color
    /// Dash pattern.
    public var dash: Dash
    /// Stroke width in px.
    public var width: Double

    /// Creates a marker line.
    public init(y: Double, label: String? = nil, color: Color = .gray, dash: Dash = .dashed, width: Double = 1) {
        self.y = y; self.label = label; self.color = color; self.dash = dash; self.width = width
    }

    /// None: the line spans whatever x range the panel has.
    public var xValues: [Double] { [] }
    /// The line's y, so automatic ranges include it.
    public var yValues: [Double] { [y] }

    /// The line, or nothing when `y` is not drawable.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        guard let p = frame.py(y) else { return [] }
        return [.line(frame.left, p, frame.right, p, stroke: color, width: width, dash: dash)]
    }

    /// The label, when the line lies within the plot area.
    public func annotations(in frame: PlotFrame) -> [SVGElement] {
        guard let label, let p = frame.py(y), p >= frame.top, p <= frame.bottom else { return [] }
        return [.text(label, x: frame.right - 4, y: p - 3, size: 11, anchor: "end", fill: color)]
    }

    /// The line and its label.
    public func footprint(in frame: PlotFrame) -> [Footprint] {
        guard let p = frame.py(y) else { return [] }
        var out: [Footprint] = [.segment(x1: frame.left, y1: p, x2: frame.right, y2: p)]
        if let label { out.append(.rect(.text(label, x: frame.right - 4, y: p - 3, size: 11, anchor: "end"))) }
        return out
    }
}

/// A vertical marker line at a fixed x (e.g. an interval end), with an optional label written
/// upwards beside it near the top of the plot area.
public struct VerticalLine: PlotElement {
    /// The data x of the line.
    public var x: Double
    /// Text written beside the line, or nil.
    public var label: String?
    /// Stroke colour.
    public var color: Color
    /// Dash pattern.
    public var dash: Dash
    /// Stroke width in px.
    public var width: Double

    /// Creates a marker line.
    public init(x: Double, label: String? = nil, color: Color = .gray, dash: Dash = .dashed, width: Double = 1) {
        self.x = x; self.label = label; self.color = color; self.dash = dash; self.width = width
    }

    /// The line's x, so automatic ranges include it.
    public var xValues: [Double] { [x] }
    /// None: the line spans whatever y range the panel has.
    public var yValues: [Double] { [] }

    /// The line, or nothing when `x` is not drawable.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        guard let p = frame.px(x) else { return [] }
        return [.line(p, frame.top, p, frame.bottom, stroke: color, width: width, dash: dash)]
    }

    /// The label, rotated to read upwards, when the line lies within the plot area.
    public func annotations(in frame: PlotFrame) -> [SVGElement] {
        guard let label, let p = frame.px(x), p >= frame.left, p <= frame.right else { return [] }
        return [.text(label, x: p - 4, y: frame.top + 6, size: 11, anchor: "end", rotate: -90, fill: color)]
    }

    /// The line and its (rotated) label.
    public func footprint(in frame: PlotFrame) -> [Footprint] {
        guard let p = frame.px(x) else { return [] }
        var out: [Footprint] = [.segment(x1: p, y1: frame.top, x2: p, y2: frame.bottom)]
        if let label {
            out.append(.rect(PixelRect(x: p - 4 - 0.8 * 11, y: frame.top + 6, width: 11, height: SVGElement.textWidth(label, size: 11))))
        }
        return out
    }
}
