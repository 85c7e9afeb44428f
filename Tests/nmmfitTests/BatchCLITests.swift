import Foundation
import Testing

/// Issue 15 at the command line: batch checks its forwarded toys options and writes resources,
/// conclusions from toys files equal the local commands, resume drops foreign lines, merge errors.
@Suite("Command line: toy studies")
struct BatchCLITests {
    typealias CLI = CLITests

    @Test("batch checks the toys options after -- when it writes the files")
    func batchValidatesToyOptions() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("study").path
        let bad = try CLI.run(["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", out, "--", "--mu", "abc"])
        #expect(bad.status == 64)
        #expect(bad.stderr.contains("toys options after --") && bad.stderr.contains("'abc'"), "\(bad.stderr)")
        let dataset = try CLI.run(["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", out, "--", "--dataset", "xenon9t"])
        #expect(dataset.status == 2 && dataset.stderr.contains("xenon9t"), "\(dataset.stderr)")
        let reserved = try CLI.run(["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", out, "--", "--seed=3"])
        #expect(reserved.status == 64)
        let partition = try CLI.run(["batch", "--system", "htcondor", "-n", "10", "--nshards", "2", "--outdir", out, "--partition", "x"])
        #expect(partition.status == 64 && partition.stderr.contains("partitions"))
        let time = try CLI.run(["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", out, "--time", "1h"])
        #expect(time.status == 64 && time.stderr.contains("--time"))
        #expect(!FileManager.default.fileExists(atPath: out), "files were written for a bad study")
    }

    @Test("batch writes the resources and the submit commands; a complete study has nothing to submit")
    func batchResources() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let args = ["batch", "--system", "slurm", "-n", "12", "--nshards", "2", "--name", "r", "--outdir", dir.path,
                    "--executable", CLI.binary.path, "--time", "2:00:00", "--mem", "1G", "--partition", "short", "--account", "phys",
                    "--directive=--qos=low", "--", "--mu", "1e-11"]
        let b = try CLI.run(args)
        #expect(b.status == 0, "\(b.stderr)")
        #expect(b.stdout.contains("sbatch --parsable --dependency=afterany:${j0%%;*} \(dir.path)/r-merge.sh"), "\(b.stdout)")
        let sbatch = try String(contentsOf: dir.appendingPathComponent("r.sbatch"), encoding: .utf8)
        for line in ["#SBATCH --array=0-1", "#SBATCH --time=2:00:00", "#SBATCH --mem=1G", "#SBATCH --partition=short",
                     "#SBATCH --account=phys", "#SBATCH --qos=low"] {
            #expect(sbatch.contains(line + "\n"), "missing \(line)")
        }
        #expect(!sbatch.contains("--quiet"))
        // run both shards as the array tasks would
        for i in 0..<2 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [dir.appendingPathComponent("r.sbatch").path]
            p.environment = ["SLURM_ARRAY_TASK_ID": String(i), "PATH": "/usr/bin:/bin"]
            p.standardError = FileHandle.nullDevice
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        let again = try CLI.run(args)
        #expect(again.status == 0 && again.stdout.contains("nothing to submit"), "\(again.stdout)")
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("r.sbatch").path))
    }

    @Test("significance --from-toys equals the local toy p-value with the same seed")
    func significanceFromToys() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("bkg.jsonl").path
        #expect(try CLI.run(["toys", "-n", "150", "--seed", "4", "--mu", "0", "-o", f, "-q"]).status == 0)
        let local = try CLI.run(["significance", "--toys", "150", "--seed", "4", "--json"])
        let files = try CLI.run(["significance", "--from-toys", dir.path, "--json"])
        #expect(local.status == 0 && files.status == 0, "\(files.stderr)")
        // the same result; only the provenance differs (command line, seed, the toys file read)
        func result(_ json: String) throws -> NSDictionary {
            var d = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
            for k in ["command", "seed", "data_digests"] { d[k] = nil }
            return d as NSDictionary
        }
        #expect(try result(local.stdout) == result(files.stdout))
        // toys of another model are refused
        let other = try CLI.run(["significance", "--from-toys", f, "--emax", "6"])
        #expect(other.status == 2 && other.stderr.contains("another model"), "\(other.stderr)")
    }

    /// The local coverage fits each toy from its own start and finds its interval's ends by root
    /// finding; the file's toys were fitted from the truth. Both decide containment for the same
    /// toys (stream k of the seed), so the counts agree up to toys on the edge.
    @Test("coverage --from-toys agrees with the local coverage on the same toys")
    func coverageFromToys() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("t.jsonl").path
        #expect(try CLI.run(["toys", "-n", "200", "--seed", "6", "--mu", "1e-11", "--statistic", "t", "-o", f, "-q"]).status == 0)
        let methods = ["--method", "wilks", "--method", "asymptotic-unified"]
        let files = try CLI.run(["coverage", "--from-toys", f, "--json"] + methods)
        let local = try CLI.run(["coverage", "--mu", "1e-11", "--toys", "200", "--seed", "6", "--json", "-q"] + methods)
        #expect(files.status == 0 && local.status == 0, "\(files.stderr)")
        func covered(_ r: CLITests.Run) throws -> [Int] {
            let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
            return (json["points"] as! [[String: Any]]).map { $0["covered"] as! Int }
        }
        let (a, b) = (try covered(files), try covered(local))
        #expect(a.count == 2 && b.count == 2)
        for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1, "from toys \(a), local \(b)") }
        // Feldman–Cousins coverage cannot come from the files
        let fc = try CLI.run(["coverage", "--from-toys", f, "--method", "feldman-cousins"])
        #expect(fc.status == 2 && fc.stderr.contains("inner toys"))
    }

    @Test("interval --method feldman-cousins --from-toys reads one merged study per μν")
    func intervalFromToys() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (k, mu) in ["0", "1e-11", "1.6e-11", "2.4e-11", "3.2e-11", "4.5e-11"].enumerated() {
            let r = try CLI.run(["toys", "-n", "200", "--seed", String(k + 1), "--mu", mu, "--statistic", "t", "-o",
                                 dir.appendingPathComponent("fc-\(k).jsonl").path, "-q"])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let r = try CLI.run(["interval", "--method", "feldman-cousins", "--from-toys", dir.path, "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        #expect(json["nmmfit_output"] as? Int == 3 && json["interval_method"] as? String == "feldman-cousins")
        let iv = json["interval_muB"] as! [Double]
        #expect(iv[0] > 1e-11 && iv[0] < 2.4e-11 && iv[1] > 2.4e-11 && iv[1] < 4.5e-11, "\(iv)")
        let fc = json["feldman_cousins"] as! [String: Any]
        let upper = fc["upper"] as! [String: Any]
        // the interval once (interval_muB); each end's errors in μB
        #expect(fc["interval"] == nil && upper["mu_nu"] == nil && (upper["toy_error_muB"] as! Double) > 0 && upper["grid_error_muB"] is Double)
        #expect((fc["toy_files"] as! [String]).count == 6)
        let table = try CLI.run(["interval", "--method", "feldman-cousins", "--from-toys", dir.path])
        #expect(table.stdout.contains("(toys)") && table.stdout.contains("(grid)"))
    }

    @Test("resume drops toy lines outside the shard and completes the file to the single-run bytes")
    func resumeDropsForeignLines() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("t.jsonl").path, g = dir.appendingPathComponent("u.jsonl").path
        #expect(try CLI.run(["toys", "-n", "20", "--seed", "2", "-o", f, "-q"]).status == 0)
        let full = try String(contentsOfFile: f, encoding: .utf8)
        var lines = full.split(separator: "\n").map(String.init)
        let foreign = lines[3].replacingOccurrences(of: "\"toy\":2}", with: "\"toy\":900}")
        #expect(foreign != lines[3])
        lines = Array(lines[0..<6]) + [foreign]
        try (lines.joined(separator: "\n") + "\n").write(toFile: g, atomically: true, encoding: .utf8)
        let r = try CLI.run(["toys", "-n", "20", "--seed", "2", "-o", g])
        #expect(r.status == 0 && r.stderr.contains("dropped 1"), "\(r.stderr)")
        #expect(try String(contentsOfFile: g, encoding: .utf8) == full)
    }

    @Test("merge: one clear line and no output on a bad shard")
    func mergeErrors() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.jsonl").path, out = dir.appendingPathComponent("all.jsonl").path
        #expect(try CLI.run(["toys", "-n", "10", "--nshards", "2", "--shard", "0", "-o", a, "-q"]).status == 0)
        let r = try CLI.run(["merge", a, "-o", out])
        #expect(r.status == 2 && r.stderr.contains("5 of 10 toys are missing"), "\(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(!FileManager.default.fileExists(atPath: out))
        let twice = try CLI.run(["merge", a, a, "-o", out])
        #expect(twice.status == 2 && twice.stderr.contains("appears twice"))
    }

    @Test("merge: the summary line on stderr, nothing at all with -q")
    func mergeQuiet() throws {
        let dir = try CLI.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let a = dir.appendingPathComponent("a.jsonl").path, out = dir.appendingPathComponent("all.jsonl").path
        #expect(try CLI.run(["toys", "-n", "10", "-o", a, "-q"]).status == 0)
        let loud = try CLI.run(["merge", a, "-o", out])
        #expect(loud.status == 0 && loud.stderr.contains("merged 10 toys from 1 files"), "\(loud.stderr)")
        let quiet = try CLI.run(["merge", a, "-o", out, "--force", "-q"])
        #expect(quiet.status == 0 && quiet.stderr.isEmpty && quiet.stdout.isEmpty, "\(quiet.stderr)")
    }
}
