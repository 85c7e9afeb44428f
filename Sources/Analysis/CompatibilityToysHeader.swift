import Foundation
import Likelihood

/// The header of a ``CompatibilityToysFile``: the toys of one compatibility test (seed, toys,
/// datasets, digests of the common and the separate model with their best fits, the build).
/// Toy lines: `{"minus_two_delta_lnL":x,"toy":k}` (−2 ln of the likelihood ratio, dimensionless),
/// `{"toy":k}` for a toy whose fits failed. Schemas: `schemas/compatibility-toys-header.schema.json`
/// and `schemas/compatibility-toys-record.schema.json`.
public struct CompatibilityToysHeader: ToyValuesHeader {
    public static let formatVersion = 1
    public static let kind = "compatibility toys file"
    public static let studyFields = "seed, toys, datasets, model, window or physics options"
    public static let valueKey = "minus_two_delta_lnL"
    public var nmmfitCompatibilityToys = CompatibilityToysHeader.formatVersion
    public var format: Int { nmmfitCompatibilityToys }
    public var seed: UInt64
    /// The most toys of the study: the fixed number, or the adaptive maximum.
    public var totalToys: Int
    /// Whether the toys stop once enough reach the data's statistic (``CompatibilityTest/ToyPlan/adaptive``).
    public var adaptive: Bool
    public var datasets: [String]
    /// ``ToyFileHeader/digest(model:truth:)`` of the common model at its best fit (the toys' truth).
    public var modelDigest: String
    /// The same of the model with one μν² per dataset at its best fit to the data.
    public var separateModelDigest: String
    public var nmmfitVersion: String
    public var nmmfitCommit: String
    /// Where the toys came from (``ToysProvenance``): command line, data digests, spec changes.
    public var provenance: ToysProvenance?

    enum CodingKeys: String, CodingKey {
        case seed, adaptive, datasets, provenance
        case nmmfitCompatibilityToys = "nmmfit_compatibility_toys"
        case totalToys = "total_toys"
        case modelDigest = "model_digest"
        case separateModelDigest = "separate_model_digest"
        case nmmfitVersion = "nmmfit_version"
        case nmmfitCommit = "nmmfit_commit"
    }

    public init(seed: UInt64, totalToys: Int, adaptive: Bool, datasets: [String], modelDigest: String, separateModelDigest: String,
                nmmfitVersion: String = "unknown", nmmfitCommit: String = "unknown", provenance: ToysProvenance? = nil) {
        self.seed = seed
        self.totalToys = totalToys
        self.adaptive = adaptive
        self.datasets = datasets
        self.modelDigest = modelDigest
        self.separateModelDigest = separateModelDigest
        self.nmmfitVersion = nmmfitVersion
        self.nmmfitCommit = nmmfitCommit
        self.provenance = provenance
    }
}

/// The compatibility toys kept in a file as they finish (``ToyValuesFile``), so that an
/// interrupted `fit` of two or more datasets resumes them.
public typealias CompatibilityToysFile = ToyValuesFile<CompatibilityToysHeader>
