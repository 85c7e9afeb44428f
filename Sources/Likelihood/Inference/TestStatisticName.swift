import Formats
import Foundation

/// The registry of test statistics: each statistic has one name, used by the `--statistic`
/// choice of the command line, the `statistic_name` of toys files and the toy engine's studies
/// (after pyhf's `infer/utils.get_test_stat`, which maps a name to its statistic). The formulas
/// are in ``TestStatistic``.
public enum TestStatisticName: String, CaseIterable, Codable, Sendable {
    /// q0, the discovery statistic against μν = 0 (CCGV Eq. 12).
    case q0 = "q0"
    /// t̃(μν), the two-sided likelihood ratio with the bounded estimate, at a tested μν (CCGV
    /// Eq. 11): Feldman–Cousins, coverage.
    case tTilde = "t"
    /// −2 ln λ of two nested hypotheses with several parameters on their boundary (the
    /// hypothesis and the compatibility tests); not written to toys files.
    case nestedRatio = "nested_lr"

    /// The statistics a toys file can hold (its header's `statistic_name`).
    public static let toyFileStatistics: [TestStatisticName] = [.q0, .tTilde]

    /// Whether the statistic needs a tested μν (t̃ does; q0 always tests 0).
    public var needsTestedValue: Bool { self == .tTilde }

    /// The statistic's value from the restricted and the free minimum of −ln L (and ŝ for q0).
    public func value(restricted: Double, free: Double, sHat: Double) -> Double {
        switch self {
        case .q0: TestStatistic.q0(backgroundOnly: restricted, free: free, sHat: sHat)
        case .tTilde: TestStatistic.likelihoodRatio(restricted: restricted, free: free)
        case .nestedRatio: TestStatistic.twiceDeltaNLL(restricted: restricted, free: free)
        }
    }

    /// A toys-file statistic by name; nil for any other string.
    public init?(toyFile name: String) {
        guard let s = TestStatisticName(rawValue: name), Self.toyFileStatistics.contains(s) else { return nil }
        self = s
    }

    /// A toys-file statistic by name; any other string is an error naming the registry's
    /// toys-file statistics.
    public init(toyFileName name: String) throws {
        guard let s = TestStatisticName(toyFile: name) else {
            throw InputError("unknown toy statistic '\(name)' (\(Self.toyFileStatistics.map(\.rawValue).joined(separator: " or ")))")
        }
        self = s
    }
}
