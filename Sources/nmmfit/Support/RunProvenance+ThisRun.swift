import BuildInfo
import Formats
import Foundation

extension RunProvenance {
    /// This run of the tool: its version, commit and command line, and no data files (the data
    /// options add theirs: ``DataOptions/provenance(physics:seed:)``).
    static func thisRun(seed: UInt64? = nil) -> RunProvenance {
        RunProvenance(toolVersion: BuildInfo.version, commit: BuildInfo.commit,
                      command: commandLine(name: "nmmfit", arguments: Array(CommandLine.arguments.dropFirst())), seed: seed)
    }
}
