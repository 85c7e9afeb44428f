import Formats
import Foundation

extension ToyStudySample {
    /// The whole-study toys files named by `arguments`: a file is taken as given; a folder
    /// contributes every `*.jsonl` in it whose header is a whole study (shard 0 of 1: merged
    /// files and single runs; shard files are skipped), in name order.
    public static func paths(_ arguments: [String]) throws -> [String] {
        var out: [String] = []
        for a in arguments {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: a, isDirectory: &isDir) else { throw InputError(file: a, "no such file or folder") }
            guard isDir.boolValue else { out.append(a); continue }
            let names = try FileManager.default.contentsOfDirectory(atPath: a).filter { $0.hasSuffix(".jsonl") && !$0.hasPrefix(".") }.sorted()
            let whole = try names.map { (a as NSString).appendingPathComponent($0) }.filter { path in
                guard let reader = try? ToyFileReader(path: path), let first = try? reader.next(), first.complete else { return false }
                // a toys file of another format is an error, not silently skipped
                if let v = ToyFileHeader.otherFormat(first.bytes) { throw InputError(file: path, line: 1, ToyFileHeader.otherFormatMessage(v)) }
                return ToyFileHeader.decode(first.bytes)?.nshards == 1
            }
            guard !whole.isEmpty else {
                throw InputError(file: a, "holds no merged toys file (a *.jsonl whose header is a whole study); merge the shards first (nmmfit merge, or the batch study's merge job)")
            }
            out += whole
        }
        return out
    }

    /// Loads the whole studies named by `arguments` (see ``paths(_:)``).
    public static func load(_ arguments: [String]) throws -> [ToyStudySample] {
        try paths(arguments).map { try load(path: $0) }
    }
}
