import Formats
import Foundation

/// The toys of a ``Sensitivity`` run kept in a file as they finish, so that an interrupted run
/// can be resumed: a header line naming the study (seed, number of toys, CL, interval method,
/// a digest of the model and of the background-only truth, the build), then one JSON line per
/// toy in index order, `{"toy":k,"upper_limit_muB":x}` (μB), or `{"toy":k}` for a toy whose
/// interval failed.
///
/// Opening an existing file of the same study keeps its complete, in-order toys from toy 0 and
/// drops (and counts) everything else — a line cut off by an interruption, a repeat, a gap —
/// rewriting the file atomically (``ToyFileWriter``, which takes the one output lock); a file of
/// another study, or one another build wrote, is refused. Toy k is stream k of the seed, so the
/// kept toys plus the rest give exactly the toys of an uninterrupted run.
public final class SensitivityToysFile {
    public struct Header: Codable, Equatable, Sendable {
        public static let formatVersion = 1
        public var nmmfitSensitivityToys = Header.formatVersion
        public var seed: UInt64
        public var totalToys: Int
        public var cl: Double
        public var intervalMethod: String
        /// ``ToyFileHeader/digest(model:truth:)`` of the model and the background-only fit.
        public var modelDigest: String
        public var nmmfitVersion: String
        public var nmmfitCommit: String

        enum CodingKeys: String, CodingKey {
            case seed, cl
            case nmmfitSensitivityToys = "nmmfit_sensitivity_toys"
            case totalToys = "total_toys"
            case intervalMethod = "interval_method"
            case modelDigest = "model_digest"
            case nmmfitVersion = "nmmfit_version"
            case nmmfitCommit = "nmmfit_commit"
        }

        public init(seed: UInt64, totalToys: Int, cl: Double, intervalMethod: String, modelDigest: String,
                    nmmfitVersion: String = "unknown", nmmfitCommit: String = "unknown") {
            self.seed = seed
            self.totalToys = totalToys
            self.cl = cl
            self.intervalMethod = intervalMethod
            self.modelDigest = modelDigest
            self.nmmfitVersion = nmmfitVersion
            self.nmmfitCommit = nmmfitCommit
        }

        /// The study without the build.
        var identity: Header {
            var h = self
            h.nmmfitVersion = ""
            h.nmmfitCommit = ""
            return h
        }
    }

    /// One toy: its index and its upper limit (μB), nil when its interval failed.
    struct Line: Codable {
        var toy: Int
        var upperLimit: Double?
        enum CodingKeys: String, CodingKey {
            case toy
            case upperLimit = "upper_limit_muB"
        }
    }

    public let path: String
    public let header: Header
    /// The toys kept from an existing file and those appended since, in index order (nil: failed).
    public private(set) var limits: [Double?]
    /// Toys kept from an existing file.
    public let kept: Int
    /// Lines of an existing file that were dropped.
    public let dropped: Int
    private var handle: FileHandle?

    /// The next toy index to run.
    public var next: Int { limits.count }

    private init(path: String, header: Header, limits: [Double?], dropped: Int, handle: FileHandle) {
        self.path = path
        self.header = header
        self.limits = limits
        kept = limits.count
        self.dropped = dropped
        self.handle = handle
    }

    /// Opens (and resumes, unless `force`) the file at `path` for the study `header`.
    public static func open(path: String, header: Header, force: Bool) throws -> SensitivityToysFile {
        var limits: [Double?] = []
        var dropped = 0
        var st = stat()
        if !force && lstat(path, &st) == 0 {
            let reader = try ToyFileReader(path: path)
            guard let first = try reader.next(), first.complete,
                  let existing = try? JSONDecoder().decode(Header.self, from: Data(first.bytes)),
                  existing.nmmfitSensitivityToys == Header.formatVersion else {
                throw InputError(file: path, line: 1, "not an nmmfit sensitivity toys file (no header)", remedy: .replaceFile)
            }
            guard existing.identity == header.identity else {
                throw InputError(file: path, line: 1, "the existing file is a different study (seed, toys, CL, interval method, model, window or physics options differ)", remedy: .startAfresh)
            }
            guard existing.nmmfitVersion == header.nmmfitVersion && existing.nmmfitCommit == header.nmmfitCommit else {
                throw InputError(file: path, line: 1, "its toys were written by nmmfit \(existing.nmmfitVersion) (commit \(existing.nmmfitCommit)), this is nmmfit \(header.nmmfitVersion) (commit \(header.nmmfitCommit))", remedy: .startAfresh)
            }
            while let line = try reader.next() {
                guard line.complete else { dropped += 1; break }  // cut off by an interruption
                guard let l = try? JSONDecoder().decode(Line.self, from: Data(line.bytes)), l.upperLimit.map({ $0.isFinite }) ?? true else {
                    throw InputError(file: path, line: line.number, "malformed toy line", remedy: .startAfresh)
                }
                if l.toy == limits.count && limits.count < header.totalToys { limits.append(l.upperLimit) } else { dropped += 1 }
            }
        }
        // the header and the kept toys, atomically replacing the file
        let writer = try ToyFileWriter(path: path, force: true)
        try writer.write(try jsonLine(header))
        for (k, limit) in limits.enumerated() { try writer.write(try jsonLine(Line(toy: k, upperLimit: limit))) }
        try writer.commit()
        guard let h = FileHandle(forWritingAtPath: path) else { throw InputError(file: path, "cannot open for appending") }
        try h.seekToEnd()
        return SensitivityToysFile(path: path, header: header, limits: limits, dropped: dropped, handle: h)
    }

    /// Appends the next toys' limits (nil: failed) and syncs them to disk.
    public func append(_ block: [Double?]) throws {
        guard let handle else { throw FitError("internal: toys appended after the file was closed") }
        var bytes: [UInt8] = []
        for (i, limit) in block.enumerated() { bytes += try Self.jsonLine(Line(toy: next + i, upperLimit: limit)) }
        do {
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
        } catch {
            throw InputError(file: path, "cannot append toys (\(error.localizedDescription))")
        }
        limits += block
    }

    public func close() {
        try? handle?.close()
        handle = nil
    }

    /// One JSON line (sorted keys, with the newline).
    private static func jsonLine(_ value: some Encodable) throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        return Array(try enc.encode(value)) + [0x0A]
    }
}
