import Foundation
import Testing
import TestSupport

/// End-to-end tests of the `nmmfit` executable (issues #7 and #9): bad input gives a non-zero
/// exit, one clear line on stderr and no output file; the batch workflow run locally equals one run.
@Suite("Command line")
struct CLITests {
    // The runner lives in TestSupport (shared by every test target); these names stay for the
    // suites that use them.
    static var binary: URL { NMMFitBinary.url }
    typealias Run = NMMFitBinary.Run

    /// Runs the binary; `env` adds to (or replaces in) this process's environment.
    static func run(_ args: [String], cwd: URL? = nil, env: [String: String] = [:]) throws -> Run {
        try NMMFitBinary.run(args, cwd: cwd, env: env)
    }

    static func tempDir() throws -> URL { try TemporaryFolder.make() }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var args: [String]
        var fragment: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "missing spec file", args: ["fit", "--spec", "/nonexistent/model.json"], fragment: "/nonexistent/model.json"),
        BadCase(name: "unknown dataset", args: ["fit", "--dataset", "xenon9t"], fragment: "unknown dataset 'xenon9t'"),
        BadCase(name: "negative μν", args: ["spectrum", "--mu", "-1e-11"], fragment: "--mu"),
        BadCase(name: "window above the data", args: ["fit", "--emin", "10"], fragment: "energy window"),
        BadCase(name: "window outside the efficiency table", args: ["fit", "--dataset", "xenonnt_sr0", "--emax", "40"], fragment: "efficiency table"),
        BadCase(name: "emin ≥ emax", args: ["fit", "--emin", "5", "--emax", "3"], fragment: "--emax"),
        BadCase(name: "bad confidence level", args: ["interval", "--cl", "1.5"], fragment: "--cl"),
        BadCase(name: "unknown source", args: ["spectrum", "--sources", "pp,xx"], fragment: "unknown solar source 'xx'"),
    ]

    @Test("bad input: non-zero exit, one clear message, no stack trace, no output file", arguments: badCases)
    func badInput(c: BadCase) throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.json").path
        let r = try Self.run(c.args + ["-o", out])
        #expect(r.status != 0)
        #expect(r.stderr.contains(c.fragment), "stderr: \(r.stderr)")
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump") && !r.stderr.contains("backtrace"))
        #expect(!FileManager.default.fileExists(atPath: out))
        #expect((try FileManager.default.contentsOfDirectory(atPath: dir.path)).isEmpty, "no temporary files left")
    }

    @Test("malformed spec files: the message names the file and the key path")
    func malformedSpec() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("model.json")
        #expect(try Self.run(["fit", "--save-spec", spec.path, "-q"]).status == 0)
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "\"nmmfit_model\" : 2", with: "\"nmmfit_model\" : 9").write(to: spec, atomically: true, encoding: .utf8)
        var r = try Self.run(["fit", "--spec", spec.path])
        #expect(r.status == 2 && r.stderr.contains("model.json") && r.stderr.contains("nmmfit_model"), "\(r.stderr)")
        try text.replacingOccurrences(of: "\"bin_edges_keV\"", with: "\"bin_edges\"").write(to: spec, atomically: true, encoding: .utf8)
        r = try Self.run(["fit", "--spec", spec.path])
        #expect(r.status == 2 && r.stderr.contains("channels[0].bin_edges") && r.stderr.contains("unknown key"), "\(r.stderr)")
        try "{ not json".write(to: spec, atomically: true, encoding: .utf8)
        r = try Self.run(["fit", "--spec", spec.path])
        #expect(r.status == 2 && r.stderr.contains("malformed JSON"), "\(r.stderr)")
    }

    @Test("an existing output is kept without --force and replaced with it")
    func noOverwrite() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("fit.json").path
        try "keep me".write(toFile: out, atomically: true, encoding: .utf8)
        let r = try Self.run(["fit", "-o", out, "-q"])
        #expect(r.status == 2 && r.stderr.contains("--force"))
        #expect(try String(contentsOfFile: out, encoding: .utf8) == "keep me")
        #expect(try Self.run(["fit", "-o", out, "--force", "-q"]).status == 0)
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out))) as! [String: Any]
        #expect(json["mu_nu_best_muB"] is Double && json["interval_muB"] is [Double] && json["converged"] as? Bool == true)
    }

    /// Issue #9: the job files `nmmfit batch` writes, run locally shard by shard and merged with the
    /// generated merge script, give exactly the file of one local run.
    @Test("batch shards run locally and merged equal a single run")
    func batchEqualsSingleRun() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let b = try Self.run(["batch", "--system", "htcondor", "-n", "45", "--nshards", "4", "--seed", "11", "--name", "st",
                              "--outdir", dir.path, "--executable", Self.binary.path, "--", "--mu", "1e-11"])
        #expect(b.status == 0, "\(b.stderr)")
        let wrapper = dir.appendingPathComponent("st-shard.sh").path
        for i in 0..<4 {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/sh")
            p.arguments = [wrapper, String(i)]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0)
        }
        // all shards complete: re-writing the job queues nothing
        let again = try Self.run(["batch", "--system", "htcondor", "-n", "45", "--nshards", "4", "--seed", "11", "--name", "st",
                                  "--outdir", dir.path, "--executable", Self.binary.path, "--", "--mu", "1e-11"])
        #expect(again.stderr.contains("0 of 4 shards pending"), "\(again.stderr)")
        let m = Process()
        m.executableURL = URL(fileURLWithPath: "/bin/sh")
        m.arguments = [dir.appendingPathComponent("st-merge.sh").path]
        try m.run()
        m.waitUntilExit()
        #expect(m.terminationStatus == 0)
        let single = dir.appendingPathComponent("single.jsonl").path
        #expect(try Self.run(["toys", "-n", "45", "--seed", "11", "--mu", "1e-11", "-o", single, "-q"]).status == 0)
        let merged = try String(contentsOf: dir.appendingPathComponent("st.jsonl"), encoding: .utf8).split(separator: "\n").dropFirst()
        let one = try String(contentsOfFile: single, encoding: .utf8).split(separator: "\n").dropFirst()
        #expect(merged.count == 45)
        #expect(Array(merged) == Array(one))
    }

    @Test("the main job prints the refit table and writes a report folder")
    func mainJob() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = try Self.run(["fit", "--report", dir.appendingPathComponent("report").path])
        #expect(r.status == 0)
        #expect(r.stdout.contains("best-fit μν") && r.stdout.contains("90% CL interval") && r.stdout.contains("significance"))
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("report").path)
        #expect(files.contains("summary.md") && files.contains("spectrum_xenon1t_sr1.svg") && files.contains("model_spec.json"))
    }
}
