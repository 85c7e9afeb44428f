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

    @Test("coverage --write-toys with a --spec and no --cl: each toy's critical value at the spec's saved CL, as a local run")
    func writeToysUsesSavedCL() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("spec.json").path
        let s = try CLI.run(["fit", "--cl", "0.95", "--save-spec", spec, "-q"])
        #expect(s.status == 0, "\(s.stderr)")
        let path = dir.appendingPathComponent("fc.jsonl").path
        let r = try CLI.run(["coverage", "--spec", spec, "--mu", "1e-11", "--toys", "10", "--seed", "3", "--critical-toys", "100",
                             "--method", "feldman-cousins", "--write-toys", path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let header = try JSONSerialization.jsonObject(with: Data(try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n")[0].utf8)) as? [String: Any]
        #expect((header?["feldman_cousins"] as? [String: Any])?["cl"] as? Double == 0.95)
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

    /// Runs a job script with /bin/sh as the scheduler would (`env` added to this environment).
    static func sh(_ script: String, env: [String: String] = [:]) throws -> (status: Int32, stderr: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = [script]
        p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 }
        let err = Pipe()
        p.standardError = err
        p.standardOutput = FileHandle.nullDevice
        try p.run()
        let e = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.terminationStatus, e)
    }

    @Test("batch --study coverage: its Slurm job files run as the scheduler would (shards, merge, coverage) give a local coverage run's point")
    func batchCoverage() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("b").path
        let fc = ["--mu", "1e-11", "--method", "feldman-cousins", "--critical-toys", "100"]
        let batch = ["batch", "--system", "slurm", "--study", "coverage", "-n", "12", "--nshards", "2", "--seed", "4", "--name", "cv",
                     "--outdir", out, "--no-calibration"]
        let r = try CLI.run(batch + ["--"] + fc)
        #expect(r.status == 0 && r.stdout.contains("2 pending shards"), "\(r.stderr)")
        let record = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: "\(out)/cv.study.json"))) as? [String: Any]
        #expect(record?["study"] as? String == "coverage" && record?["nshards"] as? Int == 2)
        for i in 0..<2 {
            let shard = try Self.sh("\(out)/cv.sbatch", env: ["SLURM_ARRAY_TASK_ID": "\(i)"])
            #expect(shard.status == 0, "\(shard.stderr)")
        }
        let merge = try Self.sh("\(out)/cv-merge.sh")
        #expect(merge.status == 0, "\(merge.stderr)")
        let local = try CLI.run(["coverage", "--toys", "12", "--seed", "4", "--json", "-q"] + fc)
        #expect(local.status == 0, "\(local.stderr)")
        let cluster = try Self.points(try String(contentsOfFile: "\(out)/cv.coverage.json", encoding: .utf8))
        let localPoints = try Self.points(local.stdout)
        #expect(cluster.count == 1 && cluster == localPoints, "\(cluster)")
        #expect(cluster.first?["critical_toys"] as? Int == 100)
        // complete: nothing left to submit; the same name as a toys study is another study
        #expect(try CLI.run(batch + ["--"] + fc).stdout.contains("nothing to submit"))
        let other = try CLI.run(["batch", "--system", "slurm", "-n", "12", "--nshards", "2", "--seed", "4", "--name", "cv", "--outdir", out,
                                 "--no-calibration", "--", "--mu", "1e-11", "--statistic", "t"])
        #expect(other.status != 0 && other.stderr.contains("different study"), "\(other.stderr)")
        // options batch sets, and coverage options the shards would refuse: usage errors now
        for bad in [fc + ["--write-toys", "x.jsonl"], fc + ["--toys", "5"], ["--mu", "0", "--mu", "1e-11"], ["--mu", "0", "--critical-toys", "200"],
                    ["--mu", "0", "--json"]] {
            let e = try CLI.run(batch + ["--name", "bad", "--"] + bad)
            #expect(e.status == 64 && e.stderr.split(separator: "\n").count <= 2, "\(bad): \(e.stderr)")
        }
    }

    @Test("coverage --toys-dir: Ctrl-C keeps the finished toys, re-running resumes, the points equal an uninterrupted run's")
    func coverageToysDirResumes() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let toysDir = dir.appendingPathComponent("toys").path
        let args = ["coverage", "--mu", "1e-11", "--toys", "300", "--seed", "7", "--method", "wilks", "--method", "feldman-cousins",
                    "--critical-toys", "100", "--threads", "1", "--json"]
        let fcFile = "\(toysDir)/coverage-mu1.000000e-11-n300-seed7-fc-cl0.9-k100.jsonl"
        let first = try HostileInputTests.interruptedOnce(args + ["--toys-dir", toysDir], file: fcFile, lines: 3)
        let (firstOut, firstErr, kept) = (first.stdout, first.stderr, first.kept)
        // an optimised build may finish before the signal lands: then every toy is in the file
        #expect(first.status == 130 || (first.status == 0 && kept == 300), "\(first.status) \(firstErr)")
        if first.status == 130 {
            #expect(firstErr.contains("their toys are in \(toysDir); re-run the same command to resume"), "\(firstErr)")
            // the finished point (wilks) is printed; the cut-short Feldman–Cousins point is not
            #expect(try Self.points(firstOut).count == 1)
        }
        #expect(kept >= 1 && kept <= 300)
        let again = try CLI.run(args + ["--toys-dir", toysDir])
        #expect(again.status == 0, "\(again.stderr)")
        if kept < 300 { #expect(again.stderr.contains("resuming: \(kept) toys already in \(fcFile)"), "\(again.stderr)") }
        let whole = try CLI.run(args)
        #expect(whole.status == 0, "\(whole.stderr)")
        let (resumed, uninterrupted) = (try Self.points(again.stdout), try Self.points(whole.stdout))
        #expect(resumed.count == 2 && resumed == uninterrupted, "\(resumed) vs \(uninterrupted)")
        // the folder's files are coverage studies that --from-toys reads to the same points
        let read = try CLI.run(["coverage", "--from-toys", fcFile, "--method", "feldman-cousins", "--json"])
        #expect(read.status == 0, "\(read.stderr)")
        #expect(try Self.points(read.stdout) == [uninterrupted[1]])
        // --toys-dir is for local toys only
        #expect(try CLI.run(["coverage", "--from-toys", toysDir, "--toys-dir", toysDir]).status == 64)
    }

    @Test("coverage --write-toys: Ctrl-C keeps the shard's finished toys, re-running resumes them to the uninterrupted file's toys")
    func writeToysResumes() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let (resumed, whole) = (dir.appendingPathComponent("r.jsonl").path, dir.appendingPathComponent("w.jsonl").path)
        let args = ["coverage", "--mu", "1e-11", "--toys", "600", "--seed", "3", "--method", "feldman-cousins", "--critical-toys", "100",
                    "--shard", "1", "--nshards", "2", "--threads", "1", "--write-toys"]
        let first = try HostileInputTests.interruptedOnce(args + [resumed], file: resumed, lines: 3)
        let kept = first.kept
        #expect(first.status == 130 || (first.status == 0 && kept == 300), "\(first.status) \(first.stderr)")
        let again = try CLI.run(args + [resumed])
        #expect(again.status == 0, "\(again.stderr)")
        if kept < 300 { #expect(again.stderr.contains("resuming: \(kept) toys already in \(resumed), \(300 - kept) to go"), "\(again.stderr)") }
        #expect(try CLI.run(args + [whole, "-q"]).status == 0)
        // the toys (every line after the header, which records each run's host and times) equal an uninterrupted shard's
        let toys = { (p: String) in try String(contentsOfFile: p, encoding: .utf8).split(separator: "\n").dropFirst() }
        let (a, b) = (try toys(resumed), try toys(whole))
        #expect(a.count == 300 && a == b)
        let header = try JSONSerialization.jsonObject(with: Data(try String(contentsOfFile: resumed, encoding: .utf8).split(separator: "\n")[0].utf8)) as? [String: Any]
        #expect((header?["runs"] as? [Any])?.count == (kept < 300 ? 2 : 1), "\(String(describing: header))")
    }
}
