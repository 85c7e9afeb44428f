import Formats
import Foundation
import Likelihood

/// The job files of one sharded toy study (``Batch``): texts, names, and their submission.
struct JobFiles {
    let batch: Batch
    let header: ToyFileHeader
    /// Absolute output folder.
    let dir: String
    /// The nmmfit executable the jobs run.
    let exe: String
    /// Where `batch` ran: the jobs start there, so relative paths in the toys options and the
    /// resubmit command mean what they meant here.
    let cwd = FileManager.default.currentDirectoryPath

    init(batch: Batch, header: ToyFileHeader) throws {
        self.batch = batch
        self.header = header
        dir = URL(fileURLWithPath: batch.outdir).standardizedFileURL.path
        exe = batch.executable ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }

    var name: String { batch.name }
    var studyPath: String { "\(dir)/\(name).study.json" }
    var mergedPath: String { "\(dir)/\(name).jsonl" }
    func shardPath(_ i: Int) -> String { "\(dir)/\(name)-shard-\(i).jsonl" }

    /// Files that submit shards; removed when nothing is pending.
    var submitFileNames: [String] {
        batch.system == .slurm ? ["\(name).sbatch"] : ["\(name).sub", "\(name).dag", "\(name)-merge.sub"]
    }

    static func shellQuote(_ s: String) -> String {
        s.range(of: "^[A-Za-z0-9_./=:,+@%-]+$", options: .regularExpression) != nil ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// The shell command of one shard, with `shardVar` as the shell expression of its index.
    private func shardCommand(_ shardVar: String) -> String {
        var call = batch.toyCall(shard: 0)
        call.removeLast(2)  // -o
        if let i = call.firstIndex(of: "--shard") { call.removeSubrange(i...(i + 1)) }
        return ([exe] + call).map(Self.shellQuote).joined(separator: " ")
            + " --shard \"\(shardVar)\" -o \"\(dir)/\(name)-shard-\(shardVar).jsonl\""
    }

    /// This `nmmfit batch` call with --submit: what resubmits missing shards and a new merge job.
    private var resubmitCommand: String {
        var args = Array(CommandLine.arguments.dropFirst())
        args.removeAll { $0 == "--force" || $0 == "--dry-run" }
        if !args.contains("--submit") { args.insert("--submit", at: min(1, args.count)) }
        return ([exe] + args).map(Self.shellQuote).joined(separator: " ")
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

    private var condorResources: [String] {
        var lines: [String] = []
        if let m = batch.mem.flatMap(JobResources.megabytes) { lines.append("request_memory = \(m)") }
        if let s = batch.time.flatMap({ JobResources.seconds(slurmTime: $0) }) { lines.append("allowed_execute_duration = \(s)") }
        if let a = batch.account { lines.append("accounting_group = \(a)") }
        return lines + batch.directives
    }

    private var study: String {
        "nmmfit toy study '\(name)': \(batch.ntoys) toys in \(batch.nshards) shards, seed \(batch.seed), model digest \(header.modelDigest)"
    }

    private var mergeBody: String {
        let shards = (0..<batch.nshards).map { Self.shellQuote(shardPath($0)) }.joined(separator: " ")
        return """
        cd \(Self.shellQuote(cwd)) || exit 1
        # Merges the shards into \(mergedPath) (byte for byte a single run). It checks that every toy
        # is there: when a shard failed, it fails and says how to resubmit the missing shards.
        if \(Self.shellQuote(exe)) merge --quiet \(shards) -o \(Self.shellQuote(mergedPath)) --force; then
            echo "merged study '\(name)' into \(mergedPath)"
        else
            status=$?
            echo "merge of study '\(name)' failed: a shard failed or is incomplete (see \(dir)/\(name)-shard-*.log)." >&2
            cat >&2 <<'RESUBMIT'
        Resubmit the missing shards and a new merge job with:
          \(resubmitCommand)
        RESUBMIT
            exit $status
        fi

        """
    }

    /// (file name, text) of every file to write, given the shards still to run.
    func files(pending: [Int]) -> [(String, String)] {
        switch batch.system {
        case .slurm:
            let merge = (["#!/bin/sh", "#SBATCH --job-name=\(name)-merge", "#SBATCH --output=\(dir)/\(name)-merge.log",
                          "#SBATCH --cpus-per-task=1"] + slurmResources
                + ["# Merge job of \(study).", "# Submitted by `nmmfit batch --submit` with --dependency=afterany on the array; also runs as `sh \(name)-merge.sh`."])
                .joined(separator: "\n") + "\n" + mergeBody
            guard !pending.isEmpty else { return [("\(name)-merge.sh", merge)] }
            var lines = ["#!/bin/sh", "#SBATCH --job-name=\(name)", "#SBATCH --array=\(pending.map(String.init).joined(separator: ","))",
                         "#SBATCH --cpus-per-task=\(batch.threads)", "#SBATCH --output=\(dir)/\(name)-shard-%a.log"]
            if let m = batch.mem { lines.append("#SBATCH --mem=\(m)") }
            lines += slurmResources
            lines += ["# \(study).", "# Only shards without complete output are in --array; run `nmmfit batch` again to refresh it.",
                      "cd \(Self.shellQuote(cwd)) || exit 1", "exec \(shardCommand("$SLURM_ARRAY_TASK_ID"))"]
            return [("\(name).sbatch", lines.joined(separator: "\n") + "\n"), ("\(name)-merge.sh", merge)]
        case .htcondor:
            let shared = "# Needs a shared filesystem: the executable, the data and \(dir) are used in place on the\n# execute machines (should_transfer_files = NO; HTCondor then matches machines of this FileSystemDomain)."
            let wrapper = "#!/bin/sh\n# Runs shard $1 of \(study).\ncd \(Self.shellQuote(cwd)) || exit 1\nexec \(shardCommand("$1"))\n"
            let merge = "#!/bin/sh\n# Merge step of \(study).\n" + mergeBody
            guard !pending.isEmpty else { return [("\(name)-shard.sh", wrapper), ("\(name)-merge.sh", merge)] }
            let sub = (["# HTCondor submit file for the shards of \(study).", shared,
                        "# Only shards without complete output are queued; run `nmmfit batch` again to refresh the list.",
                        "universe = vanilla", "executable = \(dir)/\(name)-shard.sh", "arguments = $(shard)",
                        "request_cpus = \(batch.threads)"] + condorResources
                + ["should_transfer_files = NO", "output = \(dir)/\(name)-shard-$(shard).log", "error = \(dir)/\(name)-shard-$(shard).err",
                   "log = \(dir)/\(name).condor.log", "queue shard in (\(pending.map(String.init).joined(separator: " ")))"])
                .joined(separator: "\n") + "\n"
            let mergeSub = (["# HTCondor submit file for the merge step of \(study).", shared,
                             "universe = vanilla", "executable = \(dir)/\(name)-merge.sh", "request_cpus = 1"]
                + condorResources.filter { !$0.hasPrefix("request_memory") }
                + ["should_transfer_files = NO", "output = \(dir)/\(name)-merge.log", "error = \(dir)/\(name)-merge.err",
                   "log = \(dir)/\(name).condor.log", "queue"]).joined(separator: "\n") + "\n"
            let dag = """
            # DAG of \(study):
            # the merge node runs when every shard succeeded; after a failure run `nmmfit batch … --submit`
            # again (it rewrites the shard list and resubmits with condor_submit_dag -force).
            JOB shards \(dir)/\(name).sub
            JOB merge \(dir)/\(name)-merge.sub
            PARENT shards CHILD merge

            """
            return [("\(name)-shard.sh", wrapper), ("\(name).sub", sub), ("\(name)-merge.sh", merge), ("\(name)-merge.sub", mergeSub),
                    ("\(name).dag", dag)]
        }
    }

    /// The exact shell commands that submit the pending shards and the merge job.
    var submitCommand: String {
        switch batch.system {
        case .slurm:
            "jid=$(sbatch --parsable \(dir)/\(name).sbatch) && sbatch --parsable --dependency=afterany:${jid%%;*} \(dir)/\(name)-merge.sh"
        case .htcondor:
            "condor_submit_dag -force \(dir)/\(name).dag"
        }
    }

    /// Submits the jobs; returns what to print (ids and how to watch them).
    func submit() throws -> String {
        switch batch.system {
        case .slurm:
            // Shards still queued or running would be submitted twice and write the same files.
            let queued = try Self.runTool("squeue", ["-h", "--name=\(name),\(name)-merge", "--user=\(NSUserName())", "-o", "%A"], in: dir)
                .split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            guard queued.isEmpty else {
                throw InputError("jobs named '\(name)' are still queued or running (\(Set(queued).sorted().joined(separator: ","))); wait for them (squeue -j …) or cancel them (scancel …) before resubmitting")
            }
            let array = try Self.jobID(try Self.runTool("sbatch", ["--parsable", "\(dir)/\(name).sbatch"], in: dir))
            let merge: String
            do {
                merge = try Self.jobID(try Self.runTool("sbatch", ["--parsable", "--dependency=afterany:\(array)", "\(dir)/\(name)-merge.sh"], in: dir))
            } catch {
                throw InputError("array job \(array) was submitted, but the merge job was not (\(error)); submit it with: sbatch --dependency=afterany:\(array) \(dir)/\(name)-merge.sh")
            }
            return """
            submitted study '\(name)': array job \(array), merge job \(merge) (starts when the array has ended; fails with a message if a shard failed)
            watch:    squeue -j \(array),\(merge)
            history:  sacct -j \(array),\(merge) --format=JobID,JobName%24,State,ExitCode,Elapsed
            logs:     \(dir)/\(name)-shard-<i>.log, \(dir)/\(name)-merge.log
            result:   \(mergedPath)
            """
        case .htcondor:
            let out = try Self.runTool("condor_submit_dag", ["-force", "\(dir)/\(name).dag"], in: dir)
            let cluster = out.range(of: "cluster [0-9]+", options: .regularExpression).map { String(out[$0].dropFirst(8)) } ?? "?"
            return """
            submitted study '\(name)' as DAG (DAGMan job \(cluster)): shards, then merge
            watch:    condor_q -dag -nobatch \(cluster)
            progress: tail -f \(dir)/\(name).dag.dagman.out
            logs:     \(dir)/\(name)-shard-<i>.log, \(dir)/\(name)-merge.log
            result:   \(mergedPath)
            """
        }
    }

    /// The job id in `sbatch --parsable` output ("id" or "id;cluster").
    static func jobID(_ out: String) throws -> String {
        let first = out.split(separator: "\n").first.map(String.init) ?? ""
        let id = first.split(separator: ";").first.map(String.init) ?? ""
        guard !id.isEmpty, id.allSatisfy(\.isNumber) else { throw InputError("sbatch printed no job id (got '\(first.prefix(200))')") }
        return id
    }

    /// Runs a scheduler tool from PATH; its stdout, or an error with its first stderr line.
    static func runTool(_ tool: String, _ args: [String], in dir: String) throws -> String {
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
