/// A limit-comparison chart: one row per experiment, each an interval bar (with an optional best
/// value) or an upper limit. Row 0 is drawn at the top; pair it with ``categoryAxis(_:oppositeLabels:)``
/// as the panel's y axis to label the rows.
///
/// The two kinds look different on purpose and carry no arbitrary lengths: an interval is a
/// thick bar from its lower to its upper end; an upper limit is a thin line from the left edge
/// of the plot area (μν → 0, which a log axis cannot show; marked by an arrowhead) to a cap at
/// the limit. ``legendNote`` explains this in words for a figure footnote.
public struct HorizontalBars: PlotElement {
    /// One row of the chart.
    public struct Row: Sendable {
        /// What the row shows.
        public enum Kind: Sendable {
            /// An interval lower…upper, with an optional best-fit marker.
            case interval(lower: Double, upper: Double, best: Double?)
            /// An upper limit: a thin line from the plot's left edge to a cap at the value.
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

    /// Rows after which a thin grey line separates groups (e.g. this work from published results).
    public var separators: [Int]

    /// Creates the chart.
    public init(rows: [Row], thickness: Double = 7, separators: [Int] = []) {
        self.rows = rows; self.thickness = thickness; self.separators = separators
    }

    /// The data y of row `i` (rows run downwards from n−1 to 0).
    public func rowY(_ i: Int) -> Double { Double(rows.count - 1 - i) }

    /// A y axis whose ticks are the row labels, ranging half a row beyond the first and last;
    /// `oppositeLabels` (one per row, e.g. year and reference) are written right of the plot area.
    public func categoryAxis(_ label: String? = nil, oppositeLabels: [String] = []) -> Axis {
        let ys = rows.indices.map(rowY)
        return Axis(label, lower: -0.6, upper: Double(rows.count) - 0.4,
                    ticks: Ticks(major: ys, labels: rows.map(\.label), oppositeLabels: oppositeLabels))
    }

    /// A sentence explaining the two row styles, for a figure footnote.
    public static let legendNote = "Bars: two-sided intervals (tick: best fit). Lines from the left edge (μν → 0) to a cap: upper limits."

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
        var out: [SVGElement] = separators.filter { $0 >= 0 && $0 < rows.count - 1 }.compactMap { i in
            frame.py(rowY(i) - 0.5).map { SVGElement.line(frame.left, $0, frame.right, $0, stroke: .gray, width: 0.8) }
        }
        for (i, r) in rows.enumerated() {
            guard let g = geometry(i, frame) else { continue }
            let y = g.y
            switch r.kind {
            case let .interval(_, _, best):
                out.append(.rect(x: g.a, y: y - h, width: g.b - g.a, height: thickness, fill: r.color.hex,
                                 extra: [("fill-opacity", "0.85")]))
                if let best, let c = frame.px(best) {
                    out.append(.line(c, y - h - 3, c, y + h + 3, stroke: .black, width: 2))
                }
            case .upperLimit:
                let (a, b) = (g.a, g.b)
                out.append(.line(b, y - h, b, y + h, stroke: r.color, width: 2.5))
                out.append(.line(a + 4, y, b, y, stroke: r.color, width: 2))
                if let head = SVGElement.path([[(a, y), (a + 7, y - 4), (a + 7, y + 4)]], closed: true,
                                              attributes: [("fill", r.color.hex)]) { out.append(head) }
            }
            if let note = r.note {
                out.append(.text(note, x: g.b + 6, y: y + 4, size: 11, fill: r.color))
            }
        }
        return out
    }

    /// Each row's bar or line and its note.
    public func footprint(in frame: PlotFrame) -> [Footprint] {
        rows.indices.flatMap { i -> [Footprint] in
            guard let g = geometry(i, frame) else { return [] }
            var out: [Footprint] = [.rect(PixelRect(corners: g.a, g.y - thickness / 2 - 3, g.b, g.y + thickness / 2 + 3))]
            if let note = rows[i].note { out.append(.rect(.text(note, x: g.b + 6, y: g.y + 4, size: 11))) }
            return out
        }
    }

    /// Row i's pixel y and the pixel x of its left and right ends, or nil when not drawable.
    private func geometry(_ i: Int, _ frame: PlotFrame) -> (y: Double, a: Double, b: Double)? {
        guard let y = frame.py(rowY(i)) else { return nil }
        switch rows[i].kind {
        case let .interval(l, u, _):
            guard let a = frame.px(min(l, u)) ?? (frame.xScale == .log10 && min(l, u).isFinite ? frame.left - 2 : nil),
                  let b = frame.px(max(l, u)) else { return nil }
            return (y, a, b)
        case let .upperLimit(v):
            guard let b = frame.px(v) else { return nil }
            return (y, min(frame.left + 1, b), b)
        }
    }
}
