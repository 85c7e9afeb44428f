import Analysis
import BuildInfo
import Detector
import Formats
import Foundation
import Likelihood

// Where an answer came from, as every `--json` output of the CLI says it (``RunProvenance``):
// sent beside the result as `provenance` (the Python package puts it into each result).

extension CInterface {
    /// The commands whose answer is computed from data (datasets, a spec, or a model handle).
    static let dataCommands: Set<String> = ["model_build", "fit", "fit_element", "scan", "interval", "significance", "toys",
                                            "sensitivity", "compare", "gof", "coverage", "export", "figure_data"]

    /// The provenance of the answer to `command` with `a`: this build, the request itself as
    /// the command line (`nmmfit (Python package): COMMAND {args}`), and for answers from data
    /// the SHA-256 of every data file read (each dataset's spec and data files after `set`, a
    /// `spec` file, an `atomic` table, a `moments` file, `from_toys` files), the `set` changes
    /// and the digitised datasets among the data; a model handle's are those of its build, with
    /// the files this request names (`from_toys` of `interval`, `significance` or `coverage`).
    static func provenance(_ command: String, _ a: Args) throws -> RunProvenance {
        var p = RunProvenance(toolVersion: BuildInfo.version, commit: BuildInfo.commit, command: try commandLine(command, a.values))
        let root = try? DataLocator.dataDirectory(explicit: try a.string("data_dir"))
        if a.has("handle"), let s = try? session(a), let built = s.provenance {
            (p.dataDigests, p.specOverrides, p.digitisedDatasets) = (built.dataDigests, built.specOverrides, built.digitisedDatasets)
        } else if dataCommands.contains(command) {
            let data = try dataChoice(a)
            if let spec = data.spec {
                try p.digest(files: [spec], relativeTo: root)
                if let saved = try data.savedAnalysis() {
                    (p.specOverrides, p.digitisedDatasets) = (saved.specOverrides, saved.digitisedDatasets)
                }
            } else {
                try p.record(datasets: try AnalysisConfig.expand(data.datasets.isEmpty ? ["xenon1t_sr1"] : data.datasets,
                                                                 dataDirectory: data.dataDirectory),
                             overrides: data.overrides, dataDirectory: data.dataDirectory)
            }
        }
        // files named by the request besides the datasets
        var files: [String] = []
        if let atomic = try a.string("atomic"), !["free", "stepping"].contains(atomic) { files.append(atomic) }
        if let moments = try a.string("moments") { files.append(moments) }
        if let fromToys = try a.strings("from_toys") { files += try ToyStudySample.paths(fromToys) }
        if !files.isEmpty { try p.digest(files: files, relativeTo: root) }
        return p
    }

    /// The request as a command line: `nmmfit (Python package): COMMAND {args}` (sorted keys).
    static func commandLine(_ command: String, _ values: [String: Any]) throws -> String {
        let args = String(decoding: try JSONSerialization.data(withJSONObject: values, options: [.sortedKeys, .withoutEscapingSlashes]),
                          as: UTF8.self)
        return "nmmfit (Python package): \(command) \(args)"
    }

    /// The request's shard arguments, left out of a sharded study's toys-file command line with
    /// the argument naming the file written (as the CLI leaves out `--shard`, `--nshards`).
    static let shardArguments: Set<String> = ["shard", "nshards"]

    /// How the request runs, which never changes a toy: left out of every toys-file command line
    /// (as the CLI leaves out `--threads`, `--force`).
    static let processArguments: Set<String> = ["threads", "force"]

    /// Where the toys of a file written by `command` with `a` come from (``ToysProvenance``):
    /// the answer's data digests and spec changes, and the request without the `dropping`
    /// arguments (the file's own name, a shard's arguments) and ``processArguments`` as its
    /// command line.
    static func toysProvenance(_ command: String, _ a: Args, dropping: Set<String> = []) throws -> ToysProvenance {
        let left = dropping.union(processArguments)
        return ToysProvenance(try provenance(command, a), command: try commandLine(command, a.values.filter { !left.contains($0.key) }))
    }

    /// `header` of a `save_toys` file stamped with this build and the provenance of `command`
    /// with `a` (``toysProvenance(_:_:dropping:)``, without `save_toys`).
    static func stamped<H: ToysHeaderStamp>(_ header: H, _ command: String, _ a: Args) throws -> H {
        header.stamped(version: BuildInfo.version, commit: BuildInfo.commit, provenance: try toysProvenance(command, a, dropping: ["save_toys"]))
    }
}
