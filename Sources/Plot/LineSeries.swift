/// A curve through (x, y) points, or a step outline of a histogram given by bin edges.
/// Undrawable points (NaN, ±∞, non-positive on a log axis) break the line into pieces.
public struct LineSeries: PlotElement {
    /// How the points are joined.
    public enum Style: Sendable, Hashable {
        /// Straight segments between successive points.
        case polyline
        /// Histogram steps: `x` holds bin edges (one more than `y`), `y` the bin contents.
        case steps
    }

    /// x values (bin edges for ``Style/steps``).
    public var x: [Double]
    /// y values (bin contents for ``Style/steps``).
    public var y: [Double]
    /// Polyline or steps.
    public var style: Style
    /// Legend text, or nil for no legend entry.
    public var label: String?
    /// Stroke colour.
    public var color: Color
    /// Stroke width in px.
    public var width: Double
    /// Dash pattern.
    public var dash: Dash

    /// A polyline through `(x[i], y[i])` (extra values in the longer array are ignored).
    public init(x: [Double], y: [Double], label: String? = nil, color: Color = .black,
                width: Double = 1.5, dash: Dash = .solid) {
        self.x = x; self.y = y; self.style = .polyline
        self.label = label; self.color = color; self.width = width; self.dash = dash
    }

    /// A histogram outline: bin `i` spans `edges[i]…edges[i+1]` at height `values[i]`.
    public init(edges: [Double], values: [Double], label: String? = nil, color: Color = .black,
                width: Double = 1.5, dash: Dash = .solid) {
        self.init(x: edges, y: values, label: label, color: color, width: width, dash: dash)
        self.style = .steps
    }

    /// The x values (edges).
    public var xValues: [Double] { x }
    /// The y values.
    public var yValues: [Double] { y }

    /// A line swatch when labelled.
    public var legendEntries: [LegendEntry] {
        label.map { [LegendEntry($0, .line(color, width: width, dash: dash))] } ?? []
    }

    /// One `<path>` with a subpath per unbroken run.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        SVGElement.path(pixelRuns(frame), attributes: strokeAttributes(color, width, dash)).map { [$0] } ?? []
    }

    /// The drawn segments.
    public func footprint(in frame: PlotFrame) -> [Footprint] { Footprint.polyline(pixelRuns(frame)) }

    /// The unbroken runs of pixel points that the path joins.
    func pixelRuns(_ frame: PlotFrame) -> [[(Double, Double)]] {
        switch style {
        case .polyline:
            runs(min(x.count, y.count)) { frame.point(x[$0], y[$0]) }
        case .steps:
            stepRuns(edges: x, count: y.count, frame: frame) { frame.pyOrBottom(y[$0]) }
                .map { $0.flatMap { [($0.x0, $0.y), ($0.x1, $0.y)] } }
        }
    }
}

/// Runs of consecutive drawable histogram bins as pixel spans (x0, x1) and a pixel y.
func stepRuns(edges: [Double], count: Int, frame: PlotFrame,
              y: (Int) -> Double?) -> [[(x0: Double, x1: Double, y: Double)]] {
    runs(min(count, edges.count - 1)) { i in
        guard let a = frame.px(edges[i]), let b = frame.px(edges[i + 1]), let v = y(i) else { return nil }
        return (a, b, v)
    }
}
