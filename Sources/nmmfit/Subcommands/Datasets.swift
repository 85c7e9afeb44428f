import Analysis
import ArgumentParser
import Detector
import Formats
import Report
import Foundation

struct Datasets: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "List the datasets nmmfit can find, or show one dataset's assumptions and provenance.",
        discussion: "The format of a dataset (dataset.json) is documented in docs/datasets.md.",
        subcommands: [List.self, Show.self], defaultSubcommand: List.self)

    /// Options shared by the subcommands.
    struct Common: ParsableArguments {
        @Option(help: "Folder with the datasets (default: the package's data/ or $NMMFIT_DATA).")
        var dataDir: String?
        @Flag(help: "Print JSON instead of text.")
        var json = false
    }

    /// The results (library types).
    typealias Summary = DatasetSummary
    typealias ListOutput = DatasetList

    /// Prints a result as JSON through the one result encoder, with the digests of `files`.
    static func printJSON<T: Encodable>(_ value: T, files: [URL], dataDirectory: URL?) throws {
        var provenance = RunProvenance.thisRun()
        try provenance.digest(files: files.map(\.path), relativeTo: dataDirectory)
        Console.out(String(decoding: try ResultEncoder.encode(ResultDocument(value, provenance: provenance)), as: UTF8.self) + "\n")
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the datasets (name, experiment, exposure, default window, provenance, reference).")
        @OptionGroup var common: Common

        func run() throws {
            try CLIErrors.run {
                let list = try ListOutput.find(dataDirectory: common.dataDir)
                if common.json {
                    return try printJSON(list, files: list.datasets.map { URL(fileURLWithPath: $0.specFile) },
                                         dataDirectory: try DataLocator.dataDirectory(explicit: common.dataDir))
                }
                print(DatasetText.render(list), terminator: "")
            }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a dataset's provenance and every assumption, with its source.")
        @Argument(help: "Dataset name (see `nmmfit datasets`).")
        var name: String
        @OptionGroup var common: Common

        typealias Output = DatasetShowReport

        func run() throws {
            try CLIErrors.run {
                let (s, file) = try DataLocator.spec(named: name, dataDirectory: common.dataDir)
                if common.json {
                    return try printJSON(Output(specFile: file.path, dataset: s),
                                         files: try DataLocator.files(named: name, dataDirectory: common.dataDir),
                                         dataDirectory: try? DataLocator.dataDirectory(explicit: common.dataDir))
                }
                print(Self.render(s, file: file), terminator: "")
            }
        }

        static func render(_ s: DatasetSpec, file: URL) -> String { DatasetText.render(s, file: file) }
    }
}
