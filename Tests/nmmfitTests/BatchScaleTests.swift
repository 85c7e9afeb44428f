import Foundation
import Testing
@testable import nmmfit

/// Toy studies at site scale: array specifications (ranges, throttle, MaxArraySize), per-shard
/// provenance in toys files, the duplicate-submission guard, automatic retries by the merge job,
/// and the HTCondor DAG with one node per shard.
@Suite("Batch at site scale")
struct BatchScaleTests {
    typealias CLI = CLITests

    /// Slurm's --array grammar (sbatch(1)): comma-separated indices or ranges, optional %N.
    static let specPattern = #"^[0-9]+(-[0-9]+)?(,[0-9]+(-[0-9]+)?)*(%[0-9]+)?$"#

    @Test("ranges compress consecutive shards")
    func ranges() {
        #expect(ArrayJobs.ranges([0, 1, 2, 3, 5, 7, 8, 9]) == "0-3,5,7-9")
        #expect(ArrayJobs.ranges([4]) == "4")
    }

    @Test("5,000 shards give valid array specifications below MaxArraySize, every shard once", arguments: [1, 2])
    func fiveThousand(_ stride: Int) {
        let pending = Array(Swift.stride(from: 0, to: 5000, by: stride))
        let arrays = ArrayJobs(pending: pending, maxArraySize: 1001, throttle: 50)
        var shards: [Int] = []
        for job in arrays.jobs {
            let spec = arrays.spec(job)
            #expect(spec.range(of: Self.specPattern, options: .regularExpression) != nil, "\(spec.prefix(80))")
            #expect(spec.count <= ArrayJobs.maxSpecLength)
            #expect(job.indices.allSatisfy { $0 >= 0 && $0 < 1001 })
            #expect(spec.hasSuffix("%50"))
            shards += job.shards
        }
        #expect(shards == pending)
        if stride == 1 { #expect(arrays.jobs.count == 5) }
    }

    @Test("batch writes a 5,000-shard study as split, throttled arrays and a merge job depending on all")
    func batchFiveThousand() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["batch", "--system", "slurm", "-n", "10000", "--nshards", "5000", "--throttle", "40", "--max-array-size", "1001",
                             "--no-calibration", "--name", "big", "--outdir", dir.path, "--", "--mu", "1e-11"])
        #expect(r.status == 0, "\(r.stderr)")
        var covered: [Int] = []
        for j in 0..<5 {
            let text = try String(contentsOf: dir.appendingPathComponent("big-array-\(j).sbatch"), encoding: .utf8)
            let spec = try #require(text.split(separator: "\n").first { $0.hasPrefix("#SBATCH --array=") }).dropFirst(16)
            #expect(String(spec).range(of: Self.specPattern, options: .regularExpression) != nil && spec.hasSuffix("%40"), "\(spec)")
            let offset = j * 1001
            #expect(offset == 0 ? text.contains("shard=$SLURM_ARRAY_TASK_ID\n") : text.contains("shard=$((SLURM_ARRAY_TASK_ID + \(offset)))"))
            for part in spec.dropLast(3).split(separator: ",") {
                let b = part.split(separator: "-").map { Int($0)! }
                covered += Array(b[0]...(b.last!)).map { $0 + offset }
            }
        }
        #expect(covered == Array(0..<5000))
        #expect(r.stdout.contains("--dependency=afterany:${j0%%;*}:${j1%%;*}:${j2%%;*}:${j3%%;*}:${j4%%;*} \(dir.path)/big-merge.sh"), "\(r.stdout)")
    }

    @Test("--toys-per-shard sets the shard count; the calibration prints an estimate and warns for sub-minute shards")
    func sizing() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["batch", "--system", "slurm", "-n", "100", "--toys-per-shard", "30", "--name", "z", "--outdir", dir.path, "--", "--mu", "1e-11"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("4 of 4 shards pending"), "\(r.stderr)")
        #expect(r.stderr.contains("ms per toy") && r.stderr.contains("warning: shards of under a minute"), "\(r.stderr)")
        let none = try CLI.run(["batch", "--system", "slurm", "-n", "100", "--name", "z", "--outdir", dir.path])
        #expect(none.status == 64 && none.stderr.contains("--nshards, --toys-per-shard or --shard-duration"))
    }

    static func run(_ args: [String], env: [String: String]) throws -> CLITests.Run { try CLI.run(args, env: env) }

    @Test("a shard file's header records build, host, job id, attempt and times; resume adds a run; another build is refused")
    func provenance() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("s.jsonl").path
        let args = ["toys", "-n", "20", "--seed", "3", "--shard", "1", "--nshards", "2", "-o", f, "-q"]
        #expect(try Self.run(args, env: ["NMMFIT_JOB_ID": "77.3", "NMMFIT_BATCH_ATTEMPT": "2"]).status == 0)
        func header() throws -> [String: Any] {
            let first = try String(contentsOfFile: f, encoding: .utf8).split(separator: "\n")[0]
            return try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
        }
        var h = try header()
        let version = try #require(h["nmmfit_version"] as? String), commit = try #require(h["nmmfit_commit"] as? String)
        #expect(!version.isEmpty && !commit.isEmpty)
        var runs = try #require(h["runs"] as? [[String: Any]])
        #expect(runs.count == 1)
        #expect(runs[0]["job_id"] as? String == "77.3" && runs[0]["attempt"] as? Int == 1 && runs[0]["batch_attempt"] as? Int == 2)
        #expect(runs[0]["host"] as? String == ProcessInfo.processInfo.hostName)
        #expect(runs[0]["first_toy"] as? Int == 10 && runs[0]["toys_written"] as? Int == 10)
        #expect(runs[0]["started_utc"] is String && runs[0]["ended_utc"] is String)
        // cut the file after 4 toys: the resumed run is attempt 2 from toy 14
        let lines = try String(contentsOfFile: f, encoding: .utf8).split(separator: "\n")
        try (lines.prefix(5).joined(separator: "\n") + "\n").write(toFile: f, atomically: true, encoding: .utf8)
        #expect(try Self.run(args, env: ["SLURM_ARRAY_JOB_ID": "90", "SLURM_ARRAY_TASK_ID": "1"]).status == 0)
        h = try header()
        runs = try #require(h["runs"] as? [[String: Any]])
        #expect(runs.count == 2 && runs[1]["attempt"] as? Int == 2 && runs[1]["first_toy"] as? Int == 14 && runs[1]["job_id"] as? String == "90_1")
        // a shard of another build: not extended without --allow-other-build
        let text = try String(contentsOfFile: f, encoding: .utf8)
        try text.replacingOccurrences(of: "\"nmmfit_commit\":\"\(commit)\"", with: "\"nmmfit_commit\":\"0123abc\"")
            .split(separator: "\n").prefix(6).joined(separator: "\n").appending("\n").write(toFile: f, atomically: true, encoding: .utf8)
        let refused = try CLI.run(args)
        #expect(refused.status != 0 && refused.stderr.contains("--allow-other-build") && refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")
        let allowed = try CLI.run(args + ["--allow-other-build"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect((try header()["nmmfit_commit"] as? String) == "0123abc, \(commit)")
        // merging it with a shard of this build is refused unless asked
        let s0 = dir.appendingPathComponent("s0.jsonl").path
        #expect(try CLI.run(["toys", "-n", "20", "--seed", "3", "--shard", "0", "--nshards", "2", "-o", s0, "-q"]).status == 0)
        let m = dir.appendingPathComponent("m.jsonl").path
        let mixed = try CLI.run(["merge", s0, f, "-o", m])
        #expect(mixed.status != 0 && mixed.stderr.contains("--allow-mixed-builds"), "\(mixed.stderr)")
        #expect(try CLI.run(["merge", s0, f, "-o", m, "--allow-mixed-builds"]).status == 0)
    }

    @Test("a format-2 toys file is refused with a line saying it has no provenance")
    func formatTwo() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("v2.jsonl").path
        try #"{"model":"xenon1t_sr1","model_digest":"2d83815cfde54528","mu_nu_true_muB":0,"nmmfit_toys":2,"nshards":1,"seed":1,"shard":0,"statistic_name":"q0","total_toys":1}"#
            .appending("\n").write(toFile: f, atomically: true, encoding: .utf8)
        let r = try CLI.run(["significance", "--from-toys", f])
        #expect(r.status == 2 && r.stderr.contains("format 2") && r.stderr.contains("build"), "\(r.stderr)")
    }

    /// Fake sbatch/squeue on PATH: squeue prints what FAKE_SQUEUE says; sbatch records its
    /// arguments and prints a job id.
    static func fakeScheduler(_ dir: URL) throws -> URL {
        let bin = dir.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let squeue = "#!/bin/sh\nprintf '%s' \"$FAKE_SQUEUE\"\n"
        let sbatch = "#!/bin/sh\necho \"$@\" >> \(bin.path)/sbatch.calls\nn=$(wc -l < \(bin.path)/sbatch.calls)\necho $((100 + n))\n"
        for (n, t) in [("squeue", squeue), ("sbatch", sbatch)] {
            try t.write(to: bin.appendingPathComponent(n), atomically: true, encoding: .utf8)
            chmod(bin.appendingPathComponent(n).path, 0o755)
        }
        return bin
    }

    @Test("--submit refuses, before writing anything, while jobs of this study (folder and name) are queued; another folder is not blocked")
    func duplicateGuard() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = try Self.fakeScheduler(dir)
        let study = dir.appendingPathComponent("a").path
        let path = "\(bin.path):/usr/bin:/bin"
        let args = ["batch", "--system", "slurm", "-n", "20", "--nshards", "2", "--name", "g", "--outdir", study, "--no-calibration", "--submit", "--", "--mu", "1e-11"]
        let first = try Self.run(args, env: ["PATH": path, "FAKE_SQUEUE": ""])
        #expect(first.status == 0 && first.stdout.contains("array job 101, merge job 102"), "\(first.stderr)")
        let before = try String(contentsOfFile: "\(study)/g.sbatch", encoding: .utf8)
        let attempts = try String(contentsOfFile: "\(study)/g.attempts.jsonl", encoding: .utf8)
        #expect(attempts.contains("\"attempt\":1") && attempts.contains("\"merge_job\":\"102\""))
        // the study's array is queued: refused, nothing rewritten
        try FileManager.default.removeItem(atPath: "\(study)/g-merge.sh")
        let dup = try Self.run(args + [], env: ["PATH": path, "FAKE_SQUEUE": "101|\(study)/g.sbatch\n"])
        #expect(dup.status != 0 && dup.stderr.contains("still queued or running (101)") && dup.stderr.contains("nothing was written"), "\(dup.stderr)")
        #expect(!FileManager.default.fileExists(atPath: "\(study)/g-merge.sh"))
        #expect(try String(contentsOfFile: "\(study)/g.sbatch", encoding: .utf8) == before)
        // the same name in another folder is another study
        let other = ["batch", "--system", "slurm", "-n", "20", "--nshards", "2", "--name", "g", "--outdir", dir.appendingPathComponent("b").path,
                     "--no-calibration", "--submit", "--", "--mu", "1e-11"]
        let b = try Self.run(other, env: ["PATH": path, "FAKE_SQUEUE": "101|\(study)/g.sbatch\n"])
        #expect(b.status == 0, "\(b.stderr)")
    }

    @Test("the merge job of a study with a missing shard resubmits it automatically with more memory, then gives up after the retries")
    func automaticRetry() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let bin = try Self.fakeScheduler(dir)
        let study = dir.appendingPathComponent("r").path
        let env = ["PATH": "\(bin.path):/usr/bin:/bin", "FAKE_SQUEUE": ""]
        let args = ["batch", "--system", "slurm", "-n", "20", "--nshards", "2", "--name", "r", "--outdir", study, "--no-calibration",
                    "--mem", "100M", "--retries", "1", "--retry-mem-factor", "2", "--submit", "--", "--mu", "1e-11"]
        #expect(try Self.run(args, env: env).status == 0)
        // shard 0 ran, shard 1 was killed before writing anything; the merge job (attempt 1) runs
        #expect(try CLI.run(["toys", "-n", "20", "--shard", "0", "--nshards", "2", "--mu", "1e-11", "-o", "\(study)/r-shard-0.jsonl", "-q"]).status == 0)
        func mergeJob() throws -> Int32 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = ["\(study)/r-merge.sh"]
            var e = ProcessInfo.processInfo.environment
            for (k, v) in env { e[k] = v }
            e["SLURM_JOB_ID"] = "102"
            p.environment = e
            p.standardError = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            return p.terminationStatus
        }
        #expect(try mergeJob() == 0)  // resubmitted
        let sbatch = try String(contentsOfFile: "\(study)/r.sbatch", encoding: .utf8)
        #expect(sbatch.contains("#SBATCH --array=1\n") && sbatch.contains("#SBATCH --mem=200M\n") && sbatch.contains("attempt-2.log"), "\(sbatch)")
        var attempts = try String(contentsOfFile: "\(study)/r.attempts.jsonl", encoding: .utf8)
        #expect(attempts.contains("\"attempt\":2") && attempts.contains("\"automatic\":true") && attempts.contains("\"merge\":\"retrying\""), "\(attempts)")
        // attempt 2's merge job: still missing, no retries left → fails with the resubmit command
        #expect(try mergeJob() != 0)
        attempts = try String(contentsOfFile: "\(study)/r.attempts.jsonl", encoding: .utf8)
        #expect(attempts.contains("\"merge\":\"failed\""))
        // every line follows schemas/batch-attempt.schema.json
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        check.arguments = ["python3", "-c", """
            import json, sys
            from jsonschema import Draft202012Validator
            v = Draft202012Validator(json.load(open(sys.argv[1])))
            lines = [json.loads(l) for l in open(sys.argv[2])]
            errors = [e.message for l in lines for e in v.iter_errors(l)]
            assert not errors and len(lines) == 4, errors
            """, URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("schemas/batch-attempt.schema.json").path, "\(study)/r.attempts.jsonl"]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "the attempts file does not follow schemas/batch-attempt.schema.json")
        // --status reports each attempt and the final state
        let status = try CLI.run(args.map { $0 == "--submit" ? "--status" : $0 })
        #expect(status.status == 0, "\(status.stderr)")
        let rows = status.stdout.split(separator: "\n")
        #expect(rows.contains { $0.hasPrefix("1  ") && $0.contains("100M") && $0.contains("101, merge 102") && $0.contains("retrying") }, "\(status.stdout)")
        #expect(rows.contains { $0.hasPrefix("2  ") && $0.contains("yes") && $0.contains("200M") && $0.contains("failed") }, "\(status.stdout)")
        #expect(status.stdout.contains("state: failed after 2 attempts: shards 1 incomplete"), "\(status.stdout)")
        let log = try String(contentsOfFile: "\(study)/r-merge.sh", encoding: .utf8)
        #expect(log.contains("cd \(FileManager.default.currentDirectoryPath) && "), "the resubmit command starts with its cd")
    }

    @Test("the HTCondor DAG has one node per pending shard with RETRY, a throttle, and periodic_remove; --transfer-files needs no shared filesystem")
    func condorDAG() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try CLI.run(["batch", "--system", "htcondor", "-n", "30", "--nshards", "3", "--name", "c", "--outdir", dir.path, "--no-calibration",
                             "--retries", "3", "--throttle", "2", "--time", "1:00:00", "--mem", "1G", "--retry-mem-factor", "1.5",
                             "--transfer-files", "--", "--mu", "1e-11"])
        #expect(r.status == 0, "\(r.stderr)")
        let dag = try String(contentsOf: dir.appendingPathComponent("c.dag"), encoding: .utf8)
        for s in 0..<3 {
            #expect(dag.contains("JOB shard\(s) \(dir.path)/c.sub\n") && dag.contains("RETRY shard\(s) 3\n") && dag.contains("VARS shard\(s) shard=\"\(s)\" retry=\"$(RETRY)\""))
            #expect(dag.contains("SCRIPT PRE shard\(s) \(dir.path)/c-pre.sh \(s)"))
        }
        #expect(dag.contains("PARENT shard0 shard1 shard2 CHILD merge") && dag.contains("MAXJOBS shards 2"))
        let sub = try String(contentsOf: dir.appendingPathComponent("c.sub"), encoding: .utf8)
        #expect(sub.contains("periodic_remove = (JobStatus == 2) && (time() - EnteredCurrentStatus > 3600)") && !sub.contains("allowed_execute_duration"))
        #expect(sub.contains("should_transfer_files = YES") && sub.contains("transfer_output_remaps") && sub.contains("request_memory = ifThenElse($(retry) >= 1, ifThenElse($(retry) >= 2, ifThenElse($(retry) >= 3, 3456, 2304), 1536), 1024)"))
        let bad = try CLI.run(["batch", "--system", "htcondor", "-n", "30", "--nshards", "3", "--outdir", dir.path, "--transfer-files", "--", "--spec", "m.json"])
        #expect(bad.status == 64 && bad.stderr.contains("--transfer-files"), "\(bad.stderr)")
    }
}
