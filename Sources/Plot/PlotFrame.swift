/// The plot area of a panel in pixels together with its resolved axes: the map from data to
/// SVG coordinates that plot elements draw with.
public struct PlotFrame: Sendable {
    /// Left edge, top edge, width and height of the plot area in px.
    public let left, top, width, height: Double
    /// The x and y scales.
    public let xScale, yScale: Scale
    /// The resolved x and y ranges (always of positive width and drawable on their scales).
    public let xRange, yRange: ClosedRange<Double>

    /// Creates a frame.
    public init(left: Double, top: Double, width: Double, height: Double,
                xScale: Scale, xRange: ClosedRange<Double>, yScale: Scale, yRange: ClosedRange<Double>) {
        self.left = left; self.top = top; self.width = width; self.height = height
        self.xScale = xScale; self.yScale = yScale; self.xRange = xRange; self.yRange = yRange
    }

    /// The right edge of the plot area.
    public var right: Double { left + width }
    /// The bottom edge of the plot area.
    public var bottom: Double { top + height }

    /// Fraction along a range in scale space, clamped far outside the area to keep numbers sane.
    private static func fraction(_ v: Double, _ scale: Scale, _ r: ClosedRange<Double>) -> Double? {
        guard let t = scale.transform(v), let a = scale.transform(r.lowerBound),
              let b = scale.transform(r.upperBound), b > a else { return nil }
        return min(max((t - a) / (b - a), -10), 11)
    }

    /// The pixel x of data `x`, or nil when not drawable.
    public func px(_ x: Double) -> Double? {
        Self.fraction(x, xScale, xRange).map { left + $0 * width }
    }

    /// The pixel y of data `y`, or nil when not drawable.
    public func py(_ y: Double) -> Double? {
        Self.fraction(y, yScale, yRange).map { bottom - $0 * height }
    }

    /// Like ``py(_:)``, but a finite value below a log axis (≤ 0) maps just below the plot area,
    /// so fills and error bars reach the bottom; nil only for NaN and infinities.
    public func pyOrBottom(_ y: Double) -> Double? {
        guard y.isFinite else { return nil }
        return py(y) ?? bottom + 2
    }

    /// The pixel position of a data point, or nil when either coordinate is not drawable.
    public func point(_ x: Double, _ y: Double) -> (Double, Double)? {
        guard let a = px(x), let b = py(y) else { return nil }
        return (a, b)
    }
}
