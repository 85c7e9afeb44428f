import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Likelihood

/// Feldman–Cousins coverage from toys files: each toy's record carries its own critical value
/// (format 4), so shards written apart, merged and read back give the local run's coverage
/// exactly; files without critical values keep format 3 byte for byte and stay readable.
@Suite("Toys files with Feldman–Cousins critical values: sharded coverage = local coverage")
struct CoverageToyFileTests {
    /// The cheap counting model of the toys-file tests (real fits, fast).
    static var profile: ProfileLikelihood { try! ProfileLikelihood(model: ToyFileTests.model) }
    static let (mu, toys, seed) = (1e-11, 24, UInt64(13))
    static let critical = ToyFileHeader.CriticalValues(cl: 0.9, criticalToys: 40)

    /// A header line's bytes without its newline.
    static func line(_ s: String) -> [UInt8] { Array(s.trimmingCharacters(in: .newlines).utf8) }

    static func run(_ i: Int) -> ToyRun {
        ToyRun(batchAttempt: nil, host: "test", jobID: "job-\(i)", nmmfitVersion: "test", nmmfitCommit: "test", startedUTC: ToyRun.utc())
    }

    /// Writes the study in `nshards` shards (each one run) and merges them; returns the merged path.
    static func shardedFile(_ dir: String, nshards: Int, name: String) throws -> String {
        var paths: [String] = []
        for i in 0..<nshards {
            let study = try Coverage.study(profile: profile, muNu: mu, toys: toys, seed: seed, shard: i, nshards: nshards,
                                           criticalValues: critical)
            let path = "\(dir)/\(name)-\(i).jsonl"
            let r = try study.write(to: path, force: false, version: "test", commit: "test", run: run(i), threads: 2)
            #expect(r.written == r.range.count)
            paths.append(path)
        }
        let merged = "\(dir)/\(name).jsonl"
        _ = try ToyFileMerge.merge(inputs: paths.reversed(), to: merged, force: false, allowIncomplete: false)
        return merged
    }

    @Test("3 shards, merged, read back: the local run's points for every method, on any number of threads")
    func shardedEqualsLocal() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let sample = try ToyStudySample.load(path: try Self.shardedFile(dir, nshards: 3, name: "fc"))
        #expect(sample.header.nmmfitToys == 4 && sample.header.criticalValues == Self.critical)
        #expect(sample.criticalValues?.count == sample.statistics.count && sample.statistics.count + sample.failed == Self.toys)
        for method in IntervalMethod.allCases {
            let local = try Coverage.run(profile: Self.profile, muNu: Self.mu, method: method, toys: Self.toys, criticalToys: 40,
                                         seed: Self.seed, threads: 2)
            let merged = try Coverage.fromToys(sample, profile: Self.profile, cl: 0.9, method: method)
            #expect(local == merged, "\(method)")
            #expect(local.toys == Self.toys && local.covered > 0 && local.covered <= Self.toys)
        }
        // each toy has its own critical value (a constant one would make this the asymptotic
        // count); on this Poisson counting model many coincide, but not all
        let cs = sample.criticalValues ?? []
        #expect(Set(cs).count > 1 && cs.allSatisfy { $0 > 0 }, "\(cs)")
        let one = try Coverage.run(profile: Self.profile, muNu: Self.mu, method: .feldmanCousins, toys: Self.toys, criticalToys: 40,
                                   seed: Self.seed, threads: 1)
        #expect(one == (try Coverage.fromToys(sample, profile: Self.profile, cl: 0.9, method: .feldmanCousins)))
        // 2 shards give the same bytes as 3 (and as one run: the merge equals a single run)
        let two = try Data(contentsOf: URL(fileURLWithPath: try Self.shardedFile(dir, nshards: 2, name: "two")))
        let single = try Coverage.study(profile: Self.profile, muNu: Self.mu, toys: Self.toys, seed: Self.seed, criticalValues: Self.critical)
        _ = try single.write(to: "\(dir)/single.jsonl", force: false, version: "test", commit: "test", run: nil, threads: 1)
        #expect(two == (try Data(contentsOf: URL(fileURLWithPath: "\(dir)/fc.jsonl"))))
        #expect(two == (try Data(contentsOf: URL(fileURLWithPath: "\(dir)/single.jsonl"))))
    }

    @Test("a study without critical values is format 3 as before; another CL or a plain study is refused for Feldman–Cousins")
    func formats() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let plain = try Coverage.study(profile: Self.profile, muNu: Self.mu, toys: 12, seed: Self.seed)
        #expect(plain.header.nmmfitToys == 3 && plain.header.criticalValues == nil)
        let line = String(decoding: try plain.header.jsonLine(), as: UTF8.self)
        #expect(line.contains("\"nmmfit_toys\":3") && !line.contains("feldman_cousins"))
        _ = try plain.write(to: "\(dir)/plain.jsonl", force: false, version: "test", commit: "test", run: nil, threads: 1)
        let text = try String(contentsOfFile: "\(dir)/plain.jsonl", encoding: .utf8)
        #expect(!text.contains("critical_value"))
        let sample = try ToyStudySample.load(path: "\(dir)/plain.jsonl")
        #expect(sample.criticalValues == nil)
        #expect(throws: InputError.self) { try Coverage.fromToys(sample, profile: Self.profile, cl: 0.9, method: .feldmanCousins) }
        // asked without insisting, Feldman–Cousins is skipped for it; asked explicitly, refused
        let read = try Coverage.fromToys([sample], profile: Self.profile, cl: 0.9, methods: [.wilks, .feldmanCousins],
                                         requireFeldmanCousins: false)
        #expect(read.skipped && read.points.map(\.method) == [.wilks])
        #expect(throws: InputError.self) {
            try Coverage.fromToys([sample], profile: Self.profile, cl: 0.9, methods: [.feldmanCousins], requireFeldmanCousins: true)
        }
        // critical values at 90 % do not give 68 % coverage
        let fc = try Coverage.study(profile: Self.profile, muNu: Self.mu, toys: 12, seed: Self.seed, criticalValues: Self.critical)
        _ = try fc.write(to: "\(dir)/fc.jsonl", force: false, version: "test", commit: "test", run: nil, threads: 2)
        let fcSample = try ToyStudySample.load(path: "\(dir)/fc.jsonl")
        #expect(throws: InputError.self) { try Coverage.fromToys(fcSample, profile: Self.profile, cl: 0.68, method: .feldmanCousins) }
        // only a t̃ study at its true μν can carry critical values
        #expect(throws: InputError.self) {
            try ToyStudy(profile: Self.profile, muNu: Self.mu, statistic: .q0, seed: 1, totalToys: 5, criticalValues: Self.critical)
        }
    }

    @Test("headers and records must agree: format 3 with critical values, format 4 without, or a mixed file are refused")
    func headerRecordAgreement() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let fc = try Coverage.study(profile: Self.profile, muNu: Self.mu, toys: 4, seed: Self.seed, criticalValues: Self.critical)
        let plain = try Coverage.study(profile: Self.profile, muNu: Self.mu, toys: 4, seed: Self.seed)
        var fcRecords: [ToyRecord] = [], plainRecords: [ToyRecord] = []
        fc.run(0..<4, threads: 1) { fcRecords += $0 }
        plain.run(0..<4, threads: 1) { plainRecords += $0 }
        // the same toys: the Feldman–Cousins records are the plain ones plus a critical value
        #expect(fcRecords.map { var r = $0; r.criticalValue = nil; return r } == plainRecords)
        #expect(fcRecords.allSatisfy { $0.criticalValue != nil } && plainRecords.allSatisfy { $0.criticalValue == nil })
        // the fast line parser reads critical_value as JSONDecoder does
        for r in fcRecords + plainRecords {
            let line = Array(try ToyRecord.jsonLines([r]).dropLast())
            #expect(FlatRecordScanner.scan(line) == r)
            #expect(try JSONDecoder().decode(ToyRecord.self, from: Data(line)) == r)
        }
        let h4 = String(decoding: try fc.header.jsonLine(), as: UTF8.self)
        #expect(h4.contains("\"nmmfit_toys\":4") && h4.contains("\"feldman_cousins\":{\"cl\":0.9,\"critical_toys\":40}"))
        #expect(ToyFileHeader.decode(Self.line(h4)) == fc.header)
        // a header whose format does not match its keys is no header
        #expect(ToyFileHeader.decode(Self.line(h4.replacingOccurrences(of: "\"nmmfit_toys\":4", with: "\"nmmfit_toys\":3"))) == nil)
        let h3 = String(decoding: try plain.header.jsonLine(), as: UTF8.self)
        #expect(ToyFileHeader.decode(Self.line(h3.replacingOccurrences(of: "\"nmmfit_toys\":3", with: "\"nmmfit_toys\":4"))) == nil)
        // a newer format is refused with a line saying so
        let h5 = Self.line(h4.replacingOccurrences(of: "\"nmmfit_toys\":4", with: "\"nmmfit_toys\":5"))
        #expect(ToyFileHeader.otherFormat(h5) == 5 && ToyFileHeader.otherFormatMessage(5).contains("newer"))
        // records without critical values under a format-4 header (and the reverse) are refused by load and merge
        for (header, records, name) in [(fc.header, plainRecords, "a"), (plain.header, fcRecords, "b")] {
            let path = "\(dir)/\(name).jsonl"
            try Data(try header.jsonLine() + ToyRecord.jsonLines(records)).write(to: URL(fileURLWithPath: path))
            #expect(throws: InputError.self) { try ToyStudySample.load(path: path) }
            #expect(throws: InputError.self) {
                try ToyFileMerge.merge(inputs: [path], to: "\(dir)/m-\(name).jsonl", force: false, allowIncomplete: false)
            }
            #expect(!ToyFileReader.isComplete(path: path, header: header))
        }
    }

    @Test("a format-3 file as earlier builds wrote it is still read")
    func oldFormatThreeRead() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        // the bytes of a format-3 toys file (header and two toys) in the form the previous build wrote
        let v3 = #"{"model":"count","model_digest":"0123456789abcdef","mu_nu_true_muB":1e-11,"nmmfit_commit":"abc","nmmfit_toys":3,"nmmfit_version":"0.1.0","nshards":1,"seed":7,"shard":0,"statistic_name":"t","tested_mu_nu_muB":1e-11,"total_toys":2}"#
            + "\n" + #"{"converged":true,"failed":false,"mu_nu_hat_muB":1.2e-11,"nll_constrained":3.5,"nll_free":3,"s_hat":1.44,"s_hat_error":0.5,"statistic":1,"toy":0}"#
            + "\n" + #"{"converged":false,"failed":true,"mu_nu_hat_muB":-1,"nll_constrained":0,"nll_free":0,"s_hat":-1,"s_hat_error":0,"statistic":-1,"toy":1}"# + "\n"
        let path = "\(dir)/v3.jsonl"
        try Data(v3.utf8).write(to: URL(fileURLWithPath: path))
        let s = try ToyStudySample.load(path: path)
        #expect(s.header.nmmfitToys == 3 && s.statistics == [1] && s.failed == 1 && s.criticalValues == nil)
        // its header round-trips to the same bytes
        #expect(String(decoding: try s.header.jsonLine(), as: UTF8.self) == v3.split(separator: "\n")[0] + "\n")
    }
}
