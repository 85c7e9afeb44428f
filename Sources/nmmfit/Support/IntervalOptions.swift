import Analysis
import ArgumentParser
import Likelihood

/// The interval options of the commands that compute an asymptotic interval or limit (`fit`,
/// `sensitivity`): `--cl` and `--interval-method`. (`interval` and `coverage` take the same
/// `--cl` and a `--method` that also offers Feldman–Cousins; coverage repeats it.)
struct IntervalOptions: ParsableArguments {
    @OptionGroup var level: ConfidenceLevelOption

    @Option(name: .customLong("interval-method"),
            help: "Interval method: boundary-aware asymptotic or Wilks' χ²₁ threshold (default: asymptotic-unified; with --spec: the method saved in the spec).")
    var intervalMethodGiven: AsymptoticInterval.Method?

    /// The interval method: as given, else asymptotic-unified.
    var intervalMethod: AsymptoticInterval.Method { intervalMethodGiven ?? .unified }

    var cl: Double { level.cl }
    /// The confidence level when `--cl` was given (a `--spec` run otherwise uses the spec's).
    var clGiven: Double? { level.clGiven }

    /// The CL and method of a command with `data`: a --spec's saved ones unless given (the
    /// library's rule, ``DataOptions/settings(cl:method:methodOption:note:)``).
    func settings(_ data: DataOptions, note: (String) -> Void) throws -> SavedAnalysis.Settings {
        try data.settings(cl: clGiven, method: intervalMethodGiven.map(IntervalMethod.init(asymptotic:)), note: note)
    }
}
