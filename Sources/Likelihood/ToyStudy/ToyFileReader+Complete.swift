import Foundation

extension ToyFileReader {
    /// Whether the file at `path` holds exactly the toys of `header`'s shard, complete and in
    /// order, under the same study and shard (any build: ``header(path:)`` tells which).
    /// Reads in a stream; any problem (missing file, other study, a torn or malformed line)
    /// means "not complete".
    public static func isComplete(path: String, header: ToyFileHeader) -> Bool {
        guard let reader = try? ToyFileReader(path: path), let h = try? reader.header(), h.identity == header.identity else { return false }
        var next = header.range.lowerBound
        while let line = try? reader.next() {
            guard line.complete, let r = ToyRecord.parse(line: line.bytes), header.admits(r), r.toy == next else { return false }
            next += 1
        }
        return next == header.range.upperBound
    }
}

extension ToyFileReader {
    /// The header of the toys file at `path`, or nil when there is none to read.
    public static func header(path: String) -> ToyFileHeader? {
        try? ToyFileReader(path: path).header()
    }
}
