import Formats
import Foundation

/// The result of `nmmfit datasets --json`.
public struct DatasetList: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var dataDirectory: String
    public var datasets: [DatasetSummary]

    public init(dataDirectory: String, datasets: [DatasetSummary]) {
        self.dataDirectory = dataDirectory
        self.datasets = datasets
    }
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output"
        case dataDirectory = "data_directory"
        case datasets
    }
}
