import Analysis
import ArgumentParser
import Detector
import Formats
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
                let root = try DataLocator.dataDirectory(explicit: common.dataDir)
                let rows = try DataLocator.available(in: root).map { name in
                    let (spec, file) = try DataLocator.spec(named: name, dataDirectory: root.path)
                    return Summary(spec, file: file)
                }
                if common.json {
                    return try printJSON(ListOutput(dataDirectory: root.path, datasets: rows),
                                         files: rows.map { URL(fileURLWithPath: $0.specFile) }, dataDirectory: root)
                }
                print("datasets in \(root.path):")
                print(Format.table(["name", "experiment", "exposure [t·y]", "default window [keV]", "provenance"], rows.map {
                    [$0.name, $0.experiment, Format.g($0.exposureTonneYear, 4), "\(Format.g($0.defaultWindowKeV[0]))–\(Format.g($0.defaultWindowKeV[1]))",
                     $0.provenance == "digitised" ? "DIGITISED (not official)" : "official"]
                }), terminator: "")
                print("\nreferences:")
                for r in rows { print("  \(r.name): \(r.reference)") }
                print("\n`nmmfit datasets show NAME` prints a dataset's assumptions; `--dataset all` fits them all.")
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

        static func render(_ s: DatasetSpec, file: URL) -> String {
            let digitised = s.isDigitised
            var o = "\(s.name): \(s.title)\n"
            o += "spec:        \(file.path)\n"
            o += "provenance:  \(digitised ? "DIGITISED from published figures — not an official release" : "official release")\n"
            o += "reference:   \(s.reference)\n"
            if let n = s.notes { o += "notes:       \(n)\n" }
            o += "\n"
            var rows: [[String]] = [
                ["exposure_tonne_year", Format.g(s.exposureTonneYear, 6) + " t·y", s.exposureSource ?? "—"],
                ["resolution (σ = a√E + bE, keV)", "a = \(Format.g(s.resolution.a)), b = \(Format.g(s.resolution.b))", s.resolution.source],
                ["efficiency.energy", s.efficiency.energy.rawValue, s.efficiency.source],
                ["efficiency.energy_scale", Format.g(s.efficiency.energyScale ?? 1), "1 = as tabulated"],
                ["efficiency.relative_constraint", s.efficiency.relativeConstraint.map { Format.g($0) } ?? "none", ""],
                ["observed", "\(s.observed.file) (\(s.observed.kind.rawValue)\(s.observed.allowNonInteger == true ? ", non-integer allowed" : ""))", ""],
                ["default_window_keV", "\(Format.g(s.defaultWindowKeV[0]))–\(Format.g(s.defaultWindowKeV[1]))", ""],
            ]
            for b in s.backgrounds {
                let c = b.constraint.type == .gaussian ? "gaussian \(Format.g(b.constraint.relativeSigma ?? 0))" : b.constraint.type.rawValue
                rows.append(["backgrounds.\(b.name)", "constraint \(c); includes_solar_weak \(b.includesSolarWeak.map { "\($0)" } ?? "?")\(b.enabledByDefault == false ? "; off by default" : "")", b.source ?? "—"])
            }
            o += rows.map { r in "\(r[0]): \(r[1])" + (r[2].isEmpty ? "" : "\n    source: \(r[2])") }.joined(separator: "\n") + "\n"
            if let a = s.assumptions, !a.isEmpty {
                o += "\nassumptions (not stated by the source):\n" + a.map { "  - \($0)\n" }.joined()
            }
            o += "\nchange any key for one run with --set \(s.name).KEY=VALUE (e.g. --set \(s.name).resolution.a=0.35,"
            o += " --set \(s.name).backgrounds.\(s.backgrounds[0].name).constraint.type=free), or edit \(file.lastPathComponent); format: docs/datasets.md\n"
            return o
        }
    }
}
