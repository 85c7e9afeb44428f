import Foundation
import Testing

/// Issue #17: the hostile-input corpus in `Tests/HostileInput/cases.json`, run against the built
/// `nmmfit`. Every case — crashes, unbounded runs, silent wrong results, unclear messages — must
/// end without a signal and within a time limit, with the expected exit code, exactly one line on
/// stderr holding the expected fragment (or the expected result on stdout for exit 0), the earlier
/// output `$OUT` unchanged and no new file (temporary or lock file) left in its folder.
@Suite("Hostile input corpus")
struct HostileInputTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let corpus = root.appendingPathComponent("Tests/HostileInput/cases.json")
    /// Generous for a debug build on a loaded 2-core machine; an unbounded run never ends.
    static let timeLimit: TimeInterval = Double(ProcessInfo.processInfo.environment["NMMFIT_HOSTILE_TIMEOUT"] ?? "") ?? 120
    /// The binary under test (`NMMFIT_HOSTILE_BINARY` runs the corpus against another build,
    /// e.g. an older commit, to see which cases it fails).
    static let binary = ProcessInfo.processInfo.environment["NMMFIT_HOSTILE_BINARY"].map { URL(fileURLWithPath: $0) } ?? CLITests.binary

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var kind: String
        var json: [String: any Sendable]
        var testDescription: String { "[\(kind)] \(name)" }
    }

    static let cases: [Case] = {
        guard let data = try? Data(contentsOf: corpus),
              let top = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let list = top["cases"] as? [[String: Any]] else { return [] }
        return list.map { c in
            Case(name: c["name"] as? String ?? "?", kind: c["kind"] as? String ?? "?",
                 json: c.compactMapValues { Self.sendable($0) })
        }
    }()

    /// JSON values as Sendable values (strings, numbers, booleans, arrays, objects).
    static func sendable(_ v: Any) -> (any Sendable)? {
        switch v {
        case let s as String: return s
        case let n as NSNumber: return n.doubleValue
        case let a as [Any]: return a.compactMap { sendable($0) }
        case let d as [String: Any]: return d.compactMapValues { sendable($0) }
        default: return nil
        }
    }

    @Test("the corpus has every kind of failure the issue lists")
    func corpusCoversKinds() {
        let kinds = Set(Self.cases.map(\.kind))
        #expect(kinds == ["crash", "unbounded", "silent-wrong", "unclear-message"], "\(kinds)")
        #expect(Self.cases.count >= 30)
    }

    @Test("hostile input ends in one clear line, the right exit code and no output damage", arguments: cases)
    func hostile(_ c: Case) throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("nmmfit-hostile-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let out = work.appendingPathComponent("out.json")
        let previous = "previous output\n"
        try previous.write(to: out, atomically: true, encoding: .utf8)
        func expand(_ s: String) -> String {
            s.replacingOccurrences(of: "$WORK", with: work.path).replacingOccurrences(of: "$OUT", with: out.path)
        }
        for step in c.json["setup"] as? [any Sendable] ?? [] {
            try Self.setUp(step as? [String: any Sendable] ?? [:], expand: expand)
        }
        let before = try Self.listing(work)

        let args = (c.json["args"] as? [any Sendable] ?? []).compactMap { $0 as? String }.map(expand)
        let env = (c.json["env"] as? [String: any Sendable] ?? [:]).compactMapValues { ($0 as? String).map(expand) }
        let r = try Self.run(args, stdout: c.json["stdout"] as? String, stderr: c.json["stderr"] as? String, environment: env)
        let expectedExit = Int32((c.json["exit"] as? Double) ?? -1)

        #expect(!r.timedOut, "did not finish within \(Self.timeLimit) s")
        #expect(!r.signalled, "killed by signal \(r.status)")
        #expect(r.status == expectedExit, "exit \(r.status), expected \(expectedExit); stderr: \(r.stderr.prefix(500))")
        let fragment = c.json["message"] as? String ?? ""
        if expectedExit != 0 && c.json["stderr"] == nil {
            let lines = r.stderr.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 2 && lines[1].isEmpty, "stderr must be one line: \(r.stderr.prefix(500))")
            #expect(r.stderr.count <= 1000, "stderr has \(r.stderr.count) characters")
            #expect(r.stderr.contains(fragment), "stderr: \(r.stderr.prefix(500))")
        }
        if let want = c.json["stdout_contains"] as? String {
            #expect(r.stdout.contains(want), "stdout: \(r.stdout.prefix(500)) stderr: \(r.stderr.prefix(300))")
        }
        #expect(try String(contentsOf: out, encoding: .utf8) == previous, "the earlier output was changed")
        let after = try Self.listing(work)
        #expect(after == before, "files left behind: \(after.subtracting(before).sorted())")
        for step in c.json["setup"] as? [any Sendable] ?? [] {
            guard let link = (step as? [String: any Sendable])?["symlink"] as? String else { continue }
            var st = stat()
            #expect(lstat(expand(link), &st) == 0 && (st.st_mode & S_IFMT) == S_IFLNK, "the symbolic link was replaced")
        }
    }

    @Test("two processes writing the same toys file, or a merge --force onto it: the second is refused, the file stays complete")
    func oneWriterPerToysFile() throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("nmmfit-lock-\(UUID().uuidString)")
        let other = fm.temporaryDirectory.appendingPathComponent("nmmfit-lock-shard-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        try fm.createDirectory(at: other, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work); try? fm.removeItem(at: other) }
        let shard = other.appendingPathComponent("s.jsonl").path
        #expect(try Self.run(["toys", "-n", "5", "-o", shard, "-q"], stdout: nil, stderr: nil).status == 0)
        let toys = work.appendingPathComponent("t.jsonl").path
        let first = Process()
        first.executableURL = Self.binary
        first.arguments = ["toys", "-n", "60000", "--threads", "1", "-o", toys, "-q"]
        try first.run()
        // wait until the first writer holds the lock (its lock file exists)
        let lockFile = work.appendingPathComponent(".t.jsonl.lock").path
        let deadline = Date().addingTimeInterval(60)
        while !fm.fileExists(atPath: lockFile) && Date() < deadline && first.isRunning { usleep(20_000) }
        let second = try Self.run(["toys", "-n", "60000", "--threads", "1", "-o", toys, "-q"], stdout: nil, stderr: nil)
        let merge = try Self.run(["merge", shard, "-o", toys, "--force", "-q"], stdout: nil, stderr: nil)
        let secondStartedWhileFirstRan = first.isRunning
        first.waitUntilExit()
        #expect(first.terminationStatus == 0)
        #expect(!fm.fileExists(atPath: lockFile), "the lock file is removed")
        // (on a very fast machine the first run may end before the second starts: then the
        // second simply resumes a complete file)
        guard secondStartedWhileFirstRan || second.status != 0 else { return }
        #expect(second.status == 2 && second.stderr.contains("another nmmfit process"), "\(second.stderr)")
        #expect(merge.status == 2 && merge.stderr.contains("another nmmfit process"), "merge --force: \(merge.stderr)")
        let lines = try String(contentsOfFile: toys, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 60001, "header + 60000 toys")
        #expect(try fm.contentsOfDirectory(atPath: work.path) == ["t.jsonl"], "no lock or temporary file left")
    }

    /// Starts nmmfit with stdout and stderr to pipes.
    static func started(_ args: [String]) throws -> (Process, Pipe, Pipe) {
        let p = Process()
        p.executableURL = Self.binary
        p.arguments = args
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        return (p, out, err)
    }

    /// Waits for process `p` to end and returns its stdout and stderr.
    static func finished(_ p: (Process, Pipe, Pipe)) -> (stdout: String, stderr: String) {
        let so = String(decoding: p.1.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let se = String(decoding: p.2.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.0.waitUntilExit()
        return (so, se)
    }

    @Test("interrupts: significance keeps its finished toys on SIGINT (exit 130, p-value from them)")
    func interruptsKeepWork() throws {
        let sig = try Self.started(["significance", "--toys", "1000000", "--threads", "1"])
        // the toys have begun when the command's SIGINT handler is in place (installed just
        // before them); then wait until the process has used 2 s of CPU, so that at least one
        // block of toys is done whatever the machine's load
        Self.waitForHandler(sig.0.processIdentifier, signal: SIGINT, timeout: 600)
        Self.waitForCPU(sig.0.processIdentifier, seconds: 2, timeout: 600)
        kill(sig.0.processIdentifier, SIGINT)
        let (so, se) = Self.finished(sig)
        #expect(sig.0.terminationReason == .exit && sig.0.terminationStatus == 130, "\(sig.0.terminationStatus) \(se)")
        #expect(so.contains("background-only toys have q0 ≥ q0_obs"), "stdout: \(so)")
        #expect(se.contains("the toy p-value uses the") && se.contains("of 1000000 toys finished"), "stderr: \(se)")
    }

    @Test("interrupts: significance --save-toys keeps the finished toys on SIGINT; re-running resumes and gives exactly the uninterrupted numbers")
    func significanceResumes() throws {
        try Self.checkInterruptAndResume(["significance", "--toys", "20000", "--seed", "11", "--threads", "1", "--json"],
                                         toys: 20000, resultKey: "p_value_toys")
    }

    @Test("interrupts: sensitivity --save-toys keeps the finished toys on SIGINT; re-running resumes and gives exactly the uninterrupted band")
    func sensitivityResumes() throws {
        try Self.checkInterruptAndResume(["sensitivity", "--toys", "60", "--seed", "5", "--threads", "1", "--json"],
                                         toys: 60, resultKey: "band")
    }

    @Test("interrupts: compare --save-toys keeps the finished toys on SIGINT; re-running resumes and gives exactly the uninterrupted p-value")
    func comparisonResumes() throws {
        try Self.checkInterruptAndResume(["compare", "--toys", "20000", "--seed", "4", "--threads", "1", "--json"],
                                         toys: 20000, resultKey: "p_value_toys")
    }

    @Test("interrupts: fit --save-toys keeps the finished compatibility toys on SIGINT; re-running resumes and gives exactly the uninterrupted result")
    func compatibilityResumes() throws {
        try Self.checkInterruptAndResume(["fit", "--dataset", "xenon1t_sr1", "--dataset", "xenonnt_sr0", "--compatibility-toys", "1000",
                                          "--seed", "3", "--json"], toys: 1000, resultKey: "p_value_toys", within: "compatibility")
    }

    @Test("limits: a toy request above what one process may run is one line, exit 64, at once, saying how to go further; shards of a large study pass")
    func toyWorkLimit() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-work-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let out = tmp.appendingPathComponent("x.jsonl").path
        let refused: [([String], String)] = [
            (["significance", "--toys", "5000000"], "nmmfit merge"),
            (["sensitivity", "--toys", "1000000"], "--save-toys"),
            (["compare", "--toys", "10000000"], "--save-toys"),
            (["fit", "--dataset", "all", "--compatibility-toys", "1000000"], "--save-toys"),
            (["toys", "-n", "100000000", "-o", out], "--nshards"),
            (["toys", "-n", "100000000", "--shard", "0", "--nshards", "10", "-o", out], "--nshards"),
            (["interval", "--method", "feldman-cousins", "--toys", "1000000"], "--from-toys"),
            (["coverage", "--toys", "100000"], "--critical-toys"),
            (["coverage", "--mu", "0", "--toys", "10000000", "--write-toys", out], "--nshards"),
            // the model's size counts: 58 bins instead of XENON1T's 6 (checked once it is built)
            (["significance", "--dataset", "xenonnt_sr0", "--bin-width", "0.5", "--toys", "1000000"], "58 bins"),
        ]
        for (args, hint) in refused {
            let t0 = Date()
            let r = try Self.run(args + ["-q"], stdout: nil, stderr: nil)
            #expect(r.status == 64, "\(args): \(r.status) \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("above the limit of 45 s per process")
                    && r.stderr.contains("NMMFIT_MAX_TOY_SECONDS") && r.stderr.contains(hint), "\(args): \(r.stderr)")
            #expect(Date().timeIntervalSince(t0) < 120, "\(args) refused at once")
            #expect(!FileManager.default.fileExists(atPath: out), "\(args): no output")
        }
        // a shard of a study of 10⁸ toys in 100 shards is within what one process may run: not
        // refused by the limit (it fails later, on a folder as its output, before any toy)
        let shard = try Self.run(["toys", "-n", "100000000", "--shard", "3", "--nshards", "100", "-o", tmp.path, "-q"], stdout: nil, stderr: nil)
        #expect(shard.status == 2 && !shard.stderr.contains("above the limit"), "\(shard.stderr)")
    }

    @Test("limits: a model's bins are limited all channels together (two channels of 15000 bins, each within the per-channel limit): one line, exit 2")
    func modelBinsLimit() throws {
        let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-bins-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: tmp) }
        let saved = tmp.appendingPathComponent("saved.json"), big = tmp.appendingPathComponent("big.json")
        #expect(try Self.run(["fit", "--save-spec", saved.path, "-q"], stdout: nil, stderr: nil).status == 0)
        var spec = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: saved)) as? [String: Any])
        let channel = try #require((spec["channels"] as? [[String: Any]])?.first)
        let n = 15000
        func wide(_ name: String) -> [String: Any] {
            var c = channel
            c["name"] = name
            c["bin_edges_keV"] = (0...n).map { 1 + 6 * Double($0) / Double(n) }
            c["observed"] = Array(repeating: 10.0, count: n)
            c["samples"] = (channel["samples"] as? [[String: Any]] ?? []).map { s -> [String: Any] in
                var s = s
                s["counts"] = Array(repeating: 0.01, count: n)
                return s
            }
            return c
        }
        spec["channels"] = [wide("a"), wide("b")]
        spec["analysis"] = nil
        try JSONSerialization.data(withJSONObject: spec).write(to: big)
        let r = try Self.run(["fit", "--spec", big.path, "-q"], stdout: nil, stderr: nil)
        #expect(r.status == 2 && r.stderr.split(separator: "\n").count == 1 && r.stderr.contains("big.json")
                && r.stderr.contains("30000 is above the limit of 25000 bins in all channels together"), "\(r.status) \(r.stderr)")
    }

    /// Runs `args --save-toys FILE` (a command with `toys` toys and JSON output), sends SIGINT once
    /// the file holds a block of toys (the file is appended block by block), re-runs the same
    /// command on the same file, and checks: the interrupt kept the finished toys (exit 130),
    /// the re-run resumed from them, and its numbers (all keys but `command`, including
    /// `resultKey`) and its toys file equal those of an uninterrupted run — and of a run
    /// without a file. An optimised build on a fast machine may finish every toy before the
    /// signal lands (exit 0, all toys in the file); the resume is then checked from there.
    /// `within` names the result's object that holds `toys` and `resultKey` (nil: the top level).
    static func checkInterruptAndResume(_ args: [String], toys: Int, resultKey: String, within: String? = nil) throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("nmmfit-resume-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let (resumed, whole) = (work.appendingPathComponent("resumed.jsonl").path, work.appendingPathComponent("whole.jsonl").path)
        let first = try interruptedOnce(args + ["--save-toys", resumed], file: resumed, lines: 2)
        let (firstErr, kept) = (first.stderr, first.kept)
        #expect(first.status == 130 || (first.status == 0 && kept == toys), "\(first.status) \(firstErr)")
        if first.status == 130 { #expect(firstErr.contains("they are kept in \(resumed)"), "\(firstErr)") }
        #expect(kept > 0 && kept <= toys, "\(kept) toys kept after the interrupt")

        let again = try run(args + ["--save-toys", resumed], stdout: nil, stderr: nil)
        #expect(again.status == 0, "\(again.stderr)")
        #expect(again.stderr.contains("resuming: \(kept) toys already in"), "\(again.stderr)")
        let reference = try run(args + ["--save-toys", whole], stdout: nil, stderr: nil)
        #expect(reference.status == 0, "\(reference.stderr)")
        func numbers(_ json: String) throws -> NSDictionary {
            NSDictionary(dictionary: (try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any] ?? [:]).filter { $0.key != "command" })
        }
        let (a, b) = (try numbers(again.stdout), try numbers(reference.stdout))
        let result = within.map { a[$0] as? NSDictionary ?? [:] } ?? a
        #expect(result["toys"] as? Int == toys && result[resultKey] != nil, "\(a)")
        #expect(a == b, "resumed \(a) vs uninterrupted \(b)")
        #expect(try Data(contentsOf: URL(fileURLWithPath: resumed)) == Data(contentsOf: URL(fileURLWithPath: whole)), "the toys files are equal byte for byte")
        let plain = try run(args, stdout: nil, stderr: nil)
        let plainNumbers = try? numbers(plain.stdout)
        #expect(plain.status == 0 && plainNumbers == b, "the same numbers without a file: \(plain.stderr)")
    }

    /// SIGQUIT ends the process at once with one line and exit 131 — in a stage that keeps its
    /// work on Ctrl-C (the compatibility toys of a combination) as elsewhere (a fit's set-up).
    /// The signal is sent once nmmfit's handler is in place (seen in /proc/PID/status), not
    /// after a fixed sleep: a signal that arrives while the dynamic loader is still running
    /// meets the disposition the process inherited (the default, a core dump; or "ignore" in a
    /// shell's background job, when the run then simply finishes with exit 0) — no program
    /// can act on it before its own code runs.
    static func quitsAtOnce(_ args: [String], marker: Int32) throws {
        let fit = try Self.started(args)
        Self.waitForHandler(fit.0.processIdentifier, signal: marker, timeout: 600)
        kill(fit.0.processIdentifier, SIGQUIT)
        let (so, se) = Self.finished(fit)
        #expect(fit.0.terminationReason == .exit && fit.0.terminationStatus == 131, "\(fit.0.terminationReason) \(fit.0.terminationStatus) \(se)")
        #expect(se.split(separator: "\n").count == 1 && se.contains("quit (SIGQUIT): stopped at once"), "\(se)")
        #expect(!se.contains("Backtrace") && !se.contains("Crash") && !se.contains("interrupted"), "\(se)")
        #expect(so.isEmpty, "nothing printed after a quit: \(so)")
    }

    @Test("interrupts: SIGQUIT during the compatibility toys (where Ctrl-C keeps work) ends at once, exit 131, one line")
    func quitDuringToys() throws {
        // the SIGINT handler is installed just before the compatibility toys: the marker of that stage
        try Self.quitsAtOnce(["fit", "--dataset", "all", "--compatibility-toys", "60000", "-q"], marker: SIGINT)
    }

    @Test("interrupts: SIGQUIT before any toys ends at once, exit 131, one line")
    func quitBeforeToys() throws {
        try Self.quitsAtOnce(["fit", "--dataset", "all", "--compatibility-toys", "60000", "-q"], marker: SIGQUIT)
    }

    @Test("a write past the file-size limit (ulimit -f) is one line and exit 2, not SIGXFSZ; no partial output, no temporary file", arguments: [
        ["fit", "--json", "-o", "OUT", "-q"], ["toys", "-n", "3000", "-o", "OUT", "-q"],
    ])
    func fileSizeLimit(_ args: [String]) throws {
        let fm = FileManager.default
        let work = fm.temporaryDirectory.appendingPathComponent("nmmfit-hostile-fsize-\(UUID().uuidString)")
        try fm.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: work) }
        let out = work.appendingPathComponent("out")
        // 1 block of 512 bytes: smaller than either output
        let r = try Self.run(["/bin/sh", "-c", "ulimit -f 1 && exec \"$0\" \"$@\"", Self.binary.path] + args.map { $0 == "OUT" ? out.path : $0 },
                             stdout: nil, stderr: nil, executable: URL(fileURLWithPath: "/bin/sh"))
        #expect(!r.signalled && r.status != 128 + SIGXFSZ, "killed by SIGXFSZ (status \(r.status))")
        #expect(r.status == 2, "exit \(r.status); stderr: \(r.stderr.prefix(300))")
        #expect(r.stderr.contains("file too large") && r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr.prefix(300))")
        let left = try fm.contentsOfDirectory(atPath: work.path).filter { $0.contains(".tmp-") || $0.hasSuffix(".lock") }
        #expect(left.isEmpty, "left behind: \(left)")
        if args[0] == "fit" { #expect(!fm.fileExists(atPath: out.path), "a partial result was left") }
    }

    // MARK: - running and set-up

    /// Waits until the file at `path` has `atLeast` lines, or process `p` has ended (10 min at most).
    /// Runs `args`, sends SIGINT once its handler is installed and the toys file `file` holds
    /// `lines` lines (the file is appended block by block), and waits for the end: the exit
    /// status, the output, and the toys kept (the file's lines after its header).
    static func interruptedOnce(_ args: [String], file: String, lines: Int) throws -> (status: Int32, stdout: String, stderr: String, kept: Int) {
        let run = try started(args)
        waitForHandler(run.0.processIdentifier, signal: SIGINT, timeout: 600)
        waitForLines(file, atLeast: lines, while: run.0)
        kill(run.0.processIdentifier, SIGINT)
        let (out, err) = finished(run)
        let kept = try String(contentsOfFile: file, encoding: .utf8).split(separator: "\n").count - 1
        return (run.0.terminationStatus, out, err, kept)
    }

    static func waitForLines(_ path: String, atLeast: Int, while p: Process) {
        let deadline = Date().addingTimeInterval(600)
        while p.isRunning && Date() < deadline,
              (try? String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").count) ?? 0 < atLeast { usleep(20_000) }
    }

    /// Waits until process `pid` catches `signal` (its bit in SigCgt of /proc/PID/status), or
    /// `timeout` seconds have passed, or it has ended. Without /proc: returns.
    static func waitForHandler(_ pid: Int32, signal: Int32, timeout: TimeInterval) {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return }
            if status.contains("State:\tZ") { return }
            if let line = status.split(separator: "\n").first(where: { $0.hasPrefix("SigCgt:") }),
               let mask = UInt64(line.dropFirst("SigCgt:".count).trimmingCharacters(in: .whitespaces), radix: 16),
               mask & (1 << UInt64(signal - 1)) != 0 { return }
            usleep(2_000)
        }
    }

    /// Waits until process `pid` has used `seconds` of CPU time (user + system, from
    /// /proc/PID/stat), or `timeout` seconds have passed, or it has ended. Without /proc: returns.
    static func waitForCPU(_ pid: Int32, seconds: Double, timeout: TimeInterval) {
        let ticks = Double(sysconf(Int32(_SC_CLK_TCK)))
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
                  let close = stat.lastIndex(of: ")") else { return }
            // fields after "(comm)": state is field 3, utime 14, stime 15
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            guard fields.count > 12, let user = Double(fields[11]), let system = Double(fields[12]) else { return }
            if fields[0] == "Z" || (user + system) / ticks >= seconds { return }
            usleep(100_000)
        }
    }

    struct Result {
        var status: Int32
        var signalled: Bool
        var timedOut: Bool
        var stdout: String
        var stderr: String
    }

    /// Runs nmmfit with stdout/stderr to files (or /dev/full, or a pipe whose reader is closed).
    static func run(_ args: [String], stdout: String?, stderr: String?, environment: [String: String] = [:], executable: URL? = nil) throws -> Result {
        let fm = FileManager.default
        let tmp = fm.temporaryDirectory.appendingPathComponent("nmmfit-hostile-io-\(UUID().uuidString)")
        try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
        defer { try? fm.removeItem(at: tmp) }
        let outURL = tmp.appendingPathComponent("stdout"), errURL = tmp.appendingPathComponent("stderr")
        fm.createFile(atPath: outURL.path, contents: nil)
        fm.createFile(atPath: errURL.path, contents: nil)
        let p = Process()
        p.executableURL = executable ?? Self.binary
        p.arguments = executable == nil ? args : Array(args.dropFirst())
        if !environment.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 } }
        var keepAlive: [Any] = []
        switch stdout {
        case "devfull": p.standardOutput = FileHandle(forWritingAtPath: "/dev/full")
        case "closed":
            let pipe = Pipe()
            pipe.fileHandleForReading.closeFile()
            p.standardOutput = pipe
            keepAlive.append(pipe)
        default: p.standardOutput = try FileHandle(forWritingTo: outURL)
        }
        p.standardError = stderr == "devfull" ? FileHandle(forWritingAtPath: "/dev/full") : try FileHandle(forWritingTo: errURL)
        try p.run()
        let deadline = Date().addingTimeInterval(timeLimit)
        var timedOut = false
        while p.isRunning {
            if Date() > deadline {
                timedOut = true
                // SIGKILL: a child of the test runner may inherit a mask that blocks SIGTERM
                kill(p.processIdentifier, SIGKILL)
                break
            }
            usleep(10_000)
        }
        p.waitUntilExit()
        _ = keepAlive
        return Result(status: p.terminationStatus, signalled: p.terminationReason == .uncaughtSignal, timedOut: timedOut,
                      stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
                      stderr: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self))
    }

    /// All paths under a folder (relative), to see that nothing was left behind.
    static func listing(_ dir: URL) throws -> Set<String> {
        var out = Set<String>()
        let e = FileManager.default.enumerator(atPath: dir.path)
        while let p = e?.nextObject() as? String { out.insert(p) }
        return out
    }

    static func setUp(_ step: [String: any Sendable], expand: (String) -> String) throws {
        let fm = FileManager.default
        func parent(_ p: String) throws {
            try fm.createDirectory(at: URL(fileURLWithPath: p).deletingLastPathComponent(), withIntermediateDirectories: true)
        }
        if let p = step["write"] as? String {
            let path = expand(p)
            try parent(path)
            let text = step["text"] as? String ?? ""
            let utf16 = text.data(using: .utf16LittleEndian)!
            let data = switch step["encoding"] as? String {
            case "utf16": Data([0xFF, 0xFE]) + utf16
            case "utf16-nobom": utf16
            default: Data(text.utf8)
            }
            try data.write(to: URL(fileURLWithPath: path))
        } else if let p = step["repeat"] as? String {
            let path = expand(p)
            try parent(path)
            let unit = Data((step["unit"] as? String ?? "").utf8)
            var body = Data((step["prefix"] as? String ?? "").utf8)
            for _ in 0..<Int(step["count"] as? Double ?? 0) { body.append(unit) }
            body.append(Data((step["suffix"] as? String ?? "").utf8))
            if step["append"] as? Double == 1, let h = FileHandle(forWritingAtPath: path) {
                h.seekToEndOfFile()
                h.write(body)
                h.closeFile()
            } else {
                try body.write(to: URL(fileURLWithPath: path))
            }
        } else if let p = step["indent_nest"] as? String {
            let path = expand(p)
            try parent(path)
            // `separator`: the line break (libyaml also breaks lines at U+0085, U+2028 and U+2029)
            let br = step["separator"] as? String ?? "\n"
            var s = "nmmfit_dataset: 1" + br + "notes:" + br
            for i in 1...Int(step["count"] as? Double ?? 1) { s += String(repeating: " ", count: i) + "a\(i):" + br }
            try s.write(toFile: path, atomically: true, encoding: .utf8)
        } else if let name = step["copy_dataset"] as? String {
            let dest = URL(fileURLWithPath: expand(step["to"] as? String ?? ""))
            try fm.createDirectory(at: dest.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: root.appendingPathComponent("data/\(name)"), to: dest)
            for e in step["edits"] as? [any Sendable] ?? [] {
                guard let e = e as? [String: any Sendable], let file = e["file"] as? String,
                      let find = e["find"] as? String, let replace = e["replace"] as? String else { continue }
                let url = dest.appendingPathComponent(file)
                let text = try String(contentsOf: url, encoding: .utf8)
                #expect(text.contains(find), "set-up: \(file) has no '\(find)'")
                let edited = text.replacingOccurrences(of: find, with: replace)
                // latin1: the replacement's U+00FF becomes the single (invalid UTF-8) byte 0xFF
                let data = e["latin1"] as? Double == 1 ? edited.data(using: .isoLatin1)! : Data(edited.utf8)
                try data.write(to: url)
            }
        } else if let p = step["line_ends"] as? String {
            let url = URL(fileURLWithPath: expand(p))
            let text = try String(contentsOf: url, encoding: .utf8)
            let out: String
            switch step["style"] as? String {
            case "crlf": out = text.replacingOccurrences(of: "\n", with: "\r\n")
            case "cr": out = text.replacingOccurrences(of: "\n", with: "\r")
            default: out = "\u{FEFF}" + text
            }
            try Data(out.utf8).write(to: url)
        } else if let p = step["zero_column"] as? String {
            let url = URL(fileURLWithPath: expand(p))
            let col = Int(step["column"] as? Double ?? 0)
            var header = false
            let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
                if line.hasPrefix("#") || line.isEmpty { return String(line) }
                if !header { header = true; return String(line) }
                var f = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if f.indices.contains(col) { f[col] = "0" }
                return f.joined(separator: ",")
            }
            try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
        } else if let p = step["fifo"] as? String {
            #expect(mkfifo(expand(p), 0o644) == 0)
        } else if let p = step["symlink"] as? String, let target = step["to"] as? String {
            try fm.createSymbolicLink(atPath: expand(p), withDestinationPath: target)
        } else if let p = step["mkdir"] as? String {
            try fm.createDirectory(atPath: expand(p), withIntermediateDirectories: true)
        }
    }
}
