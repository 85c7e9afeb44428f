import ArgumentParser

/// A command's default and help of `--toys`: the count means something different per command
/// (toys per grid point, per true μν, for a p-value, for a band), so each command names its own.
protocol ToyCountDefault {
    /// Toys when `--toys` is not given.
    static var toys: Int { get }
    /// Help of `--toys`, naming that default.
    static var toysHelp: String { get }
}

/// The toy options shared by every command that throws toys in the run (`interval`,
/// `significance`, `coverage`, `compare`, `sensitivity`): `--toys` (with the command's default,
/// ``ToyCountDefault``) and `--seed` (1). Both are optional, so a command can tell that one was
/// given where it does not apply (e.g. with `--from-toys`). `toys` and `batch` describe a
/// sharded study instead (`-n` toys in the whole study, whose seed the study file records).
struct ToyOptions<Default: ToyCountDefault>: ParsableArguments {
    @Option(help: ArgumentHelp(Default.toysHelp))
    var toys: Int?

    @Option(help: "Random seed (toys are reproducible for a given seed; 1 when not given).")
    var seed: UInt64?

    /// `--toys`, or the command's default.
    var count: Int { toys ?? Default.toys }

    /// `--seed`, or 1.
    var seedValue: UInt64 { seed ?? 1 }
}
