import ArgumentParser
import Foundation
import Likelihood
import Recoil

struct Merge: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Merge toy shards into one file (checks that they are one study, complete and without duplicates).")

    @Argument(help: "Shard files written by `nmmfit toys --shard i --nshards N`.")
    var inputs: [String]

    @Option(name: .shortAndLong, help: "Merged output file.")
    var output: String

    @Flag(help: "Overwrite an existing output.")
    var force = false

    @Flag(help: "Allow missing toys (an incomplete study); they are listed on stderr.")
    var allowIncomplete = false

    func validate() throws {
        guard !inputs.isEmpty else { throw ValidationError("give at least one shard file") }
        // a FIFO or device would block or never end; a folder is not a shard (issue #17)
        for p in inputs {
            var st = stat()
            if stat(p, &st) == 0, let kind = TextInput.nonRegularKind(st.st_mode) {
                throw ValidationError("\(p) is \(kind), not a toys file")
            }
        }
    }

    func run() throws {
        try CLIErrors.run {
            var header: ToysHeader?
            var records: [Int: String] = [:]
            let dec = JSONDecoder()
            for path in inputs {
                guard FileManager.default.fileExists(atPath: path) else { throw InputError(file: path, "no such file") }
                guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                    throw InputError(file: path, "cannot read it as a text file")
                }
                let lines = text.split(separator: "\n", omittingEmptySubsequences: true).map(String.init)
                guard let first = lines.first, var h = try? dec.decode(ToysHeader.self, from: Data(first.utf8)) else {
                    throw InputError(file: path, line: 1, "not an nmmfit toys file (no header)")
                }
                h.shard = 0
                h.nshards = 1
                if let hh = header, hh != h { throw InputError(file: path, line: 1, "belongs to a different study than \(inputs[0])") }
                header = h
                for (i, l) in lines.enumerated().dropFirst() {
                    guard let r = try? dec.decode(ToyRecord.self, from: Data(l.utf8)) else {
                        throw InputError(file: path, line: i + 1, "malformed toy line")
                    }
                    if records[r.toy] != nil { throw InputError(file: path, line: i + 1, "toy \(r.toy) appears twice") }
                    guard r.toy >= 0 && r.toy < h.totalToys else {
                        throw InputError(file: path, line: i + 1, "toy index \(r.toy) is outside the study's 0…\(h.totalToys - 1)")
                    }
                    records[r.toy] = l
                }
            }
            let h = header!
            let missing = (0..<h.totalToys).filter { records[$0] == nil }
            if !missing.isEmpty && !allowIncomplete {
                throw InputError("\(missing.count) of \(h.totalToys) toys are missing (first: \(missing.prefix(5).map(String.init).joined(separator: ", "))); run the missing shards or pass --allow-incomplete")
            }
            let enc = JSONEncoder()
            enc.outputFormatting = [.sortedKeys]
            var out = String(decoding: try enc.encode(h), as: UTF8.self) + "\n"
            for k in records.keys.sorted() { out += records[k]! + "\n" }
            try OutputFile.write(out, to: output, force: force)
            FileHandle.standardError.write(Data("merged \(records.count) toys from \(inputs.count) files into \(output)\n".utf8))
        }
    }
}
