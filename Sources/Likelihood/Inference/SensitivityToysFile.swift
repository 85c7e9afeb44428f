import Formats
import Foundation

/// The toys of a ``Sensitivity`` run kept in a file as they finish (``ToyValuesFile``), so that
/// an interrupted run can be resumed: a header line naming the study (seed, number of toys, CL,
/// interval method, a digest of the model and of the background-only truth, the build), then
/// one JSON line per toy in index order, `{"toy":k,"upper_limit_muB":x}` (μB), or `{"toy":k}`
/// for a toy whose interval failed. Schema: `schemas/sensitivity-toys-header.schema.json` and
/// `schemas/sensitivity-toys-record.schema.json`.
public typealias SensitivityToysFile = ToyValuesFile<SensitivityToysHeader>

extension ToyValuesFile where H == SensitivityToysHeader {
    /// The toys' upper limits (μB; nil: the toy's interval failed).
    public var limits: [Double?] { values }
}

/// The header of a ``SensitivityToysFile``.
public struct SensitivityToysHeader: ToyValuesHeader {
    public static let formatVersion = 1
    public static let kind = "sensitivity toys file"
    public static let studyFields = "seed, toys, CL, interval method, model, window or physics options"
    public static let valueKey = "upper_limit_muB"
    public var nmmfitSensitivityToys = SensitivityToysHeader.formatVersion
    public var format: Int { nmmfitSensitivityToys }
    public var seed: UInt64
    public var totalToys: Int
    public var cl: Double
    public var intervalMethod: String
    /// ``ToyFileHeader/digest(model:truth:)`` of the model and the background-only fit.
    public var modelDigest: String
    public var nmmfitVersion: String
    public var nmmfitCommit: String
    /// Where the toys came from (``ToysProvenance``): command line, data digests, spec changes.
    public var provenance: ToysProvenance?

    enum CodingKeys: String, CodingKey {
        case seed, cl, provenance
        case nmmfitSensitivityToys = "nmmfit_sensitivity_toys"
        case totalToys = "total_toys"
        case intervalMethod = "interval_method"
        case modelDigest = "model_digest"
        case nmmfitVersion = "nmmfit_version"
        case nmmfitCommit = "nmmfit_commit"
    }

    public init(seed: UInt64, totalToys: Int, cl: Double, intervalMethod: String, modelDigest: String,
                nmmfitVersion: String = "unknown", nmmfitCommit: String = "unknown", provenance: ToysProvenance? = nil) {
        self.seed = seed
        self.totalToys = totalToys
        self.cl = cl
        self.intervalMethod = intervalMethod
        self.modelDigest = modelDigest
        self.nmmfitVersion = nmmfitVersion
        self.nmmfitCommit = nmmfitCommit
        self.provenance = provenance
    }
}
