/// Something drawn inside a panel's plot area: a series, a band, a marker line….
///
/// Conforming types report their data values (for automatic axis ranges), their legend entries,
/// and render themselves as SVG elements given the panel's ``PlotFrame``. Output of
/// ``render(in:)`` is clipped to the plot area; ``annotations(in:)`` is not.
public protocol PlotElement: Sendable {
    /// x values that the automatic x range should include.
    var xValues: [Double] { get }
    /// y values that the automatic y range should include.
    var yValues: [Double] { get }
    /// Entries this element contributes to the panel legend.
    var legendEntries: [LegendEntry] { get }
    /// The element's graphics, clipped to the plot area.
    func render(in frame: PlotFrame) -> [SVGElement]
    /// Unclipped extras such as labels next to marker lines.
    func annotations(in frame: PlotFrame) -> [SVGElement]
    /// The pixel regions the element and its annotations occupy, which an automatically placed
    /// legend keeps clear of (``Legend/Position/auto``).
    func footprint(in frame: PlotFrame) -> [Footprint]
    /// The element's values and style, for redrawing the figure elsewhere (``Figure/data()``).
    var figureData: [FigureData.Element] { get }
}

extension PlotElement {
    /// No legend entries by default.
    public var legendEntries: [LegendEntry] { [] }
    /// No annotations by default.
    public func annotations(in frame: PlotFrame) -> [SVGElement] { [] }
    /// None by default: an element that does not report its footprint is not avoided by the legend.
    public func footprint(in frame: PlotFrame) -> [Footprint] { [] }
    /// None by default.
    public var figureData: [FigureData.Element] { [] }
}

/// Splits indices into runs of consecutive drawable items: `point(i)` returning nil breaks a run.
func runs<P>(_ count: Int, _ point: (Int) -> P?) -> [[P]] {
    var out: [[P]] = [], cur: [P] = []
    for i in 0..<max(0, count) {
        if let p = point(i) { cur.append(p) } else if !cur.isEmpty { out.append(cur); cur = [] }
    }
    if !cur.isEmpty { out.append(cur) }
    return out
}

/// Stroke attributes shared by line-like elements.
func strokeAttributes(_ color: Color, _ width: Double, _ dash: Dash) -> [(String, String)] {
    [("fill", "none"), ("stroke", color.hex), ("stroke-width", SVGElement.num(width)),
     ("stroke-linejoin", "round")] + dash.attributes
}
