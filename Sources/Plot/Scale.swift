import Foundation

/// How data values map onto an axis.
public enum Scale: Sendable, Hashable {
    /// Linear: equal distances for equal differences.
    case linear
    /// Base-10 logarithmic: equal distances for equal ratios; only positive values are drawable.
    case log10

    /// The value in the scale's linear space (`log10(v)` for log axes), or nil when the value
    /// cannot be drawn (not finite, or not positive on a log axis).
    public func transform(_ v: Double) -> Double? {
        guard v.isFinite else { return nil }
        switch self {
        case .linear: return v
        case .log10: return v > 0 ? Foundation.log10(v) : nil
        }
    }

    /// The inverse of ``transform(_:)``.
    public func inverse(_ t: Double) -> Double {
        self == .linear ? t : pow(10, t)
    }

    /// Whether `v` can be drawn on this scale.
    public func accepts(_ v: Double) -> Bool { transform(v) != nil }

    /// The axis range: `lower`/`upper` when given and drawable, otherwise from `data` (5 % margin on
    /// linear axes, clamped at 0 for non-negative data; whole decades on log axes). Reversed ends are
    /// swapped and a zero-width range is widened, so the result always has positive width.
    public func resolve(lower: Double?, upper: Double?, data: [Double]) -> ClosedRange<Double> {
        let good = data.filter(accepts)
        var lo: Double, hi: Double
        switch self {
        case .linear:
            lo = good.min() ?? 0; hi = good.max() ?? 1
            if !good.isEmpty, hi > lo {
                let m = 0.05 * (hi - lo)
                lo = (lo >= 0 && lo - m < 0) ? 0 : lo - m
                hi += m
            }
        case .log10:
            lo = good.min().map { pow(10, Foundation.log10($0).rounded(.down)) } ?? 1
            hi = good.max().map { pow(10, Foundation.log10($0).rounded(.up)) } ?? 10
        }
        if let l = lower, accepts(l) { lo = l }
        if let u = upper, accepts(u) { hi = u }
        if lo > hi { swap(&lo, &hi) }
        if !(hi > lo) || !(hi - lo).isFinite {
            switch self {
            case .linear:
                let d = lo == 0 || !lo.isFinite ? 1 : abs(lo) * 0.1
                if !lo.isFinite { lo = 0 }
                (lo, hi) = (lo - d, lo + d)
            case .log10:
                (lo, hi) = (lo / 10, lo * 10)
            }
        }
        if self == .log10, lo > 0, hi / lo == .infinity { hi = lo * 1e300 }
        if self == .linear, !(hi - lo).isFinite { (lo, hi) = (-1e307, 1e307) }
        return lo...hi
    }

    /// Tick marks for `range`: 1-2-5 steps on linear axes, decades (with 2 and 5 when the range
    /// spans less than two decades, and 2…9 minor ticks) on log axes.
    public func ticks(in range: ClosedRange<Double>, target: Int = 6) -> Ticks {
        switch self {
        case .linear: return Self.linearTicks(range, target: target)
        case .log10:
            let (a, b) = (Foundation.log10(range.lowerBound), Foundation.log10(range.upperBound))
            let (k0, k1) = (Int((a - 1e-9).rounded(.up)), Int((b + 1e-9).rounded(.down)))
            let inside = { (v: Double) in v >= range.lowerBound * (1 - 1e-9) && v <= range.upperBound * (1 + 1e-9) }
            // multiples m·10^k of the decades k in ks that fall inside the range
            func multiples(_ ks: ClosedRange<Int>, _ ms: [Double]) -> [Double] {
                ks.flatMap { (k: Int) -> [Double] in ms.map { (m: Double) -> Double in m * pow(10, Double(k)) } }.filter(inside)
            }
            if b - a < 2 {
                let major = multiples(k0 - 1...k1 + 1, [1, 2, 5])
                if major.count < 3 { return Self.linearTicks(range, target: target) }
                return Ticks(major: major, minor: multiples(k0 - 1...k1, [3, 4, 6, 7, 8, 9]), labels: TickFormat.log(major))
            }
            let every = max(1, Int((Double(k1 - k0) / Double(max(target, 2))).rounded(.up)))
            let first = Int((Double(k0) / Double(every)).rounded(.up)) * every
            let major: [Double] = stride(from: first, through: k1, by: every).map { pow(10, Double($0)) }
            let minor: [Double] = every == 1
                ? multiples(k0 - 1...k1, [2, 3, 4, 5, 6, 7, 8, 9])
                : multiples(first - every...k1 + every, [1]).filter { v in !major.contains(v) }
            return Ticks(major: major, minor: minor, labels: TickFormat.log(major))
        }
    }

    static func linearTicks(_ r: ClosedRange<Double>, target: Int) -> Ticks {
        let span = r.upperBound - r.lowerBound
        guard span > 0, span.isFinite else { return Ticks(major: [], minor: [], labels: []) }
        let raw = span / Double(max(target, 2))
        let mag = pow(10, Foundation.log10(raw).rounded(.down))
        let n = raw / mag
        let unit: Double = n < 1.5 ? 1 : n < 3 ? 2 : n < 7 ? 5 : 10
        let step = unit * mag
        let k0 = (r.lowerBound / step - 1e-9).rounded(.up), k1 = (r.upperBound / step + 1e-9).rounded(.down)
        guard k1 >= k0, k1 - k0 < 1000 else { return Ticks(major: [], minor: [], labels: []) }
        let major = stride(from: k0, through: k1, by: 1).map { $0 == 0 ? 0 : $0 * step }
        let sub = step / (unit == 2 ? 4 : 5)
        let minor = stride(from: ((r.lowerBound / sub) - 1e-9).rounded(.up), through: (r.upperBound / sub + 1e-9).rounded(.down), by: 1)
            .map { $0 * sub }.filter { m in !major.contains { abs($0 - m) < sub * 1e-6 } }
        return Ticks(major: major, minor: minor, labels: TickFormat.linear(major, step: step))
    }
}

/// Tick positions (in data units) and the labels of the major ticks.
public struct Ticks: Sendable, Hashable {
    /// Labelled tick positions.
    public var major: [Double]
    /// Unlabelled, shorter tick positions.
    public var minor: [Double]
    /// One label per major tick.
    public var labels: [String]
    /// Labels written outside the opposite side of the plot area (right of a y axis), one per
    /// major tick, e.g. the year and reference of each row of a limits chart; empty for none.
    public var oppositeLabels: [String]

    /// Creates ticks; `labels` (and `oppositeLabels`, when given) pair with `major` (missing labels are blank).
    public init(major: [Double], minor: [Double] = [], labels: [String], oppositeLabels: [String] = []) {
        self.major = major; self.minor = minor
        self.labels = major.indices.map { $0 < labels.count ? labels[$0] : "" }
        self.oppositeLabels = oppositeLabels.isEmpty ? [] : major.indices.map { $0 < oppositeLabels.count ? oppositeLabels[$0] : "" }
    }
}
