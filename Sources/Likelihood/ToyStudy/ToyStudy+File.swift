import Formats
import Foundation

extension ToyStudy {
    /// What ``write(to:force:version:commit:provenance:run:allowOtherBuild:threads:shouldStop:onOpen:progress:)`` did.
    public struct FileRun: Sendable {
        /// The toy indices of the shard.
        public var range: Range<Int>
        /// Toys kept from an existing file, and lines of it dropped (cut off, repeated, out of order).
        public var kept: Int
        public var dropped: Int
        /// Toys this run wrote.
        public var written: Int
    }

    /// Runs this study's shard into a toys file (format 3, or 4 with critical values) on the toy engine, one writer at a
    /// time (an output lock): an existing file of the same study is resumed from its first
    /// missing toy; `shouldStop` (e.g. Ctrl-C) ends the run after a block and keeps every toy
    /// written. `version`/`commit` name this build; `provenance` says where the toys come from
    /// (a sharded study's without its shard options, ``ToysProvenance``); `run` is recorded in a
    /// shard's header (nil for a whole study, so that it equals a merge byte for byte). `onOpen` is called once the
    /// file is open (with the run's range, kept and dropped counts), `progress` with the toys
    /// written so far.
    public func write(to path: String, force: Bool, version: String, commit: String, provenance: ToysProvenance? = nil, run: ToyRun?,
                      allowOtherBuild: Bool = false,
                      threads: Int, shouldStop: () -> Bool = { false }, onOpen: (FileRun) -> Void = { _ in },
                      progress: (Int) -> Void = { _ in }) throws -> FileRun {
        // one writer per toys file; a folder, FIFO or device is refused; an existing file is resumed
        let (_, lock) = try OutputFile.lock(path, force: force, mayExist: true)
        defer { lock.release() }
        let h = header.stamped(version: version, commit: commit, provenance: provenance)
        // another build's file throws ToyFileBuildMismatch (the front end says how to allow it)
        let file = try ToyFileAppender.open(path: path, header: h, force: force, run: h.nshards > 1 ? run : nil,
                                            allowOtherBuild: allowOtherBuild)
        defer { file.close() }
        var result = FileRun(range: h.range, kept: file.kept, dropped: file.dropped, written: 0)
        onOpen(result)
        try self.run(file.next..<h.range.upperBound, threads: threads, blockSize: 4096, shouldStop: shouldStop) { block in
            try file.append(block)
            result.written += block.count
            progress(result.written)
        }
        try file.finish(endedUTC: ToyRun.utc())
        return result
    }
}
