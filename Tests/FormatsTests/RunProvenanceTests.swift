import Foundation
import Testing
@testable import Formats
import TestSupport

/// The provenance every JSON result carries: SHA-256 digests that agree with the system's
/// `sha256sum` (GNU coreutils, an independent implementation), a command line that a shell
/// reads back word for word, and one document with the result's keys and the provenance keys.
@Suite("Run provenance and the one result encoder")
struct RunProvenanceTests {
    @Test("SHA-256 equals sha256sum at every padding boundary and for a file of several blocks of reads",
          arguments: [0, 1, 3, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 200_000])
    func digestMatchesSystemTool(length: Int) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-sha-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var g = SystemRandomNumberGenerator()
        let bytes = Data((0..<length).map { _ in UInt8.random(in: 0...255, using: &g) })
        let file = dir.appendingPathComponent("data.bin")
        try bytes.write(to: file)
        let ours = try SHA256.hex(file: file.path)
        #expect(ours == SHA256.hex(bytes))
        #expect(ours.count == 64 && ours.allSatisfy { "0123456789abcdef".contains($0) })
        let reference = try #require(try SHA256Sum.of(file), "sha256sum (coreutils) is needed for this test")
        #expect(ours == reference)
    }

    @Test("a folder is refused with a line naming it, not read")
    func folderRefused() throws {
        #expect(throws: InputError.self) { try SHA256.hex(file: FileManager.default.temporaryDirectory.path) }
    }

    @Test("the command line quotes only the words a shell would split or expand, and reads back word for word")
    func commandLineQuoting() throws {
        let words = ["fit", "--set", "lz_ws2024.resolution.a=0.35", "--window", "a b=1:2", "it's", "", "$HOME"]
        let line = RunProvenance.commandLine(name: "nmmfit", arguments: words)
        #expect(line.hasPrefix("nmmfit fit --set lz_ws2024.resolution.a=0.35 --window 'a b=1:2' "))
        // /bin/sh splits it back into the same words
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "for w in \(line.dropFirst("nmmfit ".count)); do printf '%s\\0' \"$w\"; done"]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let back = out.split(separator: 0, omittingEmptySubsequences: false).dropLast().map { String(decoding: $0, as: UTF8.self) }
        #expect(back == words)
    }

    @Test("a sharded study's command line leaves out the dropped options with their values, in both spellings, and nothing after --")
    func commandLineDropping() {
        let words = ["toys", "-n", "40", "--shard", "3", "--nshards=4", "-o", "s 3.jsonl", "--seed", "5", "--output=x", "--", "--shard", "9"]
        let line = RunProvenance.commandLine(name: "nmmfit", arguments: words, dropping: ["--shard", "--nshards", "-o", "--output"])
        #expect(line == "nmmfit toys -n 40 --seed 5 -- --shard 9")
        // an option that only starts like a dropped one is kept
        #expect(RunProvenance.commandLine(name: "nmmfit", arguments: ["--shards-note", "1"], dropping: ["--shard"]) == "nmmfit --shards-note 1")
        #expect(RunProvenance.commandLine(name: "nmmfit", arguments: words, dropping: []) == RunProvenance.commandLine(name: "nmmfit", arguments: words))
        // flags go alone, without the next word
        #expect(RunProvenance.commandLine(name: "nmmfit", arguments: ["toys", "-q", "-n", "5", "--threads", "2"], dropping: ["--threads"],
                                          droppingFlags: ["-q"]) == "nmmfit toys -n 5")
    }

    struct Sample: Encodable {
        var value: Double
        var nmmfitOutput = 1
        enum CodingKeys: String, CodingKey { case value, nmmfitOutput = "nmmfit_output" }
    }

    @Test("a document has the result's keys, the current output version and the provenance keys; NaN is an error naming its key")
    func document() throws {
        var p = RunProvenance(toolVersion: "9.9", commit: "abc", command: "nmmfit x", seed: 7, specOverrides: ["a.b=1"])
        p.dataDigests["f.csv"] = String(repeating: "0", count: 64)
        let data = try ResultEncoder.encode(ResultDocument(Sample(value: 1.5), provenance: p))
        let o = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(o.keys) == ["value", "nmmfit_output", "tool_version", "commit", "command", "data_digests", "seed", "spec_overrides"])
        #expect(o["nmmfit_output"] as? Int == OutputVersion.current && o["seed"] as? Int == 7)
        #expect((o["data_digests"] as? [String: String])?["f.csv"]?.count == 64)
        // keys without a value are left out, not written as null
        let bare = try ResultEncoder.encode(ResultDocument(Sample(value: 1), provenance: RunProvenance(toolVersion: "1", commit: "c", command: "n")))
        let b = try #require(try JSONSerialization.jsonObject(with: bare) as? [String: Any])
        #expect(b["seed"] == nil && b["spec_overrides"] == nil && b["digitised_datasets"] == nil && (b["data_digests"] as? [String: String])?.isEmpty == true)
        #expect(throws: NumericalResultError.self) { try ResultEncoder.encode(ResultDocument(Sample(value: .nan), provenance: p)) }
    }
}
