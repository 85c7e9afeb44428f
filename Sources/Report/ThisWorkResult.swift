/// One of this tool's own results for the limits-comparison figure: a two-sided interval, or an
/// upper limit when the interval's lower end is 0 (best fit at the boundary).
public struct ThisWorkResult: Sendable, Equatable {
    /// Row label, e.g. "this work: XENON1T SR1" or "this work: combined".
    public var label: String
    /// Lower end in μB; 0 for an upper limit.
    public var lowerMuB: Double
    /// Upper end (or upper limit) in μB.
    public var upperMuB: Double
    /// Best-fit μν in μB, marked on intervals; nil for none.
    public var bestMuB: Double?
    /// Confidence level, e.g. 0.9.
    public var cl: Double
    /// Text beside the row (e.g. the datasets of a combination), or nil.
    public var detail: String?

    /// Creates an entry from an interval [lower, upper] in μB.
    public init(label: String, lowerMuB: Double, upperMuB: Double, bestMuB: Double? = nil, cl: Double, detail: String? = nil) {
        self.label = label; self.lowerMuB = lowerMuB; self.upperMuB = upperMuB; self.bestMuB = bestMuB; self.cl = cl
        self.detail = detail
    }

    /// Creates an entry from a fit's `interval` ([lower, upper] in μB) and best fit.
    public init(label: String, interval: [Double], best: Double?, cl: Double, detail: String? = nil) {
        self.init(label: label, lowerMuB: interval.first ?? 0, upperMuB: interval.count > 1 ? interval[1] : .nan,
                  bestMuB: best, cl: cl, detail: detail)
    }

    /// Whether the entry is an upper limit (lower end 0).
    public var isUpperLimit: Bool { !(lowerMuB > 0) }
}
