import ArgumentParser
import Formats
import Foundation
import Likelihood

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge toy shards into one file (checks that they are one study, complete and without duplicates).",
        discussion: """
        The shards are read one at a time in a stream (memory does not grow with the number of \
        toys) and their lines copied in toy order, so the result equals a single run byte for byte.
        """)

    @Argument(help: "Shard files written by `nmmfit toys --shard i --nshards N`.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Merged output file.")
    var output: String

    @Flag(help: "Overwrite an existing output.")
    var force = false

    @Flag(help: "Allow missing toys (an incomplete study); their number and the first ones are printed.")
    var allowIncomplete = false

    @Flag(help: "Merge shards whose toys different builds of nmmfit wrote (the merged header names every build).")
    var allowMixedBuilds = false

    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one shard file") }
        // a FIFO or device would block or never end; a folder is not a shard (issue #17)
        for p in inputs {
            var st = stat()
            if stat(p, &st) == 0, let kind = TextInput.nonRegularKind(st.st_mode) {
                throw ValidationError("\(p) is \(kind), not a toys file")
            }
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output], force: force)
            let progress = DelayedProgress(total: nil, label: "merge", quiet: quiet)
            let summary: ToyFileMerge.Summary
            do {
                summary = try ToyFileMerge.merge(inputs: inputs, to: output, force: force, allowIncomplete: allowIncomplete,
                                                 allowMixedBuilds: allowMixedBuilds) { done, total in
                    progress.update(done, of: total)
                }
            } catch let e as ToyFileBuildMismatch {
                throw e.inputError
            }
            progress.finish()
            var note = "merged \(summary.toys) toys from \(summary.files) files into \(output)"
            if summary.missing > 0 { note += "; \(summary.missing) toys missing (first: \(summary.firstMissing.map(String.init).joined(separator: ", ")))" }
            if !quiet { Console.error(note) }
        }
    }
}
