import Foundation

/// The first line of a toys file (`nmmfit toys`, `nmmfit merge`): what the study is, so that
/// shards can be merged safely, an interrupted run resumed, and conclusions drawn from the file.
///
/// μν values are in μB. A merged file carries `shard = 0`, `nshards = 1`, exactly as a single run.
///
/// Format 2 (issue 14): no header key shares a name with a toy record's key (format 1 had
/// `statistic: "q0"` beside the records' numeric `statistic`, so `pandas.read_json(lines=True)`
/// made that column text); μν keys carry `_muB`. Format-1 files are refused with a clear line.
public struct ToyFileHeader: Codable, Equatable, Sendable {
    /// The toys-file format this code writes and reads.
    public static let formatVersion = 2
    public var nmmfitToys = ToyFileHeader.formatVersion
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
        case seed, shard, nshards, model
        case statistic = "statistic_name"
        case modelDigest = "model_digest"
        case nmmfitToys = "nmmfit_toys"
        case muNuTrue = "mu_nu_true_muB"
        case testedMuNu = "tested_mu_nu_muB"
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

    /// The format version of a line that looks like a header of another format
    /// (`{"nmmfit_toys": N, …}` with N ≠ ``formatVersion``); nil otherwise.
    public static func otherFormat(_ line: [UInt8]) -> Int? {
        struct Version: Decodable { var nmmfit_toys: Int }
        guard let v = try? JSONDecoder().decode(Version.self, from: Data(line)), v.nmmfit_toys != formatVersion else { return nil }
        return v.nmmfit_toys
    }

    /// The line refusing a toys file of another format version.
    public static func otherFormatMessage(_ version: Int) -> String {
        "toys file format \(version); this nmmfit reads and writes format \(formatVersion) (format 2 renamed the header keys statistic_name, mu_nu_true_muB, tested_mu_nu_muB): regenerate it with `nmmfit toys` (or `nmmfit batch`)"
    }

    /// Decodes a header line; nil when it is not one (or its values are impossible).
    public static func decode(_ line: [UInt8]) -> ToyFileHeader? {
        guard let h = try? JSONDecoder().decode(ToyFileHeader.self, from: Data(line)), h.nmmfitToys == formatVersion,
              h.totalToys >= 1, h.nshards >= 1, h.shard >= 0, h.shard < h.nshards,
              h.muNuTrue.isFinite, h.muNuTrue >= 0, ["q0", "t"].contains(h.statistic),
              (h.statistic == "t") == (h.testedMuNu != nil), h.testedMuNu.map({ $0.isFinite && $0 >= 0 }) ?? true
        else { return nil }
        return h
    }
}
