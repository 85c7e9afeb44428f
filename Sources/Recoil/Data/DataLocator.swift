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
            let u = URL(fileURLWithPath: explicit)
            var isDir: ObjCBool = false
            guard fm.fileExists(atPath: u.path, isDirectory: &isDir) else { throw InputError(file: explicit, "data directory does not exist") }
            guard isDir.boolValue else { throw InputError(file: explicit, "--data-dir must be a folder (this is a file)") }
            return u
        }
        var tried: [String] = []
        if let env = ProcessInfo.processInfo.environment["NMMFIT_DATA"], !env.isEmpty {
            let u = URL(fileURLWithPath: env)
            if isData(u) { return u }
            tried.append(env)
        }
        // Sources/Recoil/Data/DataLocator.swift → repository root
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
        throw InputError("cannot find nmmfit's data folder (tried: \(tried.joined(separator: ", "))); pass --data-dir or set NMMFIT_DATA")
    }

    /// Loads a named dataset (e.g. `xenon1t_sr1`) from the data folder.
    public static func dataset(named name: String, dataDirectory: String? = nil) throws -> Dataset {
        let root = try self.dataDirectory(explicit: dataDirectory)
        let dir = root.appendingPathComponent(name)
        guard FileManager.default.fileExists(atPath: dir.appendingPathComponent("dataset.json").path)
            || FileManager.default.fileExists(atPath: dir.appendingPathComponent("dataset.yaml").path)
        else {
            throw InputError(field: "dataset", "unknown dataset '\(name)' (available: \(available(in: root).joined(separator: ", ")))")
        }
        return try Dataset.load(directory: dir)
    }

    /// Names of the datasets in a data folder (sub-folders with a dataset spec).
    public static func available(in root: URL) -> [String] {
        let fm = FileManager.default
        let names = (try? fm.contentsOfDirectory(atPath: root.path)) ?? []
        return names.filter {
            fm.fileExists(atPath: root.appendingPathComponent("\($0)/dataset.json").path)
                || fm.fileExists(atPath: root.appendingPathComponent("\($0)/dataset.yaml").path)
        }.sorted()
    }
}
