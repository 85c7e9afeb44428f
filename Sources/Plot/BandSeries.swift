/// A filled area between a lower and an upper curve (±1σ/±2σ bands), either through points or as
/// histogram steps over bin edges. Undrawable points split the band; values ≤ 0 on a log axis
/// are drawn at the axis bottom.
public struct BandSeries: PlotElement {
    /// x values, or bin edges when `steps` is true.
    public var x: [Double]
    /// Lower curve.
    public var lower: [Double]
    /// Upper curve.
    public var upper: [Double]
    /// Whether `x` are bin edges (one more than `lower`/`upper`).
    public var steps: Bool
    /// Legend text, or nil for no legend entry.
    public var label: String?
    /// Fill colour.
    public var color: Color
    /// Fill opacity, 0–1.
    public var opacity: Double
    /// Outline stroke width in px (0 for none), drawn in the fill colour.
    public var outlineWidth: Double

    /// A band through points `x[i]` from `lower[i]` to `upper[i]`.
    public init(x: [Double], lower: [Double], upper: [Double], label: String? = nil,
                color: Color = .yellow, opacity: Double = 1, outlineWidth: Double = 0) {
        self.x = x; self.lower = lower; self.upper = upper; self.steps = false
        self.label = label; self.color = color; self.opacity = opacity; self.outlineWidth = outlineWidth
    }

    /// A stepped band: bin `i` spans `edges[i]…edges[i+1]` from `lower[i]` to `upper[i]`.
    public init(edges: [Double], lower: [Double], upper: [Double], label: String? = nil,
                color: Color = .yellow, opacity: Double = 1, outlineWidth: Double = 0) {
        self.init(x: edges, lower: lower, upper: upper, label: label, color: color,
                  opacity: opacity, outlineWidth: outlineWidth)
        self.steps = true
    }

    /// The x values (edges).
    public var xValues: [Double] { x }
    /// Both curves.
    public var yValues: [Double] { lower + upper }

    /// A fill swatch when labelled.
    public var legendEntries: [LegendEntry] { label.map { [LegendEntry($0, .fill(color, opacity: opacity))] } ?? [] }

    /// One closed `<path>` with a polygon per unbroken run.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        var attrs: [(String, String)] = [("fill", color.hex), ("fill-opacity", SVGElement.num(opacity))]
        attrs += outlineWidth > 0 ? [("stroke", color.hex), ("stroke-width", SVGElement.num(outlineWidth))] : [("stroke", "none")]
        return SVGElement.path(polygons(frame), closed: true, attributes: attrs).map { [$0] } ?? []
    }

    /// The bounding box of each polygon piece (a bin, or the span between successive points).
    public func footprint(in frame: PlotFrame) -> [Footprint] {
        polygons(frame).flatMap { poly -> [Footprint] in
            // polygons run along the upper curve and back along the lower one
            let half = poly.count / 2
            let up = Array(poly.prefix(half)), down = Array(poly.suffix(half).reversed())
            return up.indices.dropLast().map { i in
                let ys = [up[i].1, up[i + 1].1, down[i].1, down[i + 1].1]
                return .rect(PixelRect(corners: up[i].0, ys.min()!, up[i + 1].0, ys.max()!))
            }
        }
    }

    /// The pixel polygons, one per unbroken run: the upper curve left to right, then the lower back.
    func polygons(_ frame: PlotFrame) -> [[(Double, Double)]] {
        let n = min(lower.count, upper.count)
        let polygons: [[(Double, Double)]]
        if steps {
            polygons = runs(min(n, x.count - 1)) { i -> [(Double, Double, Double, Double)]? in
                guard let a = frame.px(x[i]), let b = frame.px(x[i + 1]),
                      let l = frame.pyOrBottom(lower[i]), let u = frame.pyOrBottom(upper[i]) else { return nil }
                return [(a, l, a, u), (b, l, b, u)]
            }.map { run in
                let q = run.flatMap { $0 }
                return q.map { ($0.2, $0.3) } + q.reversed().map { ($0.0, $0.1) }
            }
        } else {
            polygons = runs(min(n, x.count)) { i -> (Double, Double, Double)? in
                guard let a = frame.px(x[i]), let l = frame.pyOrBottom(lower[i]),
                      let u = frame.pyOrBottom(upper[i]) else { return nil }
                return (a, l, u)
            }.map { run in run.map { ($0.0, $0.2) } + run.reversed().map { ($0.0, $0.1) } }
        }
        return polygons
    }
}
