import Foundation

/// The data behind a ``Figure`` — axes, and each element's values, style and label — so that the
/// figure can be redrawn and restyled elsewhere (e.g. matplotlib, `python/nmmfit/plotting.py`).
/// Written beside an SVG as JSON (``jsonData()``) and as CSV (``csv()``).
///
/// Values are in the units of the axes they are drawn on (the axis labels name them, e.g.
/// `μν [10⁻¹¹ μB]`); a value that is not drawn (NaN) is `null` in JSON and empty in CSV.
public struct FigureData: Codable, Sendable, Equatable {
    /// Version of this format.
    public var nmmfitFigure = 1
    public var title: String?
    public var footnote: String?
    /// Size of the SVG in px (user units) and its printed width in inches (nil: not set).
    public var widthPx: Double
    public var heightPx: Double
    public var printWidthInches: Double?
    /// Whether stacked panels share one x range.
    public var sharesX: Bool
    /// Panels, top first.
    public var panels: [Panel]

    /// One axis: its label (with the unit in brackets), scale, and the range the SVG shows.
    public struct Axis: Codable, Sendable, Equatable {
        public var label: String?
        /// "linear" or "log10".
        public var scale: String
        /// The range drawn (resolved from the data when the figure did not fix it).
        public var lower: Double
        public var upper: Double
        /// Tick positions with their labels when the figure fixes them (e.g. one row per
        /// experiment); `opposite_labels` are written right of the plot area.
        public var ticks: [Double]?
        public var tickLabels: [String]?
        public var oppositeLabels: [String]?
        /// Whether grid lines are drawn at the major ticks.
        public var grid: Bool = false
        enum CodingKeys: String, CodingKey {
            case label, scale, lower, upper, ticks, grid
            case tickLabels = "tick_labels"
            case oppositeLabels = "opposite_labels"
        }
    }

    /// A legend entry that belongs to no element (the figure's explanation of a line or fill).
    public struct LegendItem: Codable, Sendable, Equatable {
        public var label: String
        /// "line", "marker" or "fill".
        public var kind: String
        public var color: String
        public var dash: String?
        public var width: Double?
        public var opacity: Double?
    }

    /// One panel: axes, title, legend and its elements in drawing order.
    public struct Panel: Codable, Sendable, Equatable {
        public var title: String?
        public var x: Axis
        public var y: Axis
        public var relativeHeight: Double
        /// "auto", "above", "hidden", "top_right", … (as asked for).
        public var legend: String
        /// Where the SVG put it: "above", "hidden", or inside the plot area as matplotlib's
        /// `loc` names it ("upper right", "lower center", …).
        public var legendPlaced: String?
        public var legendExtra: [LegendItem]
        public var elements: [Element]
        enum CodingKeys: String, CodingKey {
            case title, x, y, legend, elements
            case relativeHeight = "relative_height"
            case legendPlaced = "legend_placed"
            case legendExtra = "legend_extra"
        }
    }

    /// One drawn element. `kind` says which columns it has:
    /// - `line`: x, y (`style` "polyline" or "steps": for steps, x are bin edges and y one value per bin);
    /// - `band`: x, lower, upper (`style` "steps" as for lines);
    /// - `points`: x, y, and optionally error_low, error_high (y) and x_error;
    /// - `stacked_histogram`: edges, and per component (`components`) its values;
    /// - `hline` (y) and `vline` (x);
    /// - `bars`: one row per entry: `text` columns label, kind ("interval" or "upper_limit"),
    ///   note, color; numeric columns row (y position), lower, upper, best; `separator_y`: the
    ///   y of separating lines between rows.
    public struct Element: Codable, Sendable, Equatable {
        public var kind: String
        public var label: String?
        public var color: String?
        public var dash: String?
        public var width: Double?
        public var opacity: Double?
        public var style: String?
        /// Numeric columns (NaN → null).
        public var columns: [String: [Double?]]
        /// Text columns (e.g. the rows of a bar chart).
        public var text: [String: [String]]?
        /// A stacked histogram's components: label, colour and values per bin.
        public var components: [Component]?
        public init(kind: String, label: String? = nil, color: Color? = nil, dash: Dash? = nil, width: Double? = nil,
                    opacity: Double? = nil, style: String? = nil, columns: [String: [Double]], text: [String: [String]]? = nil,
                    components: [Component]? = nil) {
            self.kind = kind; self.label = label; self.color = color?.hex; self.dash = dash.map(FigureData.dashName)
            self.width = width; self.opacity = opacity; self.style = style
            self.columns = columns.mapValues { $0.map { $0.isFinite ? $0 : nil } }
            self.text = text; self.components = components
        }
    }

    /// A component of a stacked histogram.
    public struct Component: Codable, Sendable, Equatable {
        public var label: String
        public var color: String
        public var values: [Double?]
    }

    enum CodingKeys: String, CodingKey {
        case title, footnote, panels
        case nmmfitFigure = "nmmfit_figure"
        case widthPx = "width_px"
        case heightPx = "height_px"
        case printWidthInches = "print_width_inches"
        case sharesX = "shares_x"
    }

    /// A dash pattern's name: solid, dashed, dotted, dash_dot, or the pattern in px ("4,2").
    static func dashName(_ d: Dash) -> String {
        switch d {
        case .solid: "solid"
        case .dashed: "dashed"
        case .dotted: "dotted"
        case .dashDot: "dash_dot"
        case .custom(let p): p.map { String(format: "%g", $0) }.joined(separator: ",")
        }
    }

    /// Sorted, pretty JSON (UTF-8).
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}
