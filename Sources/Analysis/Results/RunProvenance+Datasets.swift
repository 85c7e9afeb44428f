import Detector
import Formats
import Foundation

extension RunProvenance {
    /// Records what a result from named datasets was computed from: the SHA-256 of each
    /// dataset's spec and data files after `overrides` (keyed relative to the data directory),
    /// the overrides themselves (`spec_overrides`, nil when none) and the digitised datasets
    /// among them. Any front end (the `nmmfit` tool, a binding) calls this with what it loaded.
    public mutating func record(datasets names: [String], overrides: [DatasetSpec.Override] = [],
                                dataDirectory: String? = nil) throws {
        let root = try? DataLocator.dataDirectory(explicit: dataDirectory)
        for n in names {
            try digest(files: try DataLocator.files(named: n, overrides: overrides, dataDirectory: dataDirectory).map(\.path), relativeTo: root)
        }
        specOverrides = overrides.isEmpty ? nil : overrides.map(\.description)
        digitisedDatasets = DigitisedDatasets.among(names, dataDirectory: dataDirectory)
    }
}
