import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Likelihood

/// Toys files (issue 15, and issue 17 item 3/6): the line parser, the streaming merge and resume,
/// and their checks.
@Suite("Toys files: parser, streaming merge and resume")
struct ToyFileTests {
    static func tempDir() throws -> String {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-toyfile-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: d, withIntermediateDirectories: true)
        return d
    }

    /// A cheap counting model so that the tests run real toys quickly.
    static let model = try! TestModels.counting(n: 12, b: 8, c: 3)

    static func study(total: Int, shard: Int = 0, nshards: Int = 1) throws -> ToyStudy {
        try ToyStudy(profile: try ProfileLikelihood(model: model), muNu: 1e-11, statistic: "t", seed: 21, totalToys: total,
                     shard: shard, nshards: nshards)
    }

    /// The bytes of a file with `header` and the given toys of its study.
    static func fileBytes(_ s: ToyStudy, _ range: Range<Int>, header: ToyFileHeader? = nil) throws -> [UInt8] {
        var out = try (header ?? s.header).jsonLine()
        try s.runner.run(range, threads: 1) { out += try ToyRecord.jsonLines($0) }
        return out
    }

    static func write(_ bytes: [UInt8], _ path: String) throws { try Data(bytes).write(to: URL(fileURLWithPath: path)) }

    @Test("the fast line parser agrees with JSONDecoder on written records and rejects bad lines")
    func lineParser() throws {
        let s = try Self.study(total: 40)
        var records: [ToyRecord] = []
        s.runner.run(0..<40, threads: 1) { records += $0 }
        records.append(ToyRecord(toy: 7, muNuHat: -1, sHat: -1, sHatError: 0, statistic: -1, nllFree: 0, nllConstrained: 0,
                                 converged: false, failed: true))
        for r in records {
            let line = Array(try ToyRecord.jsonLines([r]).dropLast())
            #expect(FlatRecordScanner.scan(line) == r)
            #expect(ToyRecord.parse(line: line) == r)
            #expect(try JSONDecoder().decode(ToyRecord.self, from: Data(line)) == r)
        }
        // other spellings of the same record go through JSONDecoder
        let spaced = Array(#"{ "toy": 3, "statistic": 1.5, "s_hat": 0.5, "s_hat_error": 0.1, "mu_nu_hat_muB": 7e-12, "nll_free": 1, "nll_constrained": 2, "converged": true, "failed": false }"#.utf8)
        #expect(ToyRecord.parse(line: spaced)?.toy == 3)
        let good = String(decoding: try ToyRecord.jsonLines([records[0]]).dropLast(), as: UTF8.self)
        let bad = [
            good.replacingOccurrences(of: "\"toy\":0", with: "\"toy\":-4"),        // negative index
            good.replacingOccurrences(of: "\"converged\":true,", with: ""),        // missing key
            good.replacingOccurrences(of: "}", with: "} x"),                     // trailing junk
            good.replacingOccurrences(of: "\"toy\":0", with: "\"toy\":99999999999999999999999"),
            good.replacingOccurrences(of: "\"statistic\":", with: "\"statistic\":1e999,\"x\":"),
            String(good.dropLast()),
            "", "{}", "[1,2]", "{\"toy\":1}",
        ]
        for b in bad { #expect(ToyRecord.parse(line: Array(b.utf8)) == nil, "accepted: \(b)") }
    }

    @Test("merge streams shards in any argument order into exactly the single-run bytes")
    func mergeEqualsSingleRun() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let whole = try Self.study(total: 50)
        var paths: [String] = []
        for i in [2, 0, 3, 1] {
            let s = try Self.study(total: 50, shard: i, nshards: 4)
            let p = "\(dir)/s\(i).jsonl"
            try Self.write(try Self.fileBytes(s, s.header.range), p)
            paths.append(p)
        }
        let summary = try ToyFileMerge.merge(inputs: paths, to: "\(dir)/all.jsonl", force: false, allowIncomplete: false)
        #expect(summary.toys == 50 && summary.missing == 0)
        let merged = try Data(contentsOf: URL(fileURLWithPath: "\(dir)/all.jsonl"))
        #expect(Array(merged) == (try Self.fileBytes(whole, 0..<50)))
        // the merged file is a complete whole study
        let sample = try ToyStudySample.load(path: "\(dir)/all.jsonl")
        #expect(sample.statistics.count + sample.failed == 50)
        try ToyStudy.check(sample, against: try ProfileLikelihood(model: Self.model))
    }

    @Test("merge refuses duplicates, foreign toys, other studies, torn lines and gaps, and writes nothing then")
    func mergeChecks() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s0 = try Self.study(total: 20, shard: 0, nshards: 2), s1 = try Self.study(total: 20, shard: 1, nshards: 2)
        let a = "\(dir)/a.jsonl", b = "\(dir)/b.jsonl", out = "\(dir)/out.jsonl"
        try Self.write(try Self.fileBytes(s0, 0..<10), a)
        func expectFailure(_ inputs: [String], _ fragment: String, allowIncomplete: Bool = false) {
            do {
                _ = try ToyFileMerge.merge(inputs: inputs, to: out, force: true, allowIncomplete: allowIncomplete)
                Issue.record("merge accepted: \(fragment)")
            } catch {
                #expect("\(error)".contains(fragment), "\(error)")
            }
            #expect(!FileManager.default.fileExists(atPath: out))
            #expect(try! FileManager.default.contentsOfDirectory(atPath: dir).allSatisfy { !$0.hasPrefix(".") }, "temporary file left")
        }
        expectFailure([a, a], "appears twice")
        expectFailure([a], "10 of 20 toys are missing (first: 10, 11, 12, 13, 14)")
        // shard 1's header with a toy of shard 0
        try Self.write(try Self.fileBytes(s0, 5..<6, header: s1.header), b)
        expectFailure([a, b], "outside shard 1/2")
        // another study (other seed)
        var other = s1.header
        other.seed = 99
        try Self.write(try Self.fileBytes(s1, 10..<20, header: other), b)
        expectFailure([a, b], "different study")
        // a torn last line
        var torn = try Self.fileBytes(s1, 10..<20)
        torn.removeLast(9)
        try Self.write(torn, b)
        expectFailure([a, b], "cut off")
        // out of order inside a file
        var swapped = try s1.header.jsonLine()
        try s1.runner.run(10..<20, threads: 1) { swapped += try ToyRecord.jsonLines(Array($0.reversed())) }
        try Self.write(swapped, b)
        expectFailure([a, b], "out of order")
        // --allow-incomplete writes the toys there are
        let summary = try ToyFileMerge.merge(inputs: [a], to: out, force: true, allowIncomplete: true)
        #expect(summary.toys == 10 && summary.missing == 10 && summary.firstMissing == [10, 11, 12, 13, 14])
    }

    @Test("resume keeps the in-order toys of the shard, drops the rest, and completes to the single-run bytes")
    func resume() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let s = try Self.study(total: 30, shard: 1, nshards: 3)  // toys 10…19
        let path = "\(dir)/t.jsonl"
        var bytes = try Self.fileBytes(s, 10..<14)
        bytes += try Self.fileBytes(s, 13..<14).drop { $0 != 0x0A }.dropFirst()   // a duplicate of toy 13
        bytes += try Self.fileBytes(s, 25..<26).drop { $0 != 0x0A }.dropFirst()   // a toy of shard 2
        bytes += try Self.fileBytes(s, 14..<15).drop { $0 != 0x0A }.dropFirst().dropLast(5)  // torn
        try Self.write(bytes, path)
        let f = try ToyFileAppender.open(path: path, header: s.header, force: false)
        #expect(f.kept == 4 && f.dropped == 3 && f.next == 14)
        try s.runner.run(f.next..<20, threads: 1) { try f.append($0) }
        f.close()
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: path))) == (try Self.fileBytes(s, 10..<20)))
        #expect(ToyFileReader.isComplete(path: path, header: s.header))
        // a malformed complete line is an error naming it; another study is refused
        try Self.write(try Self.fileBytes(s, 10..<12) + Array("junk\n".utf8), path)
        #expect(throws: InputError.self) { try ToyFileAppender.open(path: path, header: s.header, force: false) }
        var other = s.header
        other.seed = 2
        #expect(throws: InputError.self) { try ToyFileAppender.open(path: path, header: other, force: false) }
    }

    @Test("the reader bounds line length and reads CRLF")
    func reader() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let p = "\(dir)/x"
        try Self.write(Array("a\r\nb\n".utf8) + [UInt8](repeating: 0x41, count: ToyFileReader.maxLineBytes + 10), p)
        let r = try ToyFileReader(path: p)
        #expect(try r.next()?.bytes == Array("a".utf8))
        #expect(try r.next()?.bytes == Array("b".utf8))
        #expect(throws: InputError.self) { _ = try r.next() }
    }
}
