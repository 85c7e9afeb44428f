import ArgumentParser
import Formats
import Foundation

/// `--threads` of the commands that throw toys in this process (`interval`, `significance`,
/// `coverage`, `toys`): all cores by default. (`batch --threads` is a job setting, threads per
/// shard on a worker node, default 1.)
struct ThreadOptions: ParsableArguments {
    @Option(name: .customLong("threads"), help: "Threads for toys (all cores when not given).")
    var threadsOption: Int?

    /// `--threads`, or all cores.
    var threads: Int { threadsOption ?? ProcessInfo.processInfo.activeProcessorCount }
    /// Whether the user gave `--threads` (for the option table: it acts only where toys run).
    var given: Bool { threadsOption != nil }

    /// The checks of a command's `validate()`: at least one thread, at most the resource limit.
    func check() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        try ResourceLimit.threads.validate(threads, option: "--threads")
    }
}
