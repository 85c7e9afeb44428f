/// Data points drawn as filled circles with optional asymmetric vertical error bars (e.g. Poisson
/// intervals) and symmetric horizontal bars (e.g. half the bin width).
public struct PointSeries: PlotElement {
    /// x values.
    public var x: [Double]
    /// y values.
    public var y: [Double]
    /// Downward error-bar lengths (≥ 0), or nil for none.
    public var errorLow: [Double]?
    /// Upward error-bar lengths (≥ 0), or nil for none.
    public var errorHigh: [Double]?
    /// Horizontal half-widths, or nil for none.
    public var xError: [Double]?
    /// Legend text, or nil for no legend entry.
    public var label: String?
    /// Marker and bar colour.
    public var color: Color
    /// Marker radius in px.
    public var radius: Double

    /// Creates points; error arrays pair with `x`/`y` by index (missing or NaN entries draw no bar).
    public init(x: [Double], y: [Double], errorLow: [Double]? = nil, errorHigh: [Double]? = nil,
                xError: [Double]? = nil, label: String? = nil, color: Color = .black, radius: Double = 3) {
        self.x = x; self.y = y; self.errorLow = errorLow; self.errorHigh = errorHigh; self.xError = xError
        self.label = label; self.color = color; self.radius = radius
    }

    /// Creates points with symmetric vertical errors.
    public init(x: [Double], y: [Double], yError: [Double], label: String? = nil, color: Color = .black) {
        self.init(x: x, y: y, errorLow: yError, errorHigh: yError, label: label, color: color)
    }

    private var count: Int { min(x.count, y.count) }
    private func err(_ a: [Double]?, _ i: Int) -> Double {
        guard let a, i < a.count, a[i].isFinite else { return 0 }
        return abs(a[i])
    }

    /// x values widened by the horizontal errors.
    public var xValues: [Double] { (0..<count).flatMap { [x[$0] - err(xError, $0), x[$0] + err(xError, $0)] } }
    /// y values widened by the vertical errors.
    public var yValues: [Double] { (0..<count).flatMap { [y[$0] - err(errorLow, $0), y[$0] + err(errorHigh, $0)] } }

    /// A marker swatch when labelled.
    public var legendEntries: [LegendEntry] { label.map { [LegendEntry($0, .marker(color))] } ?? [] }

    /// A `<g>` holding one path of error bars and a circle per drawable point. A point at or
    /// below zero on a log axis keeps its upper bar, drawn from the axis bottom.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        let (bars, centres) = geometry(frame)
        var children: [SVGElement] = []
        if let p = SVGElement.path(bars, attributes: strokeAttributes(color, 1.2, .solid)) { children.append(p) }
        children += centres.map { c in
            SVGElement("circle", [("cx", SVGElement.num(c.0)), ("cy", SVGElement.num(c.1)), ("r", SVGElement.num(radius))])
        }
        return children.isEmpty ? [] : [SVGElement("g", [("fill", color.hex)], children: children)]
    }

    /// The error bars and a box around each marker.
    public func footprint(in frame: PlotFrame) -> [Footprint] {
        let (bars, centres) = geometry(frame)
        return Footprint.polyline(bars) + centres.map { c in
            .rect(PixelRect(x: c.0 - radius, y: c.1 - radius, width: 2 * radius, height: 2 * radius))
        }
    }

    /// Error bars as pixel segments and marker centres.
    private func geometry(_ frame: PlotFrame) -> (bars: [[(Double, Double)]], centres: [(Double, Double)]) {
        var bars: [[(Double, Double)]] = [], centres: [(Double, Double)] = []
        for i in 0..<count {
            guard let cx = frame.px(x[i]), y[i].isFinite else { continue }
            let (lo, hi) = (y[i] - err(errorLow, i), y[i] + err(errorHigh, i))
            if hi > lo, let a = frame.pyOrBottom(lo), let b = frame.pyOrBottom(hi) { bars.append([(cx, a), (cx, b)]) }
            guard let cy = frame.py(y[i]) else { continue }
            let dx = err(xError, i)
            if dx > 0, let a = frame.px(x[i] - dx) ?? (frame.xScale == .log10 ? frame.left - 2 : nil),
               let b = frame.px(x[i] + dx) {
                bars.append([(a, cy), (b, cy)])
            }
            centres.append((cx, cy))
        }
        return (bars, centres)
    }
}
