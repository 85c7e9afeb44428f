import ArgumentParser
import Likelihood

/// The interval options of the commands that compute an asymptotic interval or limit (`fit`,
/// `sensitivity`): `--cl` and `--interval-method`. (`interval` and `coverage` take the same
/// `--cl` and a `--method` that also offers Feldman–Cousins; coverage repeats it.)
struct IntervalOptions: ParsableArguments {
    @OptionGroup var level: ConfidenceLevelOption

    @Option(help: "Interval method: boundary-aware asymptotic or Wilks' χ²₁ threshold.")
    var intervalMethod: AsymptoticInterval.Method = .unified

    var cl: Double { level.cl }
}
