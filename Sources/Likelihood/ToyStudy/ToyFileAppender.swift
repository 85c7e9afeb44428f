import Formats
import Foundation

/// An append-only toys file for one shard: header, then the shard's toys in index order.
///
/// Opening an existing file of the same study resumes it in a stream (memory independent of
/// its length): the header is checked, the complete in-order run of toys from the shard's first
/// index is kept, and every other line — a torn last line, a duplicate, a toy outside the shard
/// or out of order — is dropped (and counted), so the file stays exactly the shard's first
/// toys and appending the rest gives the single-run bytes. A complete line that is not a toy
/// record is an error naming the line.
public final class ToyFileAppender {
    public let path: String
    /// The next toy index to run (the shard is done when it equals the range's upper bound).
    public private(set) var next: Int
    /// Toys kept from an existing file.
    public let kept: Int
    /// Lines of an existing file that were dropped.
    public let dropped: Int
    private let handle: FileHandle

    private init(path: String, next: Int, kept: Int, dropped: Int, handle: FileHandle) {
        self.path = path
        self.next = next
        self.kept = kept
        self.dropped = dropped
        self.handle = handle
    }

    public static func open(path: String, header: ToyFileHeader, force: Bool) throws -> ToyFileAppender {
        let range = header.range
        var next = range.lowerBound, kept = 0, dropped = 0
        let writer = try ToyFileWriter(path: path, force: true)
        try writer.write(try header.jsonLine())
        var st = stat()
        if !force, lstat(path, &st) == 0 {
            let reader = try ToyFileReader(path: path)
            let first = try reader.next()
            if let first, first.complete, let v = ToyFileHeader.otherFormat(first.bytes) {
                throw InputError(file: path, line: 1, ToyFileHeader.otherFormatMessage(v), remedy: .orReplaceFile)
            }
            guard let first, first.complete, let existing = ToyFileHeader.decode(first.bytes) else {
                throw InputError(file: path, line: 1, "not an nmmfit toys file (no header)", remedy: .replaceFile)
            }
            guard existing == header else {
                throw InputError(file: path, line: 1, "the existing file is a different study (seed, μν, shard, model, window or physics options differ)", remedy: .startAfresh)
            }
            while let line = try reader.next() {
                guard line.complete else { dropped += 1; break }  // truncated by an interruption
                guard let r = ToyRecord.parse(line: line.bytes) else {
                    throw InputError(file: path, line: line.number, "malformed toy line", remedy: .startAfresh)
                }
                if r.toy == next && next < range.upperBound {
                    try writer.writeLine(line.bytes)
                    next += 1
                    kept += 1
                } else {
                    dropped += 1
                }
            }
        }
        try writer.commit()
        guard let h = FileHandle(forWritingAtPath: path) else { throw InputError(file: path, "cannot open for appending") }
        try h.seekToEnd()
        return ToyFileAppender(path: path, next: next, kept: kept, dropped: dropped, handle: h)
    }

    /// Appends records (which must be the next toys in order) and syncs them to disk.
    public func append(_ records: [ToyRecord]) throws {
        for (i, r) in records.enumerated() where r.toy != next + i {
            throw FitError("internal: toy \(r.toy) appended where toy \(next + i) was due")
        }
        do {
            try handle.write(contentsOf: Data(try ToyRecord.jsonLines(records)))
            try handle.synchronize()
        } catch let e as EncodingError {
            throw e
        } catch {
            throw InputError(file: path, "cannot append toys (\(error.localizedDescription))")
        }
        next += records.count
    }

    public func close() { try? handle.close() }
}
