import ArgumentParser
import Foundation
import Likelihood
import Recoil

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write a Slurm or HTCondor job for a sharded toy study, and its merge step.",
        discussion: """
        Each array task runs `nmmfit toys … --shard i --nshards N -o OUTDIR/NAME-shard-i.jsonl`; \
        OUTDIR/NAME.study.json records the study, and writing a different one under the same name is refused; \
        NAME-merge.sh merges the shards into NAME.jsonl. Shards whose output is already complete are \
        left out of the array when the job is written again, so re-submitting only runs what is \
        missing (an incomplete shard resumes where it stopped). Extra arguments after `--` are passed \
        to every `nmmfit toys` call (e.g. `-- --mu 2e-11 --dataset xenonnt_sr0`).
        """)

    enum System: String, ExpressibleByArgument, CaseIterable { case slurm, htcondor }

    @Option(help: "Batch system: slurm or htcondor.")
    var system: System
    @Option(help: "Study name (file prefix).")
    var name: String = "toys"
    @Option(name: .customShort("n"), help: "Toys in the whole study.")
    var ntoys: Int
    @Option(help: "Number of shards (array size).")
    var nshards: Int
    @Option(help: "Seed of the study.")
    var seed: UInt64 = 1
    @Option(help: "Folder for the job files and the shard outputs.")
    var outdir: String
    @Option(help: "Path of the nmmfit executable on the worker nodes (default: this executable).")
    var executable: String?
    @Option(help: "Threads per shard.")
    var threads: Int = 1
    @Flag(help: "Print what would be written, write nothing.")
    var dryRun = false
    @Flag(help: "Start the study afresh: delete its existing shard outputs and accept changed options.")
    var force = false
    @Argument(parsing: .postTerminator, help: "Arguments passed to every `nmmfit toys` call.")
    var toyArguments: [String] = []

    func validate() throws {
        guard ntoys >= 1 else { throw ValidationError("-n must be ≥ 1") }
        guard nshards >= 1, nshards <= ntoys else { throw ValidationError("--nshards must be in 1…n") }
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        try ResourceLimit.toys.validate(ntoys, option: "-n")
        try ResourceLimit.shards.validate(nshards, option: "--nshards")
        try ResourceLimit.threads.validate(threads, option: "--threads")
        guard name.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) != nil else {
            throw ValidationError("--name may contain letters, digits, '_', '.', '-' only")
        }
        for a in toyArguments where ["--shard", "--nshards", "-o", "--output", "--seed", "-n", "--ntoys"].contains(a) {
            throw ValidationError("\(a) is set by `nmmfit batch` itself; do not pass it after --")
        }
        guard outdir.range(of: "^[A-Za-z0-9_./+,:=@-]+$", options: .regularExpression) != nil else {
            throw ValidationError("--outdir may not contain spaces, quotes or shell characters (it goes into #SBATCH / submit-file lines)")
        }
    }

    static func shellQuote(_ s: String) -> String {
        s.range(of: "^[A-Za-z0-9_./=:,+-]+$", options: .regularExpression) != nil ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Whether a shard's output file holds all its toys: its header is this study's shard (seed,
    /// size, shard index) and its toy indices are exactly the shard's range. (`nmmfit toys` also
    /// checks the model digest when it resumes a file.)
    static func isComplete(_ path: String, shard: Int, nshards: Int, ntoys: Int, seed: UInt64) -> Bool {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8), text.hasSuffix("\n") else { return false }
        let lines = text.split(separator: "\n")
        let dec = JSONDecoder()
        guard let first = lines.first, let h = try? dec.decode(ToysHeader.self, from: Data(first.utf8)),
              h.seed == seed, h.totalToys == ntoys, h.shard == shard, h.nshards == nshards else { return false }
        let got = Set(lines.dropFirst().compactMap { try? dec.decode(ToyRecord.self, from: Data($0.utf8)).toy })
        return got == Set(Sharding.range(shard: shard, of: nshards, total: ntoys))
    }

    /// The study's identity, kept in OUTDIR/NAME.study.json: re-writing a study with other toy
    /// options into the same folder and name is refused (old shards would be reused).
    struct Study: Codable, Equatable {
        var ntoys: Int
        var nshards: Int
        var seed: UInt64
        var toyArguments: [String]
    }

    func run() throws {
        try CLIErrors.run {
            let dir = URL(fileURLWithPath: outdir).standardizedFileURL
            let exe = executable ?? (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
                ?? URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
            func shardPath(_ i: String) -> String { dir.appendingPathComponent("\(name)-shard-\(i).jsonl").path }
            let study = Study(ntoys: ntoys, nshards: nshards, seed: seed, toyArguments: toyArguments)
            let studyPath = dir.appendingPathComponent("\(name).study.json").path
            if let old = try? JSONDecoder().decode(Study.self, from: Data(contentsOf: URL(fileURLWithPath: studyPath))), old != study, !force {
                throw InputError(file: studyPath, "\(dir.path) already holds a different study named '\(name)' (other -n, --nshards, --seed or toy options); use another --name or --outdir, or --force to start it afresh")
            }
            if force && !dryRun {
                for i in 0..<nshards { try? FileManager.default.removeItem(atPath: shardPath(String(i))) }
            }
            let pending = (0..<nshards).filter {
                !Self.isComplete(shardPath(String($0)), shard: $0, nshards: nshards, ntoys: ntoys, seed: seed)
            }
            let common = [exe, "toys", "-n", String(ntoys), "--nshards", String(nshards), "--seed", String(seed),
                          "--threads", String(threads), "--quiet"] + toyArguments
            let cmd = common.map(Self.shellQuote).joined(separator: " ")
            var files: [(String, String)] = []
            let merge = "#!/bin/sh\n# Merge the \(nshards) shards of study '\(name)' (\(ntoys) toys, seed \(seed)).\nset -e\n"
                + ([exe, "merge"].map(Self.shellQuote).joined(separator: " ")) + " "
                + (0..<nshards).map { Self.shellQuote(shardPath(String($0))) }.joined(separator: " ")
                + " -o " + Self.shellQuote(dir.appendingPathComponent("\(name).jsonl").path) + " --force\n"
            switch system {
            case .slurm:
                let array = pending.map(String.init).joined(separator: ",")
                let script = """
                #!/bin/sh
                #SBATCH --job-name=\(name)
                #SBATCH --array=\(array.isEmpty ? "0" : array)
                #SBATCH --cpus-per-task=\(threads)
                #SBATCH --output=\(dir.path)/\(name)-shard-%a.log
                # nmmfit toy study '\(name)': \(ntoys) toys in \(nshards) shards, seed \(seed).
                # Shards with complete output were left out of --array; re-run `nmmfit batch` to refresh it.
                set -e
                \(cmd) --shard "$SLURM_ARRAY_TASK_ID" -o "\(dir.path)/\(name)-shard-$SLURM_ARRAY_TASK_ID.jsonl"

                """
                files = [("\(name).sbatch", script), ("\(name)-merge.sh", merge)]
            case .htcondor:
                let wrapper = """
                #!/bin/sh
                # Runs shard $1 of nmmfit toy study '\(name)'.
                set -e
                \(cmd) --shard "$1" -o "\(dir.path)/\(name)-shard-$1.jsonl"

                """
                let sub = """
                # HTCondor submit file for nmmfit toy study '\(name)': \(ntoys) toys in \(nshards) shards, seed \(seed).
                # Only shards without complete output are queued; re-run `nmmfit batch` to refresh the list.
                executable     = \(dir.path)/\(name)-shard.sh
                arguments      = $(shard)
                request_cpus   = \(threads)
                output         = \(dir.path)/\(name)-shard-$(shard).log
                error          = \(dir.path)/\(name)-shard-$(shard).err
                log            = \(dir.path)/\(name).condor.log
                queue shard in (\(pending.map(String.init).joined(separator: " ")))

                """
                files = [("\(name)-shard.sh", wrapper), ("\(name).sub", sub), ("\(name)-merge.sh", merge)]
            }
            if pending.isEmpty { FileHandle.standardError.write(Data("all \(nshards) shards are complete: run \(name)-merge.sh\n".utf8)) }
            if dryRun {
                for (f, text) in files { print("==> \(dir.appendingPathComponent(f).path) <==\n\(text)") }
                return
            }
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            // job files are regenerated on every call for the same study (the pending list changes)
            try OutputFile.write(try enc.encode(study), to: studyPath, force: true)
            for (f, text) in files {
                let p = dir.appendingPathComponent(f).path
                try OutputFile.write(text, to: p, force: true)
                if f.hasSuffix(".sh") || f.hasSuffix(".sbatch") { chmod(p, 0o755) }
            }
            FileHandle.standardError.write(Data("wrote \(files.map(\.0).joined(separator: ", ")) in \(dir.path); \(pending.count) of \(nshards) shards pending\n".utf8))
        }
    }
}
