import Foundation

/// The first line of a toys file (`nmmfit toys`, `nmmfit merge`): what the study is, so that
/// shards can be merged safely, an interrupted run resumed, and conclusions drawn from the file.
///
/// μν values are in μB. A merged file carries `shard = 0`, `nshards = 1`, exactly as a single run.
///
/// Format 3 adds provenance: every file names the build that wrote its toys (`nmmfit_version`,
/// `nmmfit_commit`), and a shard of a sharded study (nshards > 1) lists its runs (``ToyRun``:
/// host, job id, attempt, start and end). A whole study (a single run, a merge) has no runs, so
/// its bytes depend only on the study, the build and its provenance (the same for every shard
/// of one study, ``ToysProvenance``): a merge equals a single run byte for byte.
/// Format 4 is format 3 with Feldman–Cousins critical values: the header's `feldman_cousins`
/// (``criticalValues``) and every record's `critical_value`. A study without them is still
/// written in format 3, so older builds read, resume and merge it;
/// this code reads both. Format 2 had no provenance; format 1 had `statistic: "q0"` beside the
/// records' numeric `statistic`. Files of other formats are refused with a clear line.
/// A header of this build also says where its toys came from (`provenance`, ``ToysProvenance``:
/// the command line, the data files' digests, the spec changes), an optional key of both
/// formats: files of older builds, without it, are read, resumed and merged as before.
public struct ToyFileHeader: Codable, Equatable, Sendable, ToysHeaderStamp {
    /// The newest toys-file format this code writes and reads (a study with critical values).
    public static let formatVersion = 4
    /// The format of a study without critical values (every `toys` study and asymptotic coverage shard).
    public static let plainFormatVersion = 3
    /// The formats this code reads.
    public static let readableFormats = plainFormatVersion...formatVersion
    /// The format of a header: ``formatVersion`` with critical values, else ``plainFormatVersion``.
    public static func format(criticalValues: CriticalValues?) -> Int { criticalValues == nil ? plainFormatVersion : formatVersion }
    public var nmmfitToys = ToyFileHeader.plainFormatVersion
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
    /// The command line, data digests and spec changes behind the toys (``ToysProvenance``);
    /// nil in files of older builds. Not part of the study's ``identity``.
    public var provenance: ToysProvenance?
    /// A Feldman–Cousins coverage study (t̃ at its true μν): every toy also carries its own
    /// critical value at this CL from this many inner toys (format 4). Setting it sets the format.
    public var criticalValues: CriticalValues? {
        didSet { nmmfitToys = Self.format(criticalValues: criticalValues) }
    }

    enum CodingKeys: String, CodingKey {
        case seed, shard, nshards, model, runs, provenance
        case criticalValues = "feldman_cousins"
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
                runs: [ToyRun]? = nil, criticalValues: CriticalValues? = nil, provenance: ToysProvenance? = nil) {
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
        self.criticalValues = criticalValues
        self.provenance = provenance
        nmmfitToys = Self.format(criticalValues: criticalValues)
    }

    /// The study alone, without the build, the runs and the provenance: two files are parts of
    /// one study exactly when their identities (up to the shard) are equal.
    public var identity: ToyFileHeader {
        var h = self
        h.nmmfitVersion = ""
        h.nmmfitCommit = ""
        h.runs = nil
        h.provenance = nil
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
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try enc.encode(self)) + [0x0A]
    }

    /// The format version of a line that looks like a header of a format this code does not
    /// read (`{"nmmfit_toys": N, …}` with N outside ``readableFormats``); nil otherwise.
    public static func otherFormat(_ line: [UInt8]) -> Int? {
        struct Version: Decodable { var nmmfit_toys: Int }
        guard let v = try? JSONDecoder().decode(Version.self, from: Data(line)), !readableFormats.contains(v.nmmfit_toys) else { return nil }
        return v.nmmfit_toys
    }

    /// "3 and 4".
    static var readableText: String { readableFormats.map(String.init).joined(separator: " and ") }

    /// The line refusing a toys file of another format version.
    public static func otherFormatMessage(_ version: Int) -> String {
        if version > formatVersion {
            return "toys file format \(version), newer than this nmmfit (it reads formats \(readableText)): read it with the build that wrote it, or a newer one"
        }
        return version == 2
            ? "toys file format 2, written before toys files recorded their build and runs; this nmmfit reads formats \(readableText): regenerate it with this build"
            : "toys file format \(version); this nmmfit reads formats \(readableText) (format 2 renamed the header keys statistic_name, mu_nu_true_muB, tested_mu_nu_muB; format 3 added the build and runs): regenerate it with `nmmfit toys` (or `nmmfit batch`)"
    }

    /// Whether a toy record has the shape this file's records have: a `critical_value` exactly
    /// in a study with critical values.
    public func admits(_ record: ToyRecord) -> Bool {
        (record.criticalValue != nil) == (criticalValues != nil)
    }

    /// Why ``admits(_:)`` refused a record.
    public func mismatchMessage(_ record: ToyRecord) -> String {
        criticalValues == nil
            ? "toy \(record.toy) has a critical_value, but the header (format \(nmmfitToys)) is not a Feldman–Cousins coverage study"
            : "toy \(record.toy) has no critical_value, but the header is a Feldman–Cousins coverage study (format \(nmmfitToys)): every toy needs one"
    }

    /// Decodes a header line; nil when it is not one (or its values are impossible).
    public static func decode(_ line: [UInt8]) -> ToyFileHeader? {
        guard let h = try? JSONDecoder().decode(ToyFileHeader.self, from: Data(line)), h.nmmfitToys == format(criticalValues: h.criticalValues),
              h.criticalValues.map({ $0.isValid && h.statisticName == .tTilde && h.testedMuNu == h.muNuTrue }) ?? true,
              h.provenance?.isValid ?? true,
              h.totalToys >= 1, h.nshards >= 1, h.shard >= 0, h.shard < h.nshards,
              h.muNuTrue.isFinite, h.muNuTrue >= 0, let name = h.statisticName,
              name.needsTestedValue == (h.testedMuNu != nil), h.testedMuNu.map({ $0.isFinite && $0 >= 0 }) ?? true,
              !h.nmmfitVersion.isEmpty, !h.nmmfitCommit.isEmpty, h.runs.map({ $0.allSatisfy { $0.attempt >= 1 && $0.firstToy >= 0 } }) ?? true
        else { return nil }
        return h
    }
}
