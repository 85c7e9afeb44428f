import Detector
import Foundation

/// One row of `nmmfit datasets` (JSON keys as in the table).
public struct DatasetSummary: Codable, Sendable {
    public var name: String
    public var experiment: String
    public var exposureTonneYear: Double
    public var defaultWindowKeV: [Double]
    public var provenance: String
    public var reference: String
    public var specFile: String
    enum CodingKeys: String, CodingKey {
        case name, experiment, provenance, reference
        case exposureTonneYear = "exposure_tonne_year"
        case defaultWindowKeV = "default_window_keV"
        case specFile = "spec_file"
    }
    public init(_ s: DatasetSpec, file: URL) {
        name = s.name
        experiment = s.experiment ?? s.title
        exposureTonneYear = s.exposureTonneYear
        defaultWindowKeV = s.defaultWindowKeV
        provenance = (s.provenance ?? .official).rawValue
        reference = s.reference
        specFile = file.path
    }
}
