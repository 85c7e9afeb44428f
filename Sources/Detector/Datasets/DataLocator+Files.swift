import Formats
import Foundation

extension DataLocator {
    /// Every file a named dataset is read from: its spec file and the data files the spec names
    /// after `overrides` (those of other datasets are ignored) — what a result's
    /// ``RunProvenance/dataDigests`` records.
    public static func files(named name: String, overrides: [DatasetSpec.Override] = [],
                             dataDirectory: String? = nil) throws -> [URL] {
        let (spec, file) = try spec(named: name, dataDirectory: dataDirectory)
        let mine = overrides.filter { $0.dataset == name }
        let applied = try spec.applying(mine, file: file.path)
        let folder = file.deletingLastPathComponent()
        return [file] + applied.dataFiles.map { folder.appendingPathComponent($0) }
    }
}
