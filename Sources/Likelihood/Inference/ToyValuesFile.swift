import Formats
import Foundation

/// The header of a ``ToyValuesFile``: the study (so that only the same study is resumed) and the
/// build that wrote it.
public protocol ToyValuesHeader: Codable, Equatable, Sendable, ToysHeaderStamp {
    /// The format version this build writes.
    static var formatVersion: Int { get }
    /// What the file is, for messages ("sensitivity toys file").
    static var kind: String { get }
    /// What makes two studies differ, for messages ("seed, toys, CL, …").
    static var studyFields: String { get }
    /// The JSON key of a toy's value, with its unit ("upper_limit_muB").
    static var valueKey: String { get }
    /// The format version the header holds.
    var format: Int { get }
    /// Toys of the whole study.
    var totalToys: Int { get }
    // the build and the provenance (``ToysHeaderStamp``): the provenance is kept from the run
    // that started the file and is not part of the study
}

extension ToyValuesHeader {
    /// The study without the build and the provenance.
    public var identity: Self {
        var h = self
        h.nmmfitVersion = ""
        h.nmmfitCommit = ""
        h.provenance = nil
        return h
    }
}

/// The toys of a run kept in a file as they finish, one number per toy, so that an interrupted
/// run can be resumed: a header line naming the study (``ToyValuesHeader``), then one JSON line
/// per toy in index order, `{"toy":k,"<value key>":x}`, or `{"toy":k}` for a toy that failed.
///
/// The header also says where the toys came from (``ToysProvenance``, `provenance`): the run
/// that started the file. Opening an existing file of the same study keeps its complete, in-order toys from toy 0 and
/// drops (and counts) everything else — a line cut off by an interruption, a repeat, a gap —
/// rewriting the file atomically (``ToyFileWriter``, which takes the one output lock); a file of
/// another study, or one another build wrote, is refused. Toy k is stream k of the seed, so the
/// kept toys plus the rest give exactly the toys of an uninterrupted run.
public final class ToyValuesFile<H: ToyValuesHeader> {
    /// The header type (``ToyValuesHeader``).
    public typealias Header = H

    /// One toy: its index and its value, nil when the toy failed.
    struct Line: Codable {
        var toy: Int
        var value: Double?

        typealias Key = StringCodingKey

        init(toy: Int, value: Double?) {
            self.toy = toy
            self.value = value
        }

        init(from decoder: Decoder) throws {
            let c = try decoder.container(keyedBy: Key.self)
            toy = try c.decode(Int.self, forKey: Key("toy"))
            value = try c.decodeIfPresent(Double.self, forKey: Key(Header.valueKey))
        }

        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: Key.self)
            try c.encode(toy, forKey: Key("toy"))
            try c.encodeIfPresent(value, forKey: Key(Header.valueKey))
        }
    }

    public let path: String
    public let header: Header
    /// The toys kept from an existing file and those appended since, in index order (nil: failed).
    public private(set) var values: [Double?]
    /// Toys kept from an existing file.
    public let kept: Int
    /// Lines of an existing file that were dropped.
    public let dropped: Int
    private var handle: FileHandle?

    /// The next toy index to run.
    public var next: Int { values.count }

    private init(path: String, header: Header, values: [Double?], dropped: Int, handle: FileHandle) {
        self.path = path
        self.header = header
        self.values = values
        kept = values.count
        self.dropped = dropped
        self.handle = handle
    }

    /// Opens (and resumes, unless `force`) the file at `path` for the study `header`; with
    /// `keep`, only the first `keep(values)` of the toys found are kept (e.g. whole blocks).
    public static func open(path: String, header: Header, force: Bool, keep: (([Double?]) -> Int)? = nil) throws -> ToyValuesFile {
        var header = header
        var values: [Double?] = []
        var dropped = 0
        var st = stat()
        if !force && lstat(path, &st) == 0 {
            let reader = try ToyFileReader(path: path)
            guard let first = try reader.next(), first.complete,
                  let existing = try? JSONDecoder().decode(Header.self, from: Data(first.bytes)),
                  existing.format == Header.formatVersion, existing.provenance?.isValid ?? true else {
                throw InputError(file: path, line: 1, "not an nmmfit \(Header.kind) (no header)", remedy: .replaceFile)
            }
            guard existing.identity == header.identity else {
                throw InputError(file: path, line: 1, "the existing file is a different study (\(Header.studyFields) differ)", remedy: .startAfresh)
            }
            guard existing.nmmfitVersion == header.nmmfitVersion && existing.nmmfitCommit == header.nmmfitCommit else {
                throw InputError(file: path, line: 1, "its toys were written by nmmfit \(existing.nmmfitVersion) (commit \(existing.nmmfitCommit)), this is nmmfit \(header.nmmfitVersion) (commit \(header.nmmfitCommit))", remedy: .startAfresh)
            }
            // the file keeps the provenance of the run that started it
            header.provenance = existing.provenance ?? header.provenance
            while let line = try reader.next() {
                guard line.complete else { dropped += 1; break }  // cut off by an interruption
                guard let l = try? JSONDecoder().decode(Line.self, from: Data(line.bytes)), l.value.map({ $0.isFinite }) ?? true else {
                    throw InputError(file: path, line: line.number, "malformed toy line", remedy: .startAfresh)
                }
                if l.toy == values.count && values.count < header.totalToys { values.append(l.value) } else { dropped += 1 }
            }
            if let keep {
                let n = max(0, min(keep(values), values.count))
                dropped += values.count - n
                values.removeLast(values.count - n)
            }
        }
        // the header and the kept toys, atomically replacing the file
        let writer = try ToyFileWriter(path: path, force: true)
        try writer.write(try jsonLine(header))
        for (k, value) in values.enumerated() { try writer.write(try jsonLine(Line(toy: k, value: value))) }
        try writer.commit()
        guard let h = FileHandle(forWritingAtPath: path) else { throw InputError(file: path, "cannot open for appending") }
        try h.seekToEnd()
        return ToyValuesFile(path: path, header: header, values: values, dropped: dropped, handle: h)
    }

    /// Appends the next toys' values (nil: failed) and syncs them to disk.
    public func append(_ block: [Double?]) throws {
        guard let handle else { throw FitError("internal: toys appended after the file was closed") }
        var bytes: [UInt8] = []
        for (i, value) in block.enumerated() { bytes += try Self.jsonLine(Line(toy: next + i, value: value)) }
        do {
            try handle.write(contentsOf: Data(bytes))
            try handle.synchronize()
        } catch {
            throw InputError(file: path, "cannot append toys: \(OSErrorText.describe(error)); the toys already in the file are kept")
        }
        values += block
    }

    public func close() {
        try? handle?.close()
        handle = nil
    }

    /// One JSON line (sorted keys, with the newline).
    private static func jsonLine(_ value: some Encodable) throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return Array(try enc.encode(value)) + [0x0A]
    }
}
