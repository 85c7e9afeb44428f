import Foundation

/// The first line of a toys file (`nmmfit toys`, `nmmfit merge`): what the study is, so that
/// shards can be merged safely, an interrupted run resumed, and conclusions drawn from the file.
///
/// μν values are in μB. A merged file carries `shard = 0`, `nshards = 1`, exactly as a single run.
public struct ToyFileHeader: Codable, Equatable, Sendable {
    public var nmmfitToys = 1
    public var seed: UInt64
    /// True μν of the toys (μB).
    public var muNuTrue: Double
    /// "q0" (discovery) or "t" (t̃ at `testedMuNu`).
    public var statistic: String
    /// μν tested by the t statistic (μB); nil for q0.
    public var testedMuNu: Double?
    public var totalToys: Int
    public var shard: Int
    public var nshards: Int
    /// Channel names joined by "+".
    public var model: String
    /// FNV-1a 64-bit digest of the canonical model spec JSON and the true parameters: two files
    /// are one study only if it matches (window, binning, physics options, spec, truth).
    public var modelDigest: String

    enum CodingKeys: String, CodingKey {
        case seed, statistic, shard, nshards, model
        case modelDigest = "model_digest"
        case nmmfitToys = "nmmfit_toys"
        case muNuTrue = "mu_nu_true"
        case testedMuNu = "tested_mu_nu"
        case totalToys = "total_toys"
    }

    public init(seed: UInt64, muNuTrue: Double, statistic: String, testedMuNu: Double?, totalToys: Int, shard: Int,
                nshards: Int, model: String, modelDigest: String) {
        self.seed = seed
        self.muNuTrue = muNuTrue
        self.statistic = statistic
        self.testedMuNu = testedMuNu
        self.totalToys = totalToys
        self.shard = shard
        self.nshards = nshards
        self.model = model
        self.modelDigest = modelDigest
    }

    /// Toy indices this file's shard covers.
    public var range: Range<Int> { Sharding.range(shard: shard, of: nshards, total: totalToys) }

    /// The header of the whole study (shard 0 of 1): what a merged file carries.
    public var whole: ToyFileHeader {
        var h = self
        h.shard = 0
        h.nshards = 1
        return h
    }

    /// The header as one JSON line (sorted keys, with the newline): the exact bytes every
    /// writer uses, so a merged file equals a single run byte for byte.
    public func jsonLine() throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return Array(try enc.encode(self)) + [0x0A]
    }

    /// Decodes a header line; nil when it is not one (or its values are impossible).
    public static func decode(_ line: [UInt8]) -> ToyFileHeader? {
        guard let h = try? JSONDecoder().decode(ToyFileHeader.self, from: Data(line)), h.nmmfitToys == 1,
              h.totalToys >= 1, h.nshards >= 1, h.shard >= 0, h.shard < h.nshards,
              h.muNuTrue.isFinite, h.muNuTrue >= 0, ["q0", "t"].contains(h.statistic),
              (h.statistic == "t") == (h.testedMuNu != nil), h.testedMuNu.map({ $0.isFinite && $0 >= 0 }) ?? true
        else { return nil }
        return h
    }
}
