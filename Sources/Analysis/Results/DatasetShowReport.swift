import Detector
import Formats
import Foundation

/// The result of `nmmfit datasets show NAME --json`: the spec file and the spec.
public struct DatasetShowReport: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var specFile: String
    public var dataset: DatasetSpec

    public init(specFile: String, dataset: DatasetSpec) {
        self.specFile = specFile
        self.dataset = dataset
    }
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output"
        case specFile = "spec_file"
        case dataset
    }
}
