import Foundation
import Testing
@testable import GSL
@testable import Likelihood
@testable import Analysis

/// The one toy engine: seeding, parallel = serial, interrupts keep whole blocks, the registry,
/// the one extremeness rule and the one p → Z rule, and coverage sharded = local.
@Suite("Toy engine: one calculator for every toy-based result")
struct ToyEngineTests {
    @Test("toy k draws from stream k of the seed, whatever the threads and blocks")
    func seeding() {
        let engine = ToyEngine(seed: 42, threads: 2)
        let draws = engine.collect(0..<50, blockSize: 7, worker: { () }, toy: { _, k, rng in (k, rng.uniform()) })
        #expect(draws.map(\.0) == Array(0..<50))
        let serial = ToyEngine(seed: 42, threads: 1).collect(0..<50, worker: { () }, toy: { _, _, rng in rng.uniform() })
        #expect(draws.map(\.1) == serial)
        #expect(serial[7] == RandomSource(seed: 42, stream: 7).uniform())
        #expect(Set(serial).count == 50)
    }

    @Test("shouldStop ends the run between blocks, keeping whole blocks in order")
    func interruptKeepsBlocks() {
        var seen: [Int] = []
        ToyEngine(seed: 1, threads: 2).run(0..<100, blockSize: 10, shouldStop: { seen.count >= 25 }, worker: { () },
                                           toy: { _, k, _ in k }) { seen += $0 }
        #expect(seen == Array(0..<30))
    }

    @Test("the registry names each statistic once; toys files hold q0 and t")
    func registry() {
        #expect(TestStatisticName(toyFile: "q0") == .q0)
        #expect(TestStatisticName(toyFile: "t") == .tTilde)
        #expect(TestStatisticName(toyFile: "nested_lr") == nil)
        #expect(ToyStatistic.q0.name == .q0 && ToyStatistic.tTilde(s: 2).name == .tTilde)
        #expect(ToyStatistic.tTilde(s: 2).testedInternal == 2)
        // q0 is 0 for ŝ ≤ 0 (CCGV Eq. 12), t̃ clamps at 0, the nested ratio keeps its sign
        #expect(TestStatisticName.q0.value(restricted: 5, free: 3, sHat: -1) == 0)
        #expect(TestStatisticName.q0.value(restricted: 5, free: 3, sHat: 1) == 4)
        #expect(TestStatisticName.tTilde.value(restricted: 3, free: 3.5, sHat: 1) == 0)
        #expect(TestStatisticName.nestedRatio.value(restricted: 3, free: 3.5, sHat: 1) == -1)
    }

    @Test("one extremeness rule: a toy within 1e-9 below the observed value counts")
    func extremeness() throws {
        var tail = ToyTail(observed: 2)
        for t in [2 - 1e-10, 2, 3, 1.9, 0] { tail.add(t) }
        tail.add(nil)
        #expect(tail.usable == 5 && tail.exceeding == 3 && tail.failed == 1 && tail.toys == 6)
        #expect(tail.p == 0.6)
        // ToyPValue counts with the same rule (it used a bare >=, which missed the first toy)
        let p = try ToyPValue.from(tail)
        #expect(p.exceeding == 3 && p.toys == 6 && p.failedToys == 1)
    }

    @Test("one p → Z rule: Φ⁻¹(1 − p), 0 for p ≥ ½, bounds at k = 0")
    func significance() throws {
        // Φ⁻¹(1 − 0.05) = 1.6449 (two-sided 90 % point of the normal distribution)
        #expect(abs(try TestStatistic.significance(p: 0.05) - 1.6448536) < 1e-6)
        #expect(try TestStatistic.significance(p: 0.7) == 0)
        #expect(try TestStatistic.significance(p: 0, ifUnderflow: 40) == 40)
        #expect(try TestStatistic.significance(p: 0) > 37)
        var none = ToyTail(observed: 10)
        for _ in 0..<20 { none.add(1) }
        let noneZ = try none.z()
        #expect(none.isBound && noneZ == nil)
        #expect(abs((try none.zLowerBound())! - (try TestStatistic.significance(p: 0.05))) < 1e-12)
        var all = ToyTail(observed: 0)
        for _ in 0..<20 { all.add(1) }
        let (allZ, allBound) = (try all.z(), try all.zLowerBound())
        #expect(allZ == nil && allBound == nil)
    }

    @Test("hypothesis test and sensitivity band: identical on 1 and 2 threads")
    func parallelEqualsSerial() throws {
        let m = TestModels.xenon1t
        let test = try HypothesisTest(model: m, testedNames: [ModelSpec.poiName])
        let one = try test.run(toys: 40, seed: 5, threads: 1)
        let two = try test.run(toys: 40, seed: 5, threads: 2)
        #expect(one.pToys == two.pToys && one.toys == 40 && two.failedToys == one.failedToys)
        let s1 = try Sensitivity.run(model: m, toys: 24, seed: 3, threads: 1)
        let s2 = try Sensitivity.run(model: m, toys: 24, seed: 3, threads: 2)
        #expect(s1 == s2 && s1.band.count == 5)
    }

    @Test("Feldman–Cousins coverage: identical on 1 and 2 threads")
    func feldmanCousinsCoverageThreads() throws {
        let pl = try ProfileLikelihood(model: TestModels.xenon1t)
        let a = try Coverage.run(profile: pl, muNu: 2e-11, method: .feldmanCousins, toys: 6, criticalToys: 100, seed: 9, threads: 1)
        let b = try Coverage.run(profile: pl, muNu: 2e-11, method: .feldmanCousins, toys: 6, criticalToys: 100, seed: 9, threads: 2)
        #expect(a == b && a.toys == 6)
    }

    @Test("coverage: shards written, merged and read back give the local run's points exactly")
    func shardedCoverageEqualsLocal() throws {
        let pl = try ProfileLikelihood(model: TestModels.xenon1t)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-coverage-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let (mu, toys, seed) = (0.5e-11, 90, UInt64(17))
        var shards: [String] = []
        for i in 0..<3 {
            let path = "\(dir)/shard-\(i).jsonl"
            let study = try Coverage.study(profile: pl, muNu: mu, toys: toys, seed: seed, shard: i, nshards: 3)
            let run = ToyRun(batchAttempt: nil, host: "test", jobID: nil, nmmfitVersion: "test", nmmfitCommit: "test", startedUTC: ToyRun.utc())
            let r = try study.write(to: path, force: false, version: "test", commit: "test", run: run, threads: 2)
            #expect(r.written == r.range.count)
            shards.append(path)
        }
        _ = try ToyFileMerge.merge(inputs: shards, to: "\(dir)/all.jsonl", force: false, allowIncomplete: false)
        let sample = try ToyStudySample.load(path: "\(dir)/all.jsonl")
        for method in [IntervalMethod.wilks, .asymptoticUnified] {
            let local = try Coverage.run(profile: pl, muNu: mu, method: method, toys: toys, seed: seed, threads: 2)
            let merged = try Coverage.fromToys(sample, profile: pl, cl: 0.9, method: method)
            #expect(local == merged)
            #expect(local.toys == toys && local.covered > 0)
        }
    }
}
