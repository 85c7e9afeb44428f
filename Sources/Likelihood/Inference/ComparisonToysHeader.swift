import Foundation

/// The header of a ``ComparisonToysFile``: the toys of one ``HypothesisTest`` (seed, toys, the
/// components tested and left out, a digest of the model with the null hypothesis' fit, which
/// the toys are drawn from, and the build). Toy lines: `{"minus_two_delta_lnL":x,"toy":k}`
/// (−2 ln of the likelihood ratio, dimensionless), `{"toy":k}` for a toy whose fits failed.
public struct ComparisonToysHeader: ToyValuesHeader {
    public static let formatVersion = 1
    public static let kind = "comparison toys file"
    public static let studyFields = "seed, toys, tested components, model, window or physics options"
    public static let valueKey = "minus_two_delta_lnL"
    public var nmmfitComparisonToys = ComparisonToysHeader.formatVersion
    public var format: Int { nmmfitComparisonToys }
    public var seed: UInt64
    public var totalToys: Int
    public var tested: [String]
    public var excluded: [String]
    /// ``ToyFileHeader/digest(model:truth:)`` of the model at the null hypothesis' fit.
    public var modelDigest: String
    public var nmmfitVersion: String
    public var nmmfitCommit: String
    /// Where the toys came from (``ToysProvenance``): command line, data digests, spec changes.
    public var provenance: ToysProvenance?

    enum CodingKeys: String, CodingKey {
        case seed, tested, excluded, provenance
        case nmmfitComparisonToys = "nmmfit_comparison_toys"
        case totalToys = "total_toys"
        case modelDigest = "model_digest"
        case nmmfitVersion = "nmmfit_version"
        case nmmfitCommit = "nmmfit_commit"
    }

    public init(seed: UInt64, totalToys: Int, tested: [String], excluded: [String], modelDigest: String,
                nmmfitVersion: String = "unknown", nmmfitCommit: String = "unknown", provenance: ToysProvenance? = nil) {
        self.seed = seed
        self.totalToys = totalToys
        self.tested = tested
        self.excluded = excluded
        self.modelDigest = modelDigest
        self.nmmfitVersion = nmmfitVersion
        self.nmmfitCommit = nmmfitCommit
        self.provenance = provenance
    }
}

/// The toys of `compare` kept in a file as they finish (``ToyValuesFile``), so that an
/// interrupted run resumes them.
public typealias ComparisonToysFile = ToyValuesFile<ComparisonToysHeader>
