/// One axis of a panel: its title, scale, optional fixed ends and tick options.
public struct Axis: Sendable {
    /// The axis title (units in brackets by convention), or nil for none.
    public var label: String?
    /// Linear or log10.
    public var scale: Scale
    /// A fixed lower end; nil means from the data.
    public var lower: Double?
    /// A fixed upper end; nil means from the data.
    public var upper: Double?
    /// Whether to draw grid lines at the major ticks.
    public var grid: Bool
    /// Explicit ticks replacing the automatic ones (e.g. category labels).
    public var ticks: Ticks?
    /// Whether tick labels are drawn (stacked panels hide them on all but the bottom x axis).
    public var showsTickLabels: Bool

    /// Creates an axis. Either end left nil is taken from the data; see ``Scale/resolve(lower:upper:data:)``.
    public init(_ label: String? = nil, scale: Scale = .linear, lower: Double? = nil, upper: Double? = nil,
                grid: Bool = false, ticks: Ticks? = nil, showsTickLabels: Bool = true) {
        self.label = label; self.scale = scale; self.lower = lower; self.upper = upper
        self.grid = grid; self.ticks = ticks; self.showsTickLabels = showsTickLabels
    }

    /// Creates an axis with a fixed range.
    public init(_ label: String? = nil, scale: Scale = .linear, range: ClosedRange<Double>, grid: Bool = false) {
        self.init(label, scale: scale, lower: range.lowerBound, upper: range.upperBound, grid: grid)
    }
}
