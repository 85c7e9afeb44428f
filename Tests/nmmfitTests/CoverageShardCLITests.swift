import Foundation
import Testing

/// `coverage` shards like the other studies: `--write-toys` with `--shard/--nshards`, `merge`,
/// then `--from-toys` gives the local run's points exactly, Feldman–Cousins included (each toy's
/// record carries its own critical value); options that would be ignored are
/// usage errors; `interval --toys-dir` keeps each Feldman–Cousins point's toys.
@Suite("Command line: sharded coverage and kept Feldman–Cousins toys", .serialized)
struct CoverageShardCLITests {
    typealias CLI = CLITests

    /// The `points` of a coverage JSON output.
    static func points(_ json: String) throws -> [[String: AnyHashable]] {
        let o = try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any]
        return (o?["points"] as? [[String: Any]] ?? []).map { $0.mapValues { $0 as! AnyHashable } }
    }

    @Test("coverage shards written, merged and read back equal the local run")
    func shardedEqualsLocal() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = ["--mu", "0.5e-11", "--toys", "60", "--seed", "11"]
        var shards: [String] = []
        for i in 0..<2 {
            let path = dir.appendingPathComponent("cov-\(i).jsonl").path
            let r = try CLI.run(["coverage"] + study + ["--shard", "\(i)", "--nshards", "2", "--write-toys", path, "-q"])
            #expect(r.status == 0, "\(r.stderr)")
            shards.append(path)
        }
        let all = dir.appendingPathComponent("all.jsonl").path
        let m = try CLI.run(["merge", "-o", all] + shards)
        #expect(m.status == 0, "\(m.stderr)")
        let methods = ["--method", "wilks", "--method", "asymptotic-unified"]
        let merged = try CLI.run(["coverage", "--from-toys", all, "--json"] + methods)
        let local = try CLI.run(["coverage", "--json"] + study + methods)
        #expect(merged.status == 0 && local.status == 0, "\(merged.stderr) \(local.stderr)")
        let (a, b) = (try Self.points(merged.stdout), try Self.points(local.stdout))
        #expect(a.count == 2 && a == b)
        // a shard's toys need exactly one true μν; --shard without --write-toys would be ignored
        #expect(try CLI.run(["coverage", "--mu", "0", "--mu", "1e-11", "--write-toys", all]).status == 64)
        #expect(try CLI.run(["coverage", "--mu", "0", "--shard", "1", "--nshards", "2"]).status == 64)
        #expect(try CLI.run(["coverage", "--mu", "0", "--write-toys", all, "--method", "wilks"]).status == 64)
    }

    @Test("Feldman–Cousins coverage shards (each toy with its critical value) merged and read back equal the local run")
    func feldmanCousinsShardedEqualsLocal() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let study = ["--mu", "1e-11", "--toys", "10", "--seed", "5", "--critical-toys", "100"]
        var shards: [String] = []
        for i in 0..<2 {
            let path = dir.appendingPathComponent("fc-\(i).jsonl").path
            let r = try CLI.run(["coverage"] + study + ["--method", "feldman-cousins", "--shard", "\(i)", "--nshards", "2", "--write-toys", path, "-q"])
            #expect(r.status == 0, "\(r.stderr)")
            shards.append(path)
        }
        let all = dir.appendingPathComponent("all.jsonl").path
        let m = try CLI.run(["merge", "-o", all] + shards)
        #expect(m.status == 0, "\(m.stderr)")
        let header = try JSONSerialization.jsonObject(with: Data(try String(contentsOfFile: all, encoding: .utf8).split(separator: "\n")[0].utf8)) as? [String: Any]
        #expect(header?["nmmfit_toys"] as? Int == 4 && (header?["feldman_cousins"] as? [String: Any])?["critical_toys"] as? Int == 100)
        let methods = ["--method", "wilks", "--method", "asymptotic-unified", "--method", "feldman-cousins"]
        let merged = try CLI.run(["coverage", "--from-toys", all, "--json"] + methods)
        let local = try CLI.run(["coverage", "--json", "-q"] + study + methods)
        #expect(merged.status == 0 && local.status == 0, "\(merged.stderr) \(local.stderr)")
        let (a, b) = (try Self.points(merged.stdout), try Self.points(local.stdout))
        #expect(a.count == 3 && a == b)
        #expect(a.last?["interval_method"] as? String == "feldman-cousins" && a.last?["toys"] as? Int == 10)
        // the default methods (asymptotic-unified and feldman-cousins) both come from this file
        let byDefault = try CLI.run(["coverage", "--from-toys", all, "--json"])
        #expect(try Self.points(byDefault.stdout).count == 2, "\(byDefault.stderr)")
        // another CL than the file's critical values: refused (exit 2); --cl/--critical-toys with a plain --write-toys: usage error
        #expect(try CLI.run(["coverage", "--from-toys", all, "--method", "feldman-cousins", "--cl", "0.68"]).status == 2)
        #expect(try CLI.run(["coverage", "--mu", "0", "--write-toys", all, "--critical-toys", "200"]).status == 64)
        #expect(try CLI.run(["coverage", "--mu", "0", "--write-toys", all, "--cl", "0.8"]).status == 64)
    }

    @Test("interval --toys-dir: the same Feldman–Cousins result, resumed from its files, readable by --from-toys")
    func feldmanCousinsToysDir() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fc = ["interval", "--method", "feldman-cousins", "--toys", "100", "--grid-points", "6", "--refine", "0", "--seed", "3", "--json"]
        let toysDir = dir.appendingPathComponent("fc").path
        let memory = try CLI.run(fc)
        let first = try CLI.run(fc + ["--toys-dir", toysDir])
        let again = try CLI.run(fc + ["--toys-dir", toysDir])
        #expect(memory.status == 0 && first.status == 0 && again.status == 0, "\(first.stderr) \(again.stderr)")
        // the construction (points, ends, errors), not provenance keys that name the run
        let construction = { (s: String) -> NSDictionary? in
            ((try? JSONSerialization.jsonObject(with: Data(s.utf8))) as? [String: Any])?["feldman_cousins"] as? NSDictionary
        }
        #expect(construction(memory.stdout) != nil)
        #expect(construction(memory.stdout) == construction(first.stdout) && construction(first.stdout) == construction(again.stdout))
        let files = try FileManager.default.contentsOfDirectory(atPath: toysDir).filter { $0.hasSuffix(".jsonl") }
        #expect(files.count == 6)
        let read = try CLI.run(["interval", "--method", "feldman-cousins", "--from-toys", toysDir, "--json"])
        #expect(read.status == 0, "\(read.stderr)")
        let interval = { (s: String) in (try? JSONSerialization.jsonObject(with: Data(s.utf8)) as? [String: Any])?["interval_muB"] as? [Double] }
        #expect(interval(read.stdout) != nil && interval(read.stdout) == interval(memory.stdout))
    }
}
