import Foundation

/// The work one process may do in toys, as CPU time on one core: the units asked (toys, or
/// toys × grid points, …) times what one unit costs, measured on one core of a release build,
/// is held to ``ToyWork/budget`` seconds, so that every request within the limits ends within a
/// minute. A study larger than one process can do is split: toys files are made in shards
/// (`toys --shard/--nshards`, `batch`, `coverage --write-toys --shard`), merged, and read with
/// `--from-toys`; the shard, not the study, is held to the budget (the study's own limit is
/// ``ResourceLimit/toys``).
///
/// A toy's cost grows with the bins of the model (every fit evaluates every bin): a unit's cost
/// is its measured cost on a reference model times `max(1, bins / referenceBins)`, which
/// over-estimates: measured (one core, `taskset -c 0`, release build, `significance --toys N
/// --threads 1`), a q0 toy costs 20.8 µs on XENON1T SR1 (6 bins), 74 µs on XENONnT SR0 (29
/// bins; scaled: 100 µs), 320 µs on `--dataset all` (102 bins; scaled: 354 µs) and 3.6 ms on
/// XENONnT SR0 with `--bin-width 0.0145` (2000 bins; scaled: 6.9 ms).
public struct ToyWork: Sendable, CustomStringConvertible {
    /// What one unit is, plural ("q0 toys", "toys × grid points").
    public let what: String
    /// CPU seconds of one unit on one core on the reference model (release build), with a margin.
    public let secondsPerUnit: Double
    /// Bins (all channels) of the model the cost was measured on.
    public let referenceBins: Int
    /// How to go further than one process may (the end of the refusal).
    public let beyond: String

    public init(what: String, secondsPerUnit: Double, referenceBins: Int, beyond: String) {
        self.what = what
        self.secondsPerUnit = secondsPerUnit
        self.referenceBins = referenceBins
        self.beyond = beyond
    }

    public var description: String { what }

    /// CPU seconds of toys one process may run on one core.
    public static let budget = ResourceLimit(what: "seconds of toys per process (one core)", environment: "NMMFIT_MAX_TOY_SECONDS",
                                             defaultValue: 45, ceiling: 1_000_000_000)

    /// Seconds of one unit on a model of `bins` bins (nil: the reference model).
    public func seconds(bins: Int?) -> Double {
        secondsPerUnit * max(1, Double(bins ?? referenceBins) / Double(max(referenceBins, 1)))
    }

    /// The most units one process may run on a model of `bins` bins (nil: the reference model).
    public func maximum(bins: Int? = nil) throws -> Int {
        let limit = Double(try Self.budget.value())
        return max(1, Int(min(limit / seconds(bins: bins), Double(Int.max / 2))))
    }

    /// Throws ``Exceeded`` (a usage error: exit 64) unless `factors` (a product of counts,
    /// computed in floating point, so without overflow) fit the budget on a model of `bins` bins
    /// (nil: the reference model). `option` names the options (e.g. "--toys × --grid-points").
    public func check(_ factors: [Int], option: String, bins: Int? = nil) throws {
        try Self.check([(self, factors)], option: option, bins: bins)
    }

    /// The same for one count.
    public func check(_ units: Int, option: String, bins: Int? = nil) throws {
        try check([units], option: option, bins: bins)
    }

    /// The same for a run made of several kinds of toys (e.g. coverage of an asymptotic method
    /// and of Feldman–Cousins): their seconds add up.
    public static func check(_ parts: [(work: ToyWork, factors: [Int])], option: String, bins: Int? = nil) throws {
        let limit = try budget.value()
        let seconds = parts.map { p in p.factors.reduce(1.0) { $0 * Double(max($1, 0)) } * p.work.seconds(bins: bins) }
        let total = seconds.reduce(0, +)
        guard total > Double(limit), let main = parts.indices.max(by: { seconds[$0] < seconds[$1] }).map({ parts[$0] }) else { return }
        let model = bins.map { b in parts.contains { b > $0.work.referenceBins } ? " on this model's \(b) bins" : "" } ?? ""
        let counts = parts.map { $0.factors.map(String.init).joined(separator: " × ") }.joined(separator: " + ")
        let most = parts.count == 1 ? "; at most \(try main.work.maximum(bins: bins)) \(main.work.what)" : ""
        throw Exceeded(description: "\(option) \(counts): about \(Self.seconds(total)) of toys on one core\(model), above the limit of "
                       + "\(limit) s per process\(most) (\(budget.environment!) raises it); to go further, \(main.work.beyond)")
    }

    /// "75 s", "2.1 h".
    static func seconds(_ s: Double) -> String {
        s < 3600 ? String(format: "%.0f s", s) : s < 86400 * 3 ? String(format: "%.1f h", s / 3600) : String(format: "%.0f days", s / 86400)
    }

    /// A request above the budget: one line, a usage error.
    public struct Exceeded: Error, CustomStringConvertible, Sendable {
        public var description: String
    }
}
