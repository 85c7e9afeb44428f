/// An interval construction: the asymptotic ones (``AsymptoticInterval/Method``) and the
/// Feldman–Cousins construction with toys. The raw value is the name in result files
/// (`interval_method`).
public enum IntervalMethod: String, Sendable, Codable, CaseIterable {
    case asymptoticUnified = "asymptotic-unified"
    case wilks
    case feldmanCousins = "feldman-cousins"

    /// The asymptotic construction, nil for Feldman–Cousins.
    public var asymptotic: AsymptoticInterval.Method? {
        switch self {
        case .wilks: .wilks
        case .asymptoticUnified: .unified
        case .feldmanCousins: nil
        }
    }
}
