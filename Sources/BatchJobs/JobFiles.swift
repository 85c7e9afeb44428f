import Formats
import Foundation
import Likelihood

/// The job files of one sharded toy study (``BatchOptions``): texts, names, their writing and
/// their submission.
public struct JobFiles {
    public let batch: BatchOptions
    public let header: ToyFileHeader
    /// Absolute output folder.
    public let dir: String
    /// Absolute data folder the toys read (set as NMMFIT_DATA in every job).
    public let dataDir: String
    /// Slurm's MaxArraySize (array indices are below it).
    public let maxArraySize: Int
    /// The nmmfit executable the jobs run.
    public let exe: String
    /// Where `batch` ran: the jobs start there, so relative paths in the toys options and the
    /// resubmit command mean what they meant here.
    public let cwd = FileManager.default.currentDirectoryPath
    /// This submission's number (1 for the first; each resubmission, automatic or not, adds one).
    public var attempt = 1
    /// Automatic resubmissions left after this one.
    public var retriesLeft = 0
    /// --mem of this attempt (raised by --retry-mem-factor on retries).
    public var memory: String?

    /// - Parameter header: the study's toys-file header, with its shard count and this build's version and commit.
    public init(batch: BatchOptions, header: ToyFileHeader, dir: String, dataDir: String, maxArraySize: Int) {
        self.batch = batch
        self.header = header
        self.dir = dir
        self.dataDir = dataDir
        self.maxArraySize = maxArraySize
        memory = batch.mem
        exe = batch.executable.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
            ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: batch.commandLine.first ?? CommandLine.arguments[0]).standardizedFileURL.path
    }

    public var name: String { batch.name }
    public var nshards: Int { header.nshards }
    public var mergedPath: String { "\(dir)/\(name).jsonl" }
    /// A coverage study's result (``BatchOptions/coverageCall(merged:output:)``), written by the merge step.
    public var coveragePath: String { "\(dir)/\(name).coverage.json" }
    /// One JSON line per submission and per merge outcome.
    public var attemptsPath: String { "\(dir)/\(name).attempts.jsonl" }
    /// The study record (``BatchStudy``).
    public var studyPath: String { "\(dir)/\(name).study.json" }
    public func shardPath(_ i: Int) -> String { "\(dir)/\(name)-shard-\(i).jsonl" }

    /// Submit files of this study now in the folder (removed when not rewritten).
    public func existingSubmitFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { f in
            [name + ".sbatch", name + ".sub", name + ".dag", name + "-merge.sub", name + "-pre.sh"].contains(f)
                || (f.hasPrefix(name + "-array-") && f.hasSuffix(".sbatch"))
        }
    }

    /// Submissions recorded in NAME.attempts.jsonl (read through ``TextInput``; none when it does not exist).
    public func previousSubmissions() throws -> Int {
        guard FileManager.default.fileExists(atPath: attemptsPath) else { return 0 }
        let text = try TextInput.read(path: attemptsPath, what: "attempts record")
        return text.split(separator: "\n").filter { $0.contains("\"submitted_utc\"") }.count
    }

    public static func shellQuote(_ s: String) -> String {
        s.range(of: "^[A-Za-z0-9_./=:,+@%-]+$", options: .regularExpression) != nil ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The shell command of one shard, with `shardVar` as the shell expression of its index.
    private func shardCommand(_ shardVar: String, executable: String? = nil, outputDir: String? = nil) -> String {
        var call = batch.toyCall(shard: 0, of: nshards)
        let outputOption = call[call.count - 2]  // -o (toys) or --write-toys (coverage)
        call.removeLast(2)
        if let i = call.firstIndex(of: "--shard") { call.removeSubrange(i...(i + 1)) }
        let out = outputDir.map { "\($0)/" } ?? "\(dir)/"
        return ([executable ?? exe] + call).map(Self.shellQuote).joined(separator: " ")
            + " --shard \"\(shardVar)\" \(outputOption) \"\(out)\(name)-shard-\(shardVar).jsonl\""
    }

    /// This `nmmfit batch` call with --submit, from the folder it ran in: what resubmits missing
    /// shards and a new merge job (`extra` goes before `--`).
    public func resubmitCommand(extra: [String] = []) -> String {
        var args = Array(batch.commandLine.dropFirst())
        var i = 0
        var out: [String] = []
        while i < args.count {
            let a = args[i]
            if a == "--" { out += args[i...]; break }
            if ["--force", "--dry-run", "--submit", "--calibration", "--no-calibration"].contains(a) || a.hasPrefix("--retries-left=") {
                i += 1
                continue
            }
            if a == "--retries-left" { i += 2; continue }
            out.append(a)
            i += 1
        }
        args = out
        args.insert(contentsOf: ["--submit"] + extra, at: min(1, args.count))
        return "cd \(Self.shellQuote(cwd)) && " + ([exe] + args).map(Self.shellQuote).joined(separator: " ")
    }

    private var slurmResources: [String] {
        var lines: [String] = []
        if let t = batch.time { lines.append("#SBATCH --time=\(t)") }
        if let p = batch.partition { lines.append("#SBATCH --partition=\(p)") }
        if let a = batch.account { lines.append("#SBATCH --account=\(a)") }
        for d in batch.directives {
            let body = d.hasPrefix("#SBATCH") ? String(d.dropFirst(7)).trimmingCharacters(in: .whitespaces) : d
            lines.append("#SBATCH \(body)")
        }
        return lines
    }

    /// ` VAR=value` for each of ``BatchOptions/jobEnvironment`` (shell words).
    private var exports: String {
        batch.jobEnvironment.map { " \($0.name)=\(Self.shellQuote($0.value))" }.joined()
    }

    private var study: String {
        "nmmfit \(batch.kind == .coverage ? "coverage" : "toy") study '\(name)': \(batch.ntoys) toys in \(nshards) shards, seed \(batch.seed), model digest \(header.modelDigest), attempt \(attempt)"
    }

    private func record(_ json: String) -> String {
        "printf '%s\\n' \"{\\\"attempt\\\":\(attempt),\(json),\\\"ended_utc\\\":\\\"$(date -u +%Y-%m-%dT%H:%M:%SZ)\\\"}\" >> \(Self.shellQuote(attemptsPath))"
    }

    /// The merge step: merges, or (Slurm, retries left) resubmits the missing shards and a new
    /// merge job, or fails with the command that resubmits.
    private func mergeBody(autoRetry: Bool) -> String {
        let shards = (0..<nshards).map { Self.shellQuote(shardPath($0)) }.joined(separator: " ")
        let mixed = batch.allowOtherBuild ? " --allow-mixed-builds" : ""
        let retry = autoRetry && retriesLeft > 0 ? """
                echo "retrying automatically (\(retriesLeft) automatic resubmission\(retriesLeft == 1 ? "" : "s") left): the missing shards and a new merge job" >&2
                if \(resubmitCommand(extra: ["--retries-left", String(retriesLeft - 1), "--no-calibration"])) >&2; then
                    \(record("\\\"merge\\\":\\\"retrying\\\""))
                    exit 0
                fi
                echo "the automatic resubmission failed" >&2

        """ : ""
        // the automatic resubmission checks the shards against the same toy budget as the first
        let env = batch.jobEnvironment.isEmpty ? "" : "export\(exports)\n"
        return """
        cd \(Self.shellQuote(cwd)) || exit 1
        \(env)# Merges the shards into \(mergedPath) (byte for byte a single run). It checks that every toy
        # is there: when a shard failed, it \(autoRetry && retriesLeft > 0 ? "resubmits the missing shards (automatic retry)" : "fails and says how to resubmit the missing shards").
        if \(Self.shellQuote(exe)) merge --quiet\(mixed) \(shards) -o \(Self.shellQuote(mergedPath)) --force; then
            echo "merged study '\(name)' into \(mergedPath) (attempt \(attempt))"
            \(record("\\\"merge\\\":\\\"merged\\\""))\(coverageStep)
        else
            status=$?
            echo "merge of study '\(name)' (attempt \(attempt)) failed: a shard failed or is incomplete (see \(dir)/\(name)-shard-*.attempt-\(attempt).log)." >&2
        \(retry)    \(record("\\\"merge\\\":\\\"failed\\\""))
            cat >&2 <<'RESUBMIT'
        Resubmit the missing shards and a new merge job with:
          \(resubmitCommand())
        RESUBMIT
            exit $status
        fi

        """
    }

    /// A coverage study's last step after the merge: the coverage points from the merged file.
    private var coverageStep: String {
        guard let call = batch.coverageCall(merged: mergedPath, output: coveragePath) else { return "" }
        return """

            # the coverage of the study from the merged toys (the points of a local `nmmfit coverage` with these options)
            if \(([exe] + call).map(Self.shellQuote).joined(separator: " ")); then
                echo "coverage of study '\(name)' written to \(coveragePath)"
            else
                status=$?
                echo "coverage of study '\(name)' could not be computed from \(mergedPath) (see the message above)" >&2
                exit $status
            fi
        """
    }

    public func arrays(pending: [Int]) -> ArrayJobs { ArrayJobs(pending: pending, maxArraySize: maxArraySize, throttle: batch.throttle) }

    /// File name of array job `j` of `count`.
    private func arrayFile(_ j: Int, of arrays: ArrayJobs) -> String {
        arrays.jobs.count == 1 && arrays.jobs[0].offset == 0 ? "\(name).sbatch" : "\(name)-array-\(j).sbatch"
    }

    /// (file name, text) of every file to write, given the shards still to run.
    public func files(pending: [Int]) -> [(String, String)] {
        switch batch.system {
        case .slurm: slurmFiles(pending: pending)
        case .htcondor: condorFiles(pending: pending)
        }
    }

    private func slurmFiles(pending: [Int]) -> [(String, String)] {
        let merge = (["#!/bin/sh", "#SBATCH --job-name=\(name)-merge", "#SBATCH --output=\(dir)/\(name)-merge.attempt-\(attempt).log",
                      "#SBATCH --cpus-per-task=1"] + slurmResources
            + ["# Merge job of \(study).", "# Submitted by `nmmfit batch --submit` with --dependency=afterany on the arrays; also runs as `sh \(dir)/\(name)-merge.sh`."])
            .joined(separator: "\n") + "\n" + mergeBody(autoRetry: true)
        guard !pending.isEmpty else { return [("\(name)-merge.sh", merge)] }
        let arrays = arrays(pending: pending)
        var files: [(String, String)] = []
        for (j, job) in arrays.jobs.enumerated() {
            let log = job.offset == 0 ? "\(dir)/\(name)-shard-%a.attempt-\(attempt).log" : "\(dir)/\(name)-array-\(j)-task-%a.attempt-\(attempt).log"
            var lines = ["#!/bin/sh", "#SBATCH --job-name=\(name)", "#SBATCH --array=\(arrays.spec(job))",
                         "#SBATCH --cpus-per-task=\(batch.threads)", "#SBATCH --output=\(log)"]
            if let m = memory { lines.append("#SBATCH --mem=\(m)") }
            lines += slurmResources
            lines += ["# \(study).",
                      "# Only shards without complete output are in --array; run `nmmfit batch` again to refresh it."]
            if job.offset > 0 { lines.append("# Task i runs shard \(job.offset) + i (array indices stay below MaxArraySize = \(maxArraySize)).") }
            lines += ["cd \(Self.shellQuote(cwd)) || exit 1",
                      "export NMMFIT_DATA=\(Self.shellQuote(dataDir)) NMMFIT_BATCH_ATTEMPT=\(attempt)\(exports)",
                      job.offset > 0 ? "shard=$((SLURM_ARRAY_TASK_ID + \(job.offset)))" : "shard=$SLURM_ARRAY_TASK_ID",
                      "exec \(shardCommand("$shard"))"]
            files.append((arrayFile(j, of: arrays), lines.joined(separator: "\n") + "\n"))
        }
        return files + [("\(name)-merge.sh", merge)]
    }

    private func condorFiles(pending: [Int]) -> [(String, String)] {
        let transfer = batch.transferFiles
        let exeName = URL(fileURLWithPath: exe).lastPathComponent
        let dataName = URL(fileURLWithPath: dataDir).lastPathComponent
        let wrapper = (["#!/bin/sh", "# Runs shard $1 of \(study) (DAG node retry $2)."]
            + (transfer
                ? ["# In the job's scratch folder: HTCondor transferred the executable, the data folder and the",
                   "# shard's earlier output (if any), and transfers the output back (no shared filesystem).",
                   "export NMMFIT_DATA=\"$PWD/\(dataName)\" NMMFIT_BATCH_ATTEMPT=\(attempt)",
                   "exec \(shardCommand("$1", executable: "./" + exeName, outputDir: "."))"]
                : ["cd \(Self.shellQuote(cwd)) || exit 1",
                   "export NMMFIT_DATA=\(Self.shellQuote(dataDir)) NMMFIT_BATCH_ATTEMPT=\(attempt)",
                   "exec \(shardCommand("$1"))"]))
            .joined(separator: "\n") + "\n"
        let merge = "#!/bin/sh\n# Merge step of \(study).\n" + mergeBody(autoRetry: false)
        guard !pending.isEmpty else { return [("\(name)-shard.sh", wrapper), ("\(name)-merge.sh", merge)] }
        let fs = transfer
            ? ["# No shared filesystem needed: the executable (build it with --static-swift-stdlib; GSL must be installed",
               "# on the execute machines), the data folder and each shard's earlier output are transferred."]
            : ["# Needs a shared filesystem: the executable, the data and \(dir) are used in place on the",
               "# execute machines (should_transfer_files = NO; HTCondor then matches machines of this FileSystemDomain)."]
        var resources: [String] = []
        if let m = batch.mem.flatMap(JobResources.megabytes) {
            // the node's retry number picks the memory: --mem × --retry-mem-factor per retry
            var expr = String(JobResources.megabytes(m, factor: batch.retryMemFactor, retry: retriesLeft))
            for r in stride(from: retriesLeft - 1, through: 0, by: -1) {
                expr = "ifThenElse($(retry) >= \(r + 1), \(expr), \(JobResources.megabytes(m, factor: batch.retryMemFactor, retry: r)))"
            }
            resources.append(batch.retryMemFactor == 1 || retriesLeft == 0 ? "request_memory = \(m)" : "request_memory = \(expr)")
        }
        if let s = batch.time.flatMap({ JobResources.seconds(slurmTime: $0) }) {
            resources.append("# over-long jobs are removed (the node fails and DAGMan retries it), not held")
            resources.append("periodic_remove = (JobStatus == 2) && (time() - EnteredCurrentStatus > \(s))")
        }
        if let a = batch.account { resources.append("accounting_group = \(a)") }
        let io = transfer
            ? ["should_transfer_files = YES", "when_to_transfer_output = ON_EXIT_OR_EVICT",
               "transfer_input_files = \(exe), \(dataDir), \(dir)/\(name)-in/$(shard)/",
               "transfer_output_files = \(name)-shard-$(shard).jsonl",
               "transfer_output_remaps = \"\(name)-shard-$(shard).jsonl = \(dir)/\(name)-shard-$(shard).jsonl\""]
            : ["should_transfer_files = NO"]
        let sub = (["# HTCondor submit file for one shard of \(study)", "# (one DAG node per shard; the DAG sets shard and retry)."] + fs
            + ["universe = vanilla", "executable = \(dir)/\(name)-shard.sh", "arguments = $(shard) $(retry)",
               "request_cpus = \(batch.threads)"] + resources + batch.directives
            + ["# explicit environment instead of getenv: the job id for the toys file's header",
               "getenv = false", "environment = \"NMMFIT_JOB_ID=$(ClusterId).$(ProcId)\(exports)\""] + io
            + ["output = \(dir)/\(name)-shard-$(shard).attempt-\(attempt).retry-$(retry).log",
               "error = \(dir)/\(name)-shard-$(shard).attempt-\(attempt).retry-$(retry).err",
               "log = \(dir)/\(name).condor.log", "queue"])
            .joined(separator: "\n") + "\n"
        let mergeSub = (["# HTCondor submit file for the merge step of \(study).",
                         "# Runs on the access point's filesystem view of \(dir) (a shared filesystem, or the local universe)."]
            + (transfer ? ["universe = local"] : ["universe = vanilla"])
            + ["executable = \(dir)/\(name)-merge.sh", "request_cpus = 1"]
            + (batch.account.map { ["accounting_group = \($0)"] } ?? [])
            + ["getenv = false", "should_transfer_files = NO", "output = \(dir)/\(name)-merge.attempt-\(attempt).log",
               "error = \(dir)/\(name)-merge.attempt-\(attempt).err", "log = \(dir)/\(name).condor.log", "queue"])
            .joined(separator: "\n") + "\n"
        var dag = ["# DAG of \(study):",
                   "# one node per pending shard, each retried up to \(retriesLeft) times (RETRY; the retry number is passed",
                   "# to the job as $(retry)); the merge node runs when every shard succeeded. After a shard ran out of",
                   "# retries, run `nmmfit batch … --submit` again (it rewrites this DAG with the shards still missing)."]
        for s in pending {
            dag += ["JOB shard\(s) \(dir)/\(name).sub", "VARS shard\(s) shard=\"\(s)\" retry=\"$(RETRY)\""]
            if retriesLeft > 0 { dag.append("RETRY shard\(s) \(retriesLeft)") }
            if transfer { dag.append("SCRIPT PRE shard\(s) \(dir)/\(name)-pre.sh \(s)") }
            if batch.throttle != nil { dag.append("CATEGORY shard\(s) shards") }
        }
        dag += ["JOB merge \(dir)/\(name)-merge.sub", "PARENT \(pending.map { "shard\($0)" }.joined(separator: " ")) CHILD merge"]
        if let t = batch.throttle { dag.append("MAXJOBS shards \(t)") }
        var files = [("\(name)-shard.sh", wrapper), ("\(name).sub", sub), ("\(name)-merge.sh", merge), ("\(name)-merge.sub", mergeSub),
                     ("\(name).dag", dag.joined(separator: "\n") + "\n")]
        if transfer {
            let pre = """
            #!/bin/sh
            # DAG PRE script of shard $1 (on the access point): puts the shard's earlier output, if any, into
            # the folder HTCondor transfers to the job, so that a retried shard resumes instead of restarting.
            set -e
            in=\(Self.shellQuote(dir))/\(name)-in/$1
            rm -rf "$in"
            mkdir -p "$in"
            if [ -f \(Self.shellQuote(dir))/\(name)-shard-$1.jsonl ]; then cp \(Self.shellQuote(dir))/\(name)-shard-$1.jsonl "$in/"; fi

            """
            files.append(("\(name)-pre.sh", pre))
        }
        return files
    }

    /// The exact shell commands that submit the pending shards and the merge job (absolute paths).
    public func submitCommand(pending: [Int]) -> String {
        switch batch.system {
        case .slurm:
            let arrays = arrays(pending: pending)
            var parts: [String] = []
            for j in arrays.jobs.indices {
                let dep = batch.throttle != nil && j > 0 ? "--dependency=afterany:${j\(j - 1)%%;*} " : ""
                parts.append("j\(j)=$(sbatch --parsable \(dep)\(dir)/\(arrayFile(j, of: arrays)))")
            }
            let all = arrays.jobs.indices.map { "${j\($0)%%;*}" }.joined(separator: ":")
            return (parts + ["sbatch --parsable --dependency=afterany:\(all) \(dir)/\(name)-merge.sh"]).joined(separator: " && ")
        case .htcondor:
            return "condor_submit_dag -force \(dir)/\(name).dag"
        }
    }

    /// Refuses (before anything is written) while jobs of this study — this folder and name —
    /// are queued or running: Slurm jobs whose script is one of the study's files (the merge job
    /// that is resubmitting itself excepted), or HTCondor's DAGMan lock file of the study's DAG.
    public func refuseIfRunning() throws {
        switch batch.system {
        case .slurm:
            let me = ProcessInfo.processInfo.environment["SLURM_JOB_ID"]
            let scripts = Set([name + ".sbatch", name + "-merge.sh"].map { "\(dir)/\($0)" })
            let queued = try Self.runTool("squeue", ["-h", "--user=\(NSUserName())", "-o", "%A|%o"], in: cwd)
                .split(separator: "\n").compactMap { line -> String? in
                    let f = line.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    guard f.count == 2, f[0] != me else { return nil }
                    let cmd = f[1]
                    let ours = scripts.contains(cmd) || (cmd.hasPrefix("\(dir)/\(name)-array-") && cmd.hasSuffix(".sbatch"))
                    return ours ? f[0] : nil
                }
            guard queued.isEmpty else {
                throw InputError("jobs of study '\(name)' in \(dir) are still queued or running (\(Set(queued).sorted().joined(separator: ","))); wait for them (squeue -j …) or cancel them (scancel …) before resubmitting; nothing was written")
            }
        case .htcondor:
            let lock = "\(dir)/\(name).dag.lock"
            if FileManager.default.fileExists(atPath: lock) {
                throw InputError(file: lock, "DAGMan is running study '\(name)' (its lock file exists); wait for it (condor_q -dag) or remove it (condor_rm) before resubmitting; nothing was written")
            }
        }
    }

    /// Submits the jobs, records the submission in NAME.attempts.jsonl; returns what to print.
    public func submit(pending: [Int], automatic: Bool) throws -> String {
        var rec = SubmissionRecord(attempt: attempt, automatic: automatic, submittedUTC: ToyRun.utc(), system: batch.system.rawValue,
                                   pendingShards: ArrayJobs.ranges(pending), retriesLeft: retriesLeft, memory: memory)
        let text: String
        switch batch.system {
        case .slurm:
            let arrays = arrays(pending: pending)
            var ids: [String] = []
            for j in arrays.jobs.indices {
                var args = ["--parsable"]
                if batch.throttle != nil, let prev = ids.last { args.append("--dependency=afterany:\(prev)") }
                do {
                    ids.append(try Self.jobID(try Self.runTool("sbatch", args + ["\(dir)/\(arrayFile(j, of: arrays))"], in: dir)))
                } catch where !ids.isEmpty {
                    throw InputError("array jobs \(ids.joined(separator: ",")) were submitted, but not \(arrayFile(j, of: arrays)) (\(error)); cancel them (scancel \(ids.joined(separator: " "))) and submit again")
                }
            }
            let merge: String
            do {
                merge = try Self.jobID(try Self.runTool("sbatch", ["--parsable", "--dependency=afterany:\(ids.joined(separator: ":"))", "\(dir)/\(name)-merge.sh"], in: dir))
            } catch {
                throw InputError("array job(s) \(ids.joined(separator: ",")) were submitted, but the merge job was not (\(error)); submit it with: sbatch --dependency=afterany:\(ids.joined(separator: ":")) \(dir)/\(name)-merge.sh")
            }
            rec.jobs = ids
            rec.mergeJob = merge
            let all = (ids + [merge]).joined(separator: ",")
            text = """
            submitted study '\(name)' (attempt \(attempt)): array job\(ids.count == 1 ? "" : "s") \(ids.joined(separator: ", ")), merge job \(merge) (starts when the array\(ids.count == 1 ? " has" : "s have") ended; retries missing shards automatically \(retriesLeft) more time\(retriesLeft == 1 ? "" : "s"))
            watch:    squeue -j \(all)
            history:  sacct -j \(all) --format=JobID,JobName%24,State,ExitCode,Elapsed
            attempts: \(attemptsPath)
            logs:     \(dir)/\(name)-shard-<i>.attempt-\(attempt).log, \(dir)/\(name)-merge.attempt-\(attempt).log
            result:   \(mergedPath)
            """
        case .htcondor:
            let out = try Self.runTool("condor_submit_dag", ["-force", "\(dir)/\(name).dag"], in: dir)
            let cluster = out.range(of: "cluster [0-9]+", options: .regularExpression).map { String(out[$0].dropFirst(8)) } ?? "?"
            rec.jobs = [cluster]
            text = """
            submitted study '\(name)' (attempt \(attempt)) as DAG (DAGMan job \(cluster)): one node per shard (RETRY \(retriesLeft)), then merge
            watch:    condor_q -dag -nobatch \(cluster)
            progress: tail -f \(dir)/\(name).dag.dagman.out
            logs:     \(dir)/\(name)-shard-<i>.attempt-\(attempt).retry-<r>.log, \(dir)/\(name)-merge.attempt-\(attempt).log
            result:   \(mergedPath)
            """
        }
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        try Self.appendLine(try enc.encode(rec), to: attemptsPath)
        return text
    }

    /// MaxArraySize from `scontrol show config` (nil when scontrol is missing or says nothing).
    public static func clusterMaxArraySize() -> Int? {
        guard let out = try? runTool("timeout", ["10", "scontrol", "show", "config"], in: "/") else { return nil }
        for line in out.split(separator: "\n") where line.hasPrefix("MaxArraySize") {
            return line.split(separator: "=").last.flatMap { Int($0.trimmingCharacters(in: .whitespaces)) }
        }
        return nil
    }

    /// The job id in `sbatch --parsable` output ("id" or "id;cluster").
    public static func jobID(_ out: String) throws -> String {
        let first = out.split(separator: "\n").first.map(String.init) ?? ""
        let id = first.split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw InputError("sbatch printed no job id (got '\(first.prefix(200))')") }
        return id
    }

    /// Runs a scheduler tool from PATH; its stdout, or an error with its first stderr line.
    public static func runTool(_ tool: String, _ args: [String], in dir: String) throws -> String {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + args
        p.currentDirectoryURL = URL(fileURLWithPath: dir)
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        if p.terminationStatus == 127 { throw InputError("\(tool) is not on PATH: submit from a login node of the cluster, or run the printed commands there") }
        guard p.terminationStatus == 0 else {
            let line = String(decoding: e, as: UTF8.self).split(separator: "\n").first.map(String.init) ?? "exit \(p.terminationStatus)"
            throw InputError("\(tool) \(args.joined(separator: " ")) failed: \(line.prefix(300))")
        }
        return String(decoding: o, as: UTF8.self)
    }
}
