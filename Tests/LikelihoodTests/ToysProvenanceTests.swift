import Foundation
import Testing
@testable import Formats
@testable import Likelihood

/// Where a toys file's toys came from (``ToysProvenance``): written in every header, kept by a
/// resumed file, merged from the shards, and never part of the study's identity.
@Suite("Toys files: provenance in the header")
struct ToysProvenanceTests {
    static let hexA = String(repeating: "a", count: 64), hexB = String(repeating: "b", count: 64)

    static func provenance(_ command: String, digest: String = hexA, overrides: [String]? = nil) -> ToysProvenance {
        ToysProvenance(command: command, dataDigests: ["d/dataset.json": digest], specOverrides: overrides)
    }

    /// A shard file of `s` (toys `range`) with this header's provenance.
    static func shard(_ s: ToyStudy, _ p: ToysProvenance?, to path: String) throws {
        var h = s.header
        h.provenance = p
        try ToyFileTests.write(try ToyFileTests.fileBytes(s, s.header.range, header: h), path)
    }

    @Test("the header writes provenance under its own key and reads it back; the identity leaves it out")
    func roundTrip() throws {
        var h = try ToyFileTests.study(total: 10).header
        h.provenance = Self.provenance("nmmfit toys -n 10", overrides: ["x.exposure_tonne_year=1"])
        let line = try h.jsonLine()
        let o = try #require(try JSONSerialization.jsonObject(with: Data(line)) as? [String: Any])
        let p = try #require(o["provenance"] as? [String: Any])
        #expect(p["command"] as? String == "nmmfit toys -n 10")
        #expect(p["data_digests"] as? [String: String] == ["d/dataset.json": Self.hexA])
        #expect(p["spec_overrides"] as? [String] == ["x.exposure_tonne_year=1"])
        // slashes of paths are written as they are
        #expect(String(decoding: line, as: UTF8.self).contains("\"d/dataset.json\""))
        #expect(ToyFileHeader.decode(Array(line.dropLast())) == h)
        var other = h
        other.provenance = Self.provenance("nmmfit toys -n 10 --threads 1", digest: Self.hexB)
        #expect(other.identity == h.identity && other != h)
        // a header of an older build (no provenance) is still read
        var old = h
        old.provenance = nil
        #expect(ToyFileHeader.decode(Array(try old.jsonLine().dropLast()))?.provenance == nil)
        // a provenance no build writes (a digest that is not 64 lowercase hex digits, an empty
        // command) makes the line no header, so it is not merged into a study's record
        for bad in [ToysProvenance(command: "nmmfit toys", dataDigests: ["d/dataset.json": "zz"]),
                    ToysProvenance(command: "nmmfit toys", dataDigests: ["d/dataset.json": Self.hexA.uppercased()]),
                    ToysProvenance(command: "", dataDigests: [:])] {
            var b = h
            b.provenance = bad
            let line = Array(try b.jsonLine().dropLast())
            #expect(!bad.isValid && ToyFileHeader.decode(line) == nil, "\(bad)")
        }
    }

    @Test("merge: the shards' provenance, one command when they agree; different command lines joined; a data file read with two contents refused")
    func merge() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s0 = try ToyFileTests.study(total: 30, shard: 0, nshards: 2), s1 = try ToyFileTests.study(total: 30, shard: 1, nshards: 2)
        let whole = try ToyFileTests.study(total: 30)
        let p = Self.provenance("nmmfit toys -n 30 --seed 21")
        try Self.shard(s0, p, to: "\(dir)/a.jsonl")
        try Self.shard(s1, p, to: "\(dir)/b.jsonl")
        // given in any order, the merge equals a single run with that provenance byte for byte
        let merged = try ToyFileMerge.merge(inputs: ["\(dir)/b.jsonl", "\(dir)/a.jsonl"], to: "\(dir)/m.jsonl", force: false, allowIncomplete: false)
        #expect(merged.header.provenance == p)
        var single = whole.header
        single.provenance = p
        #expect(try Data(contentsOf: URL(fileURLWithPath: "\(dir)/m.jsonl")) == Data(try ToyFileTests.fileBytes(whole, 0..<30, header: single)))

        // another command line for shard 1 (e.g. --threads): both kept, in shard order
        let q = Self.provenance("nmmfit toys -n 30 --seed 21 --threads 1")
        try Self.shard(s1, q, to: "\(dir)/b2.jsonl")
        let two = try ToyFileMerge.merge(inputs: ["\(dir)/b2.jsonl", "\(dir)/a.jsonl"], to: "\(dir)/m2.jsonl", force: false, allowIncomplete: false)
        #expect(two.header.provenance?.command == p.command + ToysProvenance.commandSeparator + q.command)
        #expect(two.header.provenance?.dataDigests == p.dataDigests)

        // the same data file with other contents: not one study's record, nothing written
        try Self.shard(s1, Self.provenance(p.command, digest: Self.hexB), to: "\(dir)/b3.jsonl")
        let e = #expect(throws: InputError.self) {
            try ToyFileMerge.merge(inputs: ["\(dir)/a.jsonl", "\(dir)/b3.jsonl"], to: "\(dir)/m3.jsonl", force: false, allowIncomplete: false)
        }
        #expect(e?.description.contains("b3.jsonl") == true && e?.description.contains("d/dataset.json") == true)
        #expect(!FileManager.default.fileExists(atPath: "\(dir)/m3.jsonl"))

        // a shard of an older build (no provenance) merges; the merge has the other shard's
        try Self.shard(s1, nil, to: "\(dir)/b4.jsonl")
        let mixed = try ToyFileMerge.merge(inputs: ["\(dir)/a.jsonl", "\(dir)/b4.jsonl"], to: "\(dir)/m4.jsonl", force: false, allowIncomplete: false)
        #expect(mixed.header.provenance == p)
    }

    @Test("a resumed toys file keeps the provenance of the run that started it")
    func resumeKeepsProvenance() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try ToyFileTests.study(total: 20)
        let path = "\(dir)/t.jsonl"
        let first = Self.provenance("nmmfit toys -n 20 -o t.jsonl")
        var h = s.header
        h.provenance = first
        // the first 8 toys, then a resume by another command line of the same study
        try ToyFileTests.write(try ToyFileTests.fileBytes(s, 0..<8, header: h), path)
        h.provenance = Self.provenance("nmmfit toys -n 20 -o t.jsonl --threads 2")
        let f = try ToyFileAppender.open(path: path, header: h, force: false)
        #expect(f.kept == 8 && f.header.provenance == first)
        f.close()
        #expect(try ToyFileReader(path: path).header().provenance == first)
        // a new file (or --force) takes this run's
        let g = try ToyFileAppender.open(path: path, header: h, force: true)
        #expect(g.header.provenance == h.provenance)
        g.close()
    }

    @Test("a resumed sensitivity toys file keeps its provenance; another provenance is the same study")
    func valuesFileKeepsProvenance() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let path = "\(dir)/s.jsonl"
        let first = Self.provenance("nmmfit sensitivity --toys 5 --save-toys s.jsonl")
        let h = SensitivityToysHeader(seed: 3, totalToys: 5, cl: 0.9, intervalMethod: "wilks", modelDigest: "abc", provenance: first)
        let f = try SensitivityToysFile.open(path: path, header: h, force: false)
        try f.append([1e-11, nil])
        f.close()
        var again = h
        again.provenance = Self.provenance("nmmfit sensitivity --toys 5 --save-toys s.jsonl -q")
        let g = try SensitivityToysFile.open(path: path, header: again, force: false)
        #expect(g.kept == 2 && g.header.provenance == first)
        g.close()
        let line = try #require(try ToyFileReader(path: path).next())
        #expect(try JSONDecoder().decode(SensitivityToysHeader.self, from: Data(line.bytes)).provenance == first)
        // a file whose provenance no build writes is not resumed, and is left as it is
        var bad = h
        bad.provenance = ToysProvenance(command: "x", dataDigests: ["f": "not hex"])
        let other = "\(dir)/bad.jsonl"
        try SensitivityToysFile.open(path: other, header: bad, force: false).close()
        let before = try Data(contentsOf: URL(fileURLWithPath: other))
        #expect(throws: InputError.self) { try SensitivityToysFile.open(path: other, header: h, force: false) }
        #expect(try Data(contentsOf: URL(fileURLWithPath: other)) == before)
    }
}
