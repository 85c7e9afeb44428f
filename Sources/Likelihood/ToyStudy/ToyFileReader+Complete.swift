import Foundation

extension ToyFileReader {
    /// Whether the file at `path` holds exactly the toys of `header`'s shard, complete and in
    /// order, under that very header (same study and shard). Reads in a stream; any problem
    /// (missing file, other study, a torn or malformed line) means "not complete".
    public static func isComplete(path: String, header: ToyFileHeader) -> Bool {
        guard let reader = try? ToyFileReader(path: path), let h = try? reader.header(), h == header else { return false }
        var next = header.range.lowerBound
        while let line = try? reader.next() {
            guard line.complete, let r = ToyRecord.parse(line: line.bytes), r.toy == next else { return false }
            next += 1
        }
        return next == header.range.upperBound
    }
}
