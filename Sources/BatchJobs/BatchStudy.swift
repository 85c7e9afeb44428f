import Foundation

/// A sharded toy or coverage study's identity, kept in OUTDIR/NAME.study.json (schema `batch-study`):
/// re-writing a study with other toy options into the same folder and name is refused (old
/// shards would be reused).
public struct BatchStudy: Codable, Equatable, Sendable {
    /// Toys in the whole study.
    public var ntoys: Int
    public var nshards: Int
    public var seed: UInt64
    /// The arguments passed to every `toys` call of the study.
    public var toyArguments: [String]
    /// The digest of the model the toys are drawn from.
    public var modelDigest: String?
    /// What the shards run: "coverage" for a coverage study; absent for a toys study (`nmmfit toys`).
    public var study: String?
    enum CodingKeys: String, CodingKey {
        case ntoys, nshards, seed, study
        case toyArguments = "toy_arguments"
        case modelDigest = "model_digest"
    }

    /// The `study` field of a record of this kind: nil for a toys study (as records written
    /// before coverage studies existed).
    public static func studyField(_ kind: BatchStudyKind) -> String? { kind == .toys ? nil : kind.rawValue }

    public init(ntoys: Int, nshards: Int, seed: UInt64, toyArguments: [String], modelDigest: String?, kind: BatchStudyKind = .toys) {
        self.study = Self.studyField(kind)
        self.ntoys = ntoys
        self.nshards = nshards
        self.seed = seed
        self.toyArguments = toyArguments
        self.modelDigest = modelDigest
    }
}
