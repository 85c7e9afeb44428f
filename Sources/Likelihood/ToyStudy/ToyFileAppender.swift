import Formats
import Foundation

/// An append-only toys file for one shard: header, then the shard's toys in index order.
///
/// Opening an existing file of the same study resumes it in a stream (memory independent of
/// its length): the header is checked, the complete in-order run of toys from the shard's first
/// index is kept, and every other line — a torn last line, a duplicate, a toy outside the shard
/// or out of order — is dropped (and counted), so the file stays exactly the shard's first
/// toys and appending the rest gives the single-run bytes. A complete line that is not a toy
/// record is an error naming the line. A file whose toys another build wrote is extended only
/// when `allowOtherBuild` is set (its header then names both builds).
///
/// A shard file (nshards > 1) records each run in its header (``ToyRun``): opening adds the run
/// (attempt = runs so far + 1, first toy = where it resumes), ``finish(endedUTC:)`` stamps its end.
public final class ToyFileAppender {
    public let path: String
    /// The next toy index to run (the shard is done when it equals the range's upper bound).
    public private(set) var next: Int
    /// Toys kept from an existing file.
    public let kept: Int
    /// Lines of an existing file that were dropped.
    public let dropped: Int
    /// The header as written (with this run, if any).
    public let header: ToyFileHeader
    private var handle: FileHandle?

    private init(path: String, next: Int, kept: Int, dropped: Int, header: ToyFileHeader, handle: FileHandle) {
        self.path = path
        self.next = next
        self.kept = kept
        self.dropped = dropped
        self.header = header
        self.handle = handle
    }

    /// - Parameters:
    ///   - header: the study's header with this build's `nmmfitVersion`/`nmmfitCommit` and this run's
    ///     `provenance` (kept only when the file is new: a resumed file keeps its own); its `runs` are ignored.
    ///   - run: this run (its attempt and first toy are filled in here); nil writes no runs.
    public static func open(path: String, header: ToyFileHeader, force: Bool, run: ToyRun? = nil,
                            allowOtherBuild: Bool = false) throws -> ToyFileAppender {
        let range = header.range
        var written = header
        written.runs = nil
        var next = range.lowerBound, kept = 0, dropped = 0
        var st = stat()
        let resume = !force && lstat(path, &st) == 0
        if resume {
            // pass 1: check the header and find the toys to keep, writing nothing
            let reader = try ToyFileReader(path: path)
            let existing = try existingHeader(reader, path: path, expected: header)
            if !existing.writtenBy(version: header.nmmfitVersion, commit: header.nmmfitCommit) && !allowOtherBuild {
                throw ToyFileBuildMismatch(path: path, message: "its toys were written by nmmfit \(existing.build), this is nmmfit \(header.build): extending it would mix two builds in one shard", merging: false)
            }
            (next, kept, dropped) = try scan(reader, header: header, path: path, copyTo: nil)
            written.nmmfitVersion = ToyFileHeader.joined([existing.nmmfitVersion, header.nmmfitVersion])
            written.nmmfitCommit = ToyFileHeader.joined([existing.nmmfitCommit, header.nmmfitCommit])
            written.runs = existing.runs
            // the file keeps the provenance of the run that started it
            written.provenance = existing.provenance ?? header.provenance
        }
        if var run {
            run.attempt = (written.runs?.count ?? 0) + 1
            run.firstToy = next
            written.runs = (written.runs ?? []) + [run]
        }
        // pass 2: the new header and the kept toys, atomically replacing the file
        let writer = try ToyFileWriter(path: path, force: true)
        try writer.write(try written.jsonLine())
        if resume && kept > 0 {
            let reader = try ToyFileReader(path: path)
            _ = try reader.next()
            _ = try scan(reader, header: header, path: path, copyTo: writer)
        }
        try writer.commit()
        guard let h = FileHandle(forWritingAtPath: path) else { throw InputError(file: path, "cannot open for appending") }
        try h.seekToEnd()
        return ToyFileAppender(path: path, next: next, kept: kept, dropped: dropped, header: written, handle: h)
    }

    /// The existing file's header, checked to be a toys file of the same study and shard.
    private static func existingHeader(_ reader: ToyFileReader, path: String, expected: ToyFileHeader) throws -> ToyFileHeader {
        let first = try reader.next()
        if let first, first.complete, let v = ToyFileHeader.otherFormat(first.bytes) {
            throw InputError(file: path, line: 1, ToyFileHeader.otherFormatMessage(v), remedy: .orReplaceFile)
        }
        guard let first, first.complete, let existing = ToyFileHeader.decode(first.bytes) else {
            throw InputError(file: path, line: 1, "not an nmmfit toys file (no header)", remedy: .replaceFile)
        }
        guard existing.identity == expected.identity else {
            throw InputError(file: path, line: 1, "the existing file is a different study (seed, μν, shard, model, window or physics options differ)", remedy: .startAfresh)
        }
        return existing
    }

    /// Reads the toy lines after the header: the in-order run from the shard's first toy is kept
    /// (and copied to `copyTo`), everything else counted as dropped.
    private static func scan(_ reader: ToyFileReader, header: ToyFileHeader, path: String, copyTo writer: ToyFileWriter?) throws -> (Int, Int, Int) {
        let range = header.range
        var next = range.lowerBound, kept = 0, dropped = 0
        while let line = try reader.next() {
            guard line.complete else { dropped += 1; break }  // truncated by an interruption
            guard let r = ToyRecord.parse(line: line.bytes) else {
                throw InputError(file: path, line: line.number, "malformed toy line", remedy: .startAfresh)
            }
            guard header.admits(r) else { throw InputError(file: path, line: line.number, header.mismatchMessage(r), remedy: .startAfresh) }
            if r.toy == next && next < range.upperBound {
                try writer?.writeLine(line.bytes)
                next += 1
                kept += 1
            } else {
                dropped += 1
            }
        }
        return (next, kept, dropped)
    }

    /// Appends records (which must be the next toys in order) and syncs them to disk.
    public func append(_ records: [ToyRecord]) throws {
        guard let handle else { throw FitError("internal: toys appended after the file was finished") }
        for (i, r) in records.enumerated() where r.toy != next + i {
            throw FitError("internal: toy \(r.toy) appended where toy \(next + i) was due")
        }
        do {
            try handle.write(contentsOf: Data(try ToyRecord.jsonLines(records)))
            try handle.synchronize()
        } catch let e as EncodingError {
            throw e
        } catch {
            throw InputError(file: path, "cannot append toys: \(OSErrorText.describe(error)); the toys already in the file are kept")
        }
        next += records.count
    }

    /// Ends this run: stamps its end time and the toys it wrote into the header (a shard with
    /// runs; rewrites the file in a stream, atomically), and closes the file.
    public func finish(endedUTC: String) throws {
        close()
        guard var runs = header.runs, !runs.isEmpty else { return }
        runs[runs.count - 1].endedUTC = endedUTC
        runs[runs.count - 1].toysWritten = next - runs[runs.count - 1].firstToy
        var h = header
        h.runs = runs
        let reader = try ToyFileReader(path: path)
        _ = try reader.next()
        let writer = try ToyFileWriter(path: path, force: true)
        try writer.write(try h.jsonLine())
        while let line = try reader.next() {
            if line.complete { try writer.writeLine(line.bytes) } else { try writer.write(line.bytes) }
        }
        try writer.commit()
    }

    public func close() {
        try? handle?.close()
        handle = nil
    }
}
