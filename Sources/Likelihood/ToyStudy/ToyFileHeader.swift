import Foundation

/// The first line of a toys file (`nmmfit toys`, `nmmfit merge`): what the study is, so that
/// shards can be merged safely, an interrupted run resumed, and conclusions drawn from the file.
///
/// μν values are in μB. A merged file carries `shard = 0`, `nshards = 1`, exactly as a single run.
///
/// Format 3 adds provenance: every file names the build that wrote its toys (`nmmfit_version`,
/// `nmmfit_commit`), and a shard of a sharded study (nshards > 1) lists its runs (``ToyRun``:
/// host, job id, attempt, start and end). A whole study (a single run, a merge) has no runs, so
/// its bytes depend only on the study and the build: a merge equals a single run byte for byte.
/// Format 2 (issue 14) had no provenance; format 1 had `statistic: "q0"` beside the records'
/// numeric `statistic`. Files of other formats are refused with a clear line.
public struct ToyFileHeader: Codable, Equatable, Sendable {
    /// The toys-file format this code writes and reads.
    public static let formatVersion = 3
    public var nmmfitToys = ToyFileHeader.formatVersion
    public var seed: UInt64
    /// True μν of the toys (μB).
    public var muNuTrue: Double
    /// "q0" (discovery) or "t" (t̃ at `testedMuNu`): a name of the registry (``TestStatisticName``).
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
    /// The build that wrote the toys (``ToyRun/nmmfitVersion``); several, joined by ", ", in a
    /// file whose toys come from several builds (allowed explicitly).
    public var nmmfitVersion: String
    public var nmmfitCommit: String
    /// The runs that wrote this shard, oldest first; nil in a whole-study file (shard 0 of 1).
    public var runs: [ToyRun]?

    enum CodingKeys: String, CodingKey {
        case seed, shard, nshards, model, runs
        case nmmfitVersion = "nmmfit_version"
        case nmmfitCommit = "nmmfit_commit"
        case statistic = "statistic_name"
        case modelDigest = "model_digest"
        case nmmfitToys = "nmmfit_toys"
        case muNuTrue = "mu_nu_true_muB"
        case testedMuNu = "tested_mu_nu_muB"
        case totalToys = "total_toys"
    }

    public init(seed: UInt64, muNuTrue: Double, statistic: String, testedMuNu: Double?, totalToys: Int, shard: Int,
                nshards: Int, model: String, modelDigest: String, nmmfitVersion: String = "unknown", nmmfitCommit: String = "unknown",
                runs: [ToyRun]? = nil) {
        self.seed = seed
        self.muNuTrue = muNuTrue
        self.statistic = statistic
        self.testedMuNu = testedMuNu
        self.totalToys = totalToys
        self.shard = shard
        self.nshards = nshards
        self.model = model
        self.modelDigest = modelDigest
        self.nmmfitVersion = nmmfitVersion
        self.nmmfitCommit = nmmfitCommit
        self.runs = runs
    }

    /// The study alone, without the build and the runs: two files are parts of one study
    /// exactly when their identities (up to the shard) are equal.
    public var identity: ToyFileHeader {
        var h = self
        h.nmmfitVersion = ""
        h.nmmfitCommit = ""
        h.runs = nil
        return h
    }

    /// "0.1.0 (commit abc…)".
    public var build: String { "\(nmmfitVersion) (commit \(nmmfitCommit))" }

    /// Whether the file's toys all come from the build `version`/`commit` (its header's build and
    /// every run's).
    public func writtenBy(version: String, commit: String) -> Bool {
        nmmfitVersion == version && nmmfitCommit == commit
            && (runs ?? []).allSatisfy { $0.nmmfitVersion == version && $0.nmmfitCommit == commit }
    }

    /// The distinct values joined by ", " in first-seen order (the build of mixed toys).
    public static func joined(_ values: [String]) -> String {
        var seen: [String] = []
        for v in values.flatMap({ $0.components(separatedBy: ", ") }) where !seen.contains(v) { seen.append(v) }
        return seen.joined(separator: ", ")
    }

    /// The statistic as a registry entry (nil for a name a toys file cannot hold).
    public var statisticName: TestStatisticName? { TestStatisticName(toyFile: statistic) }

    /// Toy indices this file's shard covers.
    public var range: Range<Int> { Sharding.range(shard: shard, of: nshards, total: totalToys) }

    /// The header of the whole study (shard 0 of 1): what a merged file carries.
    public var whole: ToyFileHeader {
        var h = self
        h.shard = 0
        h.nshards = 1
        h.runs = nil
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
        version == 2
            ? "toys file format 2, written before toys files recorded their build and runs; this nmmfit reads and writes format \(formatVersion): regenerate it with this build"
            : "toys file format \(version); this nmmfit reads and writes format \(formatVersion) (format 2 renamed the header keys statistic_name, mu_nu_true_muB, tested_mu_nu_muB; format 3 added the build and runs): regenerate it with `nmmfit toys` (or `nmmfit batch`)"
    }

    /// Decodes a header line; nil when it is not one (or its values are impossible).
    public static func decode(_ line: [UInt8]) -> ToyFileHeader? {
        guard let h = try? JSONDecoder().decode(ToyFileHeader.self, from: Data(line)), h.nmmfitToys == formatVersion,
              h.totalToys >= 1, h.nshards >= 1, h.shard >= 0, h.shard < h.nshards,
              h.muNuTrue.isFinite, h.muNuTrue >= 0, let name = h.statisticName,
              name.needsTestedValue == (h.testedMuNu != nil), h.testedMuNu.map({ $0.isFinite && $0 >= 0 }) ?? true,
              !h.nmmfitVersion.isEmpty, !h.nmmfitCommit.isEmpty, h.runs.map({ $0.allSatisfy { $0.attempt >= 1 && $0.firstToy >= 0 } }) ?? true
        else { return nil }
        return h
    }
}
