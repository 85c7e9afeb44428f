/// A limit-comparison chart: one row per experiment, each an interval bar (with an optional best
/// value) or an upper-limit arrow. Row 0 is drawn at the top; pair it with ``categoryAxis(_:)``
/// as the panel's y axis to label the rows.
public struct HorizontalBars: PlotElement {
    /// One row of the chart.
    public struct Row: Sendable {
        /// What the row shows.
        public enum Kind: Sendable {
            /// An interval lower…upper, with an optional best-fit marker.
            case interval(lower: Double, upper: Double, best: Double?)
            /// An upper limit: a cap at the value and an arrow pointing to smaller values.
            case upperLimit(Double)
        }

        /// Row label (the experiment).
        public var label: String
        /// Interval or limit.
        public var kind: Kind
        /// Bar colour.
        public var color: Color
        /// Small text written right of the bar (e.g. "< 6.4×10⁻¹²"), or nil.
        public var note: String?

        /// An interval row.
        public static func interval(_ label: String, lower: Double, upper: Double, best: Double? = nil,
                                    color: Color = .blue, note: String? = nil) -> Row {
            Row(label: label, kind: .interval(lower: lower, upper: upper, best: best), color: color, note: note)
        }

        /// An upper-limit row.
        public static func upperLimit(_ label: String, _ value: Double, color: Color = .black, note: String? = nil) -> Row {
            Row(label: label, kind: .upperLimit(value), color: color, note: note)
        }
    }

    /// The rows, top first.
    public var rows: [Row]
    /// Bar thickness in px.
    public var thickness: Double

    /// Creates the chart.
    public init(rows: [Row], thickness: Double = 7) {
        self.rows = rows; self.thickness = thickness
    }

    /// The data y of row `i` (rows run downwards from n−1 to 0).
    public func rowY(_ i: Int) -> Double { Double(rows.count - 1 - i) }

    /// A y axis whose ticks are the row labels, ranging half a row beyond the first and last.
    public func categoryAxis(_ label: String? = nil) -> Axis {
        let ys = rows.indices.map(rowY)
        return Axis(label, lower: -0.6, upper: Double(rows.count) - 0.4,
                    ticks: Ticks(major: ys, labels: rows.map(\.label)))
    }

    /// All interval ends, best values and limits.
    public var xValues: [Double] {
        rows.flatMap { r -> [Double] in
            switch r.kind {
            case let .interval(l, u, b): [l, u] + (b.map { [$0] } ?? [])
            case let .upperLimit(v): [v]
            }
        }
    }

    /// Half a row beyond the first and last row.
    public var yValues: [Double] { rows.isEmpty ? [] : [-0.6, Double(rows.count) - 0.4] }

    /// Bars, caps, arrows and notes.
    public func render(in frame: PlotFrame) -> [SVGElement] {
        let h = thickness / 2
        var out: [SVGElement] = []
        for (i, r) in rows.enumerated() {
            guard let y = frame.py(rowY(i)) else { continue }
            var right: Double?
            switch r.kind {
            case let .interval(l, u, best):
                guard let a = frame.px(min(l, u)) ?? (frame.xScale == .log10 && min(l, u).isFinite ? frame.left - 2 : nil),
                      let b = frame.px(max(l, u)) else { continue }
                out.append(.rect(x: a, y: y - h, width: b - a, height: thickness, fill: r.color.hex,
                                 extra: [("fill-opacity", "0.8")]))
                if let best, let c = frame.px(best) {
                    out.append(.line(c, y - h - 3, c, y + h + 3, stroke: .black, width: 2))
                }
                right = b
            case let .upperLimit(v):
                guard let b = frame.px(v) else { continue }
                let a = max(frame.left + 2, b - max(30, 0.12 * frame.width))
                out.append(.line(b, y - h - 2, b, y + h + 2, stroke: r.color, width: 2))
                out.append(.line(a + 5, y, b, y, stroke: r.color, width: 2))
                if let head = SVGElement.path([[(a, y), (a + 8, y - 4.5), (a + 8, y + 4.5)]], closed: true,
                                              attributes: [("fill", r.color.hex)]) { out.append(head) }
                right = b
            }
            if let note = r.note, let right {
                out.append(.text(note, x: right + 6, y: y + 4, size: 11, fill: r.color))
            }
        }
        return out
    }
}
