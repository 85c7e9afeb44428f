import BuildInfo
import Formats
import Foundation

extension RunProvenance {
    /// This run of the tool: its version, commit and command line, and no data files (the data
    /// options add theirs: ``DataOptions/provenance(physics:seed:)``).
    /// `dropping` leaves those options (with their values) and `droppingFlags` those flags out of
    /// the command line (``commandLine(name:arguments:dropping:droppingFlags:)``).
    static func thisRun(seed: UInt64? = nil, dropping: Set<String> = [], droppingFlags: Set<String> = []) -> RunProvenance {
        RunProvenance(toolVersion: BuildInfo.version, commit: BuildInfo.commit,
                      command: commandLine(name: "nmmfit", arguments: Array(CommandLine.arguments.dropFirst()), dropping: dropping,
                                           droppingFlags: droppingFlags), seed: seed)
    }
}
