import ArgumentParser
import Formats
import Foundation

/// `--threads` of the commands that throw toys in this process (`interval`, `significance`,
/// `coverage`, `toys`): all cores by default. (`batch --threads` is a job setting, threads per
/// shard on a worker node, default 1.)
struct ThreadOptions: ParsableArguments {
    @Option(help: "Threads for toys.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    /// The checks of a command's `validate()`: at least one thread, at most the resource limit.
    func check() throws {
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        try ResourceLimit.threads.validate(threads, option: "--threads")
    }
}
