import Formats
import Foundation

/// Finds the folder holding nmmfit's embedded datasets (`data/`).
///
/// Order: an explicit path; `$NMMFIT_DATA`; `data/` of the source checkout this binary was
/// built from; `data/` next to the executable or in one of its parent folders.
public enum DataLocator {
    /// The data folder.
    /// - Throws: ``InputError`` naming the places looked at.
    public static func dataDirectory(explicit: String? = nil) throws -> URL {
        let fm = FileManager.default
        func isData(_ u: URL) -> Bool {
            fm.fileExists(atPath: u.appendingPathComponent("xenon1t_sr1/dataset.json").path)
        }
        if let explicit {
            // an empty path would silently mean the current folder
            guard !explicit.isEmpty else { throw InputError("\(term: .dataDirectory) is an empty path; name a folder of datasets") }
            let u = URL(fileURLWithPath: explicit)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: u.path, isDirectory: &isDir) else { throw InputError(file: explicit, "data directory does not exist") }
            guard isDir.boolValue else { throw InputError(file: explicit, "\(term: .dataDirectory) must be a folder (this is a file)") }
            return u
        }
        var tried: [String] = []
        if let env = ProcessInfo.processInfo.environment["NMMFIT_DATA"], !env.isEmpty {
            // Named by the user: used as it is or refused, never silently replaced by another folder.
            let u = URL(fileURLWithPath: env)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: u.path, isDirectory: &isDir) else {
                throw InputError(file: env, field: "NMMFIT_DATA", "the data folder NMMFIT_DATA names does not exist")
            }
            guard isDir.boolValue else {
                throw InputError(file: env, field: "NMMFIT_DATA", "NMMFIT_DATA must name a folder of datasets (this is a file)")
            }
            guard !available(in: u).isEmpty else {
                throw InputError(file: env, field: "NMMFIT_DATA",
                                 "the folder NMMFIT_DATA names holds no dataset (a sub-folder with dataset.json or dataset.yaml)")
            }
            return u
        }
        // Sources/Detector/Datasets/DataLocator.swift → repository root
        let source = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("data")
        if isData(source) { return source }
        tried.append(source.path)
        var dir = URL(fileURLWithPath: CommandLine.arguments.first ?? ".").resolvingSymlinksInPath().deletingLastPathComponent()
        for _ in 0..<5 {
            let u = dir.appendingPathComponent("data")
            if isData(u) { return u }
            tried.append(u.path)
            dir = dir.deletingLastPathComponent()
        }
        throw InputError("cannot find nmmfit's data folder (tried: \(tried.joined(separator: ", ")))", remedy: .dataDirectory)
    }

    /// Loads a named dataset (e.g. `xenon1t_sr1`) from the data folder, with command-line
    /// changes to its spec (``DatasetSpec/Override``) applied.
    public static func dataset(named name: String, dataDirectory: String? = nil,
                               overrides: [DatasetSpec.Override] = []) throws -> Dataset {
        try Dataset.load(directory: try specFile(named: name, dataDirectory: dataDirectory).deletingLastPathComponent(),
                         overrides: overrides)
    }

    /// The spec of a named dataset (without loading its files) and its file.
    public static func spec(named name: String, dataDirectory: String? = nil) throws -> (spec: DatasetSpec, file: URL) {
        let url = try specFile(named: name, dataDirectory: dataDirectory)
        return (try DatasetSpec.load(from: url), url)
    }

    /// The spec file of a named dataset.
    /// - Throws: ``InputError`` listing the available datasets when there is none.
    public static func specFile(named name: String, dataDirectory: String? = nil) throws -> URL {
        let root = try self.dataDirectory(explicit: dataDirectory)
        if let problem = nameProblem(name) {
            throw InputError(field: "dataset", "\(InputError.excerpt(name)) is not a dataset name: \(problem)")
        }
        guard let url = try Dataset.specFile(in: root.appendingPathComponent(name)) else {
            let names = available(in: root)
            throw InputError(field: "dataset", names.isEmpty
                ? "unknown dataset '\(name)': the data folder \(root.path) holds no dataset (a sub-folder with dataset.json or dataset.yaml)"
                : "unknown dataset '\(name)' in \(root.path) (available: \(names.joined(separator: ", ")))")
        }
        return url
    }

    /// Names of the datasets in a data folder: sub-folders with a dataset spec and a usable name
    /// (``nameProblem(_:)``; a folder named `all` could never be chosen, as `all` means every dataset).
    public static func available(in root: URL) -> [String] {
        foldersWithSpec(in: root).filter { nameProblem($0) == nil }
    }

    /// The folders of `root` that hold a dataset spec file, sorted by name.
    static func foldersWithSpec(in root: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter { name in
            Dataset.specFileNames.contains { FileManager.default.fileExists(atPath: root.appendingPathComponent(name).appendingPathComponent($0).path) }
        }.sorted()
    }

    /// The folders of `root` that hold a dataset spec but whose name cannot name a dataset
    /// (``nameProblem(_:)``), with the reason: ``available(in:)`` leaves them out, and the
    /// dataset list says so instead of passing over them in silence.
    public static func unusable(in root: URL) -> [(name: String, problem: String)] {
        foldersWithSpec(in: root).compactMap { name in nameProblem(name).map { (name, $0) } }
    }

    /// What makes `name` unusable as a dataset name, or nil. Names appear in tables, file names
    /// and messages, one per line: letters, digits and `_ - . +` only, not starting with a dot,
    /// and not the word `all` (which selects every dataset).
    public static func nameProblem(_ name: String) -> String? {
        if name.isEmpty { return "it is empty" }
        if name == allDatasetsName { return "'all' selects every dataset and cannot name one" }
        if name.hasPrefix(".") { return "it starts with a dot" }
        if let c = name.unicodeScalars.first(where: { !($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || "_-.+".unicodeScalars.contains($0))) }) {
            return "it contains \(c.value < 0x20 || c.value == 0x7F ? String(format: "the control character U+%04X", c.value) : "'\(c)'"); use letters, digits and _ - . +"
        }
        return nil
    }

    /// The `--dataset` value that selects every dataset found.
    public static let allDatasetsName = "all"
}
