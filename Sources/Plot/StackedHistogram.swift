/// Several histogram components on common bin edges, drawn filled and stacked in order (the first
/// component at the bottom), e.g. background contributions.
public struct StackedHistogram: PlotElement {
    /// One stacked layer.
    public struct Component: Sendable {
        /// Legend text.
        public var label: String
        /// Bin contents (one per bin).
        public var values: [Double]
        /// Fill colour.
        public var color: Color

        /// Creates a layer.
        public init(_ label: String, values: [Double], color: Color) {
            self.label = label; self.values = values; self.color = color
        }
    }

    /// Bin edges (one more than each component's values).
    public var edges: [Double]
    /// Layers, bottom first.
    public var components: [Component]
    /// Fill opacity of every layer.
    public var opacity: Double
    /// Whether to draw the outline of the total on top.
    public var showsTotal: Bool

    /// Creates a stack.
    public init(edges: [Double], components: [Component], opacity: Double = 0.75, showsTotal: Bool = true) {
        self.edges = edges; self.components = components; self.opacity = opacity; self.showsTotal = showsTotal
    }

    private var bins: Int { max(0, edges.count - 1) }

    /// Cumulative sums: `cumulative[k][i]` is the top of layer k in bin i (missing values count 0).
    public var cumulative: [[Double]] {
        var acc = [Double](repeating: 0, count: bins)
        return components.map { c in
            for i in 0..<bins { acc[i] += i < c.values.count ? c.values[i] : 0 }
            return acc
        }
    }

    /// The bin edges.
    public var xValues: [Double] { edges }
    /// Zero and the layer tops.
    public var yValues: [Double] { [0] + cumulative.flatMap { $0 } }

    /// A fill swatch per component, top layer first (matching the visual order).
    public var legendEntries: [LegendEntry] {
        components.reversed().map { LegendEntry($0.label, .fill($0.color, opacity: opacity)) }
    }

    /// The filled area from zero to the top layer, bin by bin.
    public func footprint(in frame: PlotFrame) -> [Footprint] {
        guard let total = cumulative.last else { return [] }
        return BandSeries(edges: edges, lower: total.map { _ in 0 }, upper: total).footprint(in: frame)
    }

    /// One stepped band per layer, then the total's outline.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        let tops = cumulative
        var out: [SVGElement] = []
        for (k, c) in components.enumerated() {
            let low = k == 0 ? [Double](repeating: 0, count: bins) : tops[k - 1]
            out += BandSeries(edges: edges, lower: low, upper: tops[k], color: c.color,
                              opacity: opacity, outlineWidth: 0.6).render(in: frame)
        }
        if showsTotal, let total = tops.last {
            out += LineSeries(edges: edges, values: total, color: .gray, width: 1).render(in: frame)
        }
        return out
    }
}
