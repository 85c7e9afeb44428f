import ArgumentParser

/// `--cl` of every command that reports an interval or a limit (`fit`, `sensitivity` through
/// ``IntervalOptions``; `interval`, `coverage`), checked against ``ConfidenceLevel/range``.
struct ConfidenceLevelOption: ParsableArguments {
    @Option(help: "Confidence level.")
    var cl: Double = 0.9

    func validate() throws {
        try ConfidenceLevel.validate(cl)
    }
}
