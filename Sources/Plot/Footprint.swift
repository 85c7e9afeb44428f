/// A piece of a plot area that an element draws on, in pixels: what a legend placed inside the
/// plot area must not cover (see ``Legend/Position/auto``).
public enum Footprint: Sendable, Hashable {
    /// A filled or occupied box (a bar, a marker, a text label).
    case rect(PixelRect)
    /// A line segment from (x1, y1) to (x2, y2) (a curve piece, an error bar).
    case segment(x1: Double, y1: Double, x2: Double, y2: Double)

    /// How much of the footprint lies in `r`: the shared area for boxes, the length inside `r`
    /// times a nominal 2 px stroke for segments (Liang–Barsky clipping). 0 means no overlap.
    public func overlap(with r: PixelRect) -> Double {
        switch self {
        case .rect(let b): return b.overlapArea(r)
        case let .segment(x1, y1, x2, y2):
            let dx = x2 - x1, dy = y2 - y1
            var t0 = 0.0, t1 = 1.0
            for (p, q) in [(-dx, x1 - r.x), (dx, r.maxX - x1), (-dy, y1 - r.y), (dy, r.maxY - y1)] {
                if p == 0 {
                    if q < 0 { return 0 }
                } else {
                    let t = q / p
                    if p < 0 { t0 = max(t0, t) } else { t1 = min(t1, t) }
                    if t0 > t1 { return 0 }
                }
            }
            let len = (t1 - t0) * (dx * dx + dy * dy).squareRoot()
            // a segment inside the box counts even when it has zero length (a point)
            return max(len, t1 >= t0 ? 0.5 : 0) * 2
        }
    }

    /// The segments joining successive points of each run.
    public static func polyline(_ runs: [[(Double, Double)]]) -> [Footprint] {
        runs.flatMap { run in
            zip(run, run.dropFirst()).map { a, b in .segment(x1: a.0, y1: a.1, x2: b.0, y2: b.1) }
        }
    }
}
