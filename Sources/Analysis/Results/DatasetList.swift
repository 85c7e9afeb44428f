import Formats
import Foundation

/// The result of `nmmfit datasets --json`.
public struct DatasetList: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var dataDirectory: String
    public var datasets: [DatasetSummary]
    /// Folders of the data directory that hold a dataset spec but were left out, because their
    /// name cannot name a dataset (e.g. `all`, or a space in it).
    public var skippedFolders: [SkippedFolder]

    /// A folder left out of the list, and why.
    public struct SkippedFolder: Encodable, Sendable, Equatable {
        public var name: String
        public var reason: String
    }

    public init(dataDirectory: String, datasets: [DatasetSummary], skippedFolders: [SkippedFolder] = []) {
        self.dataDirectory = dataDirectory
        self.datasets = datasets
        self.skippedFolders = skippedFolders
    }
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output"
        case dataDirectory = "data_directory"
        case datasets
        case skippedFolders = "skipped_folders"
    }
}
