import ArgumentParser

/// `--cl` of every command that reports an interval or a limit (`fit`, `sensitivity` through
/// ``IntervalOptions``; `interval`, `coverage`), checked against ``ConfidenceLevel/range``.
struct ConfidenceLevelOption: ParsableArguments {
    @Option(name: .customLong("cl"), help: "Confidence level (default: 0.9; with --spec: the CL saved in the spec).")
    var clGiven: Double?

    /// The confidence level: as given, else 0.9.
    var cl: Double { clGiven ?? 0.9 }

    func validate() throws {
        try ConfidenceLevel.validate(cl)
    }
}
