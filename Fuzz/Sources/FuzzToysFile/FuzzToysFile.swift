import Foundation
import FuzzDriver
import Likelihood

/// Toys files: the header and record parsers on every line, and the streaming reader and the
/// whole-study loader on the input written as a file. Differential check: a line the parser
/// accepts must decode to the same record with JSONDecoder when it is valid JSON for it.
@main
struct FuzzEntry {
    static func main() {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("fuzz-toys-\(getpid()).jsonl").path
        runFuzzer { bytes in
            let data = Array(bytes)
            for (k, line) in data.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
                let l = Array(line)
                if k == 0 { _ = ToyFileHeader.decode(l) }
                if let r = ToyRecord.parse(line: l), let j = try? JSONDecoder().decode(ToyRecord.self, from: Data(l)), j != r {
                    fatalError("the fast toy-line parser and JSONDecoder disagree on \(String(decoding: l, as: UTF8.self))")
                }
            }
            guard FileManager.default.createFile(atPath: path, contents: Data(data)) else { return }
            if let reader = try? ToyFileReader(path: path) {
                while let line = try? reader.next() { _ = ToyRecord.parse(line: line.bytes) }
            }
            _ = try? ToyStudySample.load(path: path)
        }
    }
}
