import ArgumentParser
import Formats
import Foundation
import Likelihood

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write (and with --submit, submit) a Slurm or HTCondor array job for a sharded toy study and its dependent merge job.",
        discussion: """
        Each array task runs `nmmfit toys … --shard i --nshards N -o OUTDIR/NAME-shard-i.jsonl`; the \
        merge job runs after the array and writes OUTDIR/NAME.jsonl (equal byte for byte to one \
        local run). Slurm: NAME.sbatch (array) and NAME-merge.sh (merge job, `--dependency=afterany` \
        on the array: it checks completeness itself and fails with a message naming what to re-run). \
        HTCondor: NAME.sub (shards), NAME-merge.sub and NAME.dag (merge as the child of the shards; \
        condor_submit_dag). HTCondor jobs need a shared filesystem (should_transfer_files = NO). \
        OUTDIR/NAME.study.json records the study; a different one under the same name is refused. \
        Re-running the command skips complete shards, so after a failure it resubmits only what is \
        missing (an incomplete shard resumes) together with a fresh merge job. Arguments after `--` \
        are passed to every `nmmfit toys` call and checked now, with the toys command's own parser \
        and by building the model (e.g. `-- --mu 2e-11 --statistic t --dataset xenonnt_sr0`).
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
    @Option(help: "Folder for the job files and the shard outputs (on a filesystem the worker nodes share).")
    var outdir: String
    @Option(help: "Path of the nmmfit executable on the worker nodes (default: this executable).")
    var executable: String?
    @Option(help: "Threads per shard.")
    var threads: Int = 1
    @Option(help: "Wall-time limit per shard: Slurm's format (MM, HH:MM:SS, D-HH:MM[:SS]); HTCondor: allowed_execute_duration.")
    var time: String?
    @Option(help: "Memory per shard, e.g. 2G or 500M (Slurm --mem; HTCondor request_memory).")
    var mem: String?
    @Option(help: "Slurm partition (HTCondor has none: use --directive 'requirements = …').")
    var partition: String?
    @Option(help: "Account to charge (Slurm --account; HTCondor accounting_group).")
    var account: String?
    @Option(name: .customLong("directive"), help: "Extra line for every job file, repeatable: --directive=--qos=long (Slurm: #SBATCH --qos=long) or 'requirements = (OpSys == \"LINUX\")' (HTCondor).")
    var directives: [String] = []
    @Flag(help: "Submit the array and the dependent merge job, and print their ids.")
    var submit = false
    @Flag(help: "Print what would be written, write nothing.")
    var dryRun = false
    @Flag(help: "Start the study afresh: delete its existing shard outputs and accept changed options.")
    var force = false
    @Argument(parsing: .postTerminator, help: "Arguments passed to every `nmmfit toys` call (checked now).")
    var toyArguments: [String] = []

    /// Toy options `batch` sets itself.
    static let reserved = ["--shard", "--nshards", "-o", "--output", "--seed", "-n", "--ntoys", "--threads", "--force"]

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
        for a in toyArguments where Self.reserved.contains(a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a) {
            throw ValidationError("\(a) is set by `nmmfit batch` itself; do not pass it after --")
        }
        guard outdir.range(of: "^[A-Za-z0-9_./+,:=@-]+$", options: .regularExpression) != nil else {
            throw ValidationError("--outdir may not contain spaces, quotes or shell characters (it goes into #SBATCH / submit-file lines)")
        }
        if submit && dryRun { throw ValidationError("--submit and --dry-run exclude each other") }
        if let t = time, JobResources.seconds(slurmTime: t) == nil {
            throw ValidationError("--time '\(t)' is not a Slurm time (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)")
        }
        if let m = mem, JobResources.megabytes(m) == nil { throw ValidationError("--mem '\(m)' is not a size like 500M, 2G or 2048 (MB)") }
        if system == .htcondor && partition != nil {
            throw ValidationError("HTCondor has no partitions; use --directive 'requirements = …' to choose machines")
        }
        for v in [partition, account].compactMap({ $0 }) + directives where v.contains(where: { $0.isNewline }) || v.isEmpty {
            throw ValidationError("--partition, --account and --directive values must be one non-empty line")
        }
        for d in directives {
            switch system {
            case .slurm where d.range(of: "^(#SBATCH\\s+)?-", options: .regularExpression) == nil:
                throw ValidationError("--directive '\(d)' is not an sbatch option (e.g. --directive=--qos=long)")
            case .htcondor where d.range(of: "^[A-Za-z_+][A-Za-z0-9_.+]*\\s*=", options: .regularExpression) == nil
                || d.lowercased().hasPrefix("queue"):
                throw ValidationError("--directive '\(d)' is not a submit command 'name = value' (queue is written by batch)")
            default: break
            }
        }
        for v in [partition, account].compactMap({ $0 }) where v.range(of: "^[A-Za-z0-9_.,-]+$", options: .regularExpression) == nil {
            throw ValidationError("--partition/--account '\(v)' may contain letters, digits, '_', '.', ',', '-' only")
        }
        // The forwarded options, checked by the toys command's own parser now rather than by
        // every array task on the cluster.
        do {
            _ = try Toys.parse(Array(toyCall(shard: 0).dropFirst()))
        } catch {
            throw ValidationError("the toys options after -- are invalid: \(Toys.message(for: error))")
        }
    }

    /// The `nmmfit toys` arguments (without the executable) of one shard.
    func toyCall(shard: Int, output: String = "/dev/null") -> [String] {
        ["toys", "-n", String(ntoys), "--nshards", String(nshards), "--shard", String(shard), "--seed", String(seed),
         "--threads", String(threads)] + toyArguments + ["-o", output]
    }

    /// The study's identity, kept in OUTDIR/NAME.study.json: re-writing a study with other toy
    /// options into the same folder and name is refused (old shards would be reused).
    struct Study: Codable, Equatable {
        var ntoys: Int
        var nshards: Int
        var seed: UInt64
        var toyArguments: [String]
        var modelDigest: String?
        enum CodingKeys: String, CodingKey {
            case ntoys, nshards, seed
            case toyArguments = "toy_arguments"
            case modelDigest = "model_digest"
        }
    }

    func run() throws {
        try CLIErrors.run {
            let toys = try Toys.parse(Array(toyCall(shard: 0).dropFirst()))
            // build the model now: a bad dataset or spec fails here, not on the cluster
            let pl = try ProfileLikelihood(model: try toys.data.model(physics: toys.physics))
            let study0 = try ToyStudy(profile: pl, muNu: toys.mu, statistic: toys.statistic.rawValue, testedMuNu: toys.testMu, seed: seed,
                                      totalToys: ntoys, shard: 0, nshards: nshards)
            let jobs = try JobFiles(batch: self, header: study0.header)
            let study = Study(ntoys: ntoys, nshards: nshards, seed: seed, toyArguments: toyArguments, modelDigest: study0.header.modelDigest)
            if let old = try? JSONDecoder().decode(Study.self, from: Data(contentsOf: URL(fileURLWithPath: jobs.studyPath))), old != study, !force {
                throw InputError(file: jobs.studyPath, "\(jobs.dir) already holds a different study named '\(name)' (other -n, --nshards, --seed or toy options); use another --name or --outdir, or --force to start it afresh")
            }
            if force && !dryRun {
                for i in 0..<nshards { try? FileManager.default.removeItem(atPath: jobs.shardPath(i)) }
            }
            let pending = (0..<nshards).filter {
                var h = study0.header
                h.shard = $0
                return !ToyFileReader.isComplete(path: jobs.shardPath($0), header: h)
            }
            let files = jobs.files(pending: pending)
            if dryRun {
                for (f, text) in files { print("==> \(jobs.dir)/\(f) <==\n\(text)") }
                return
            }
            try FileManager.default.createDirectory(atPath: jobs.dir, withIntermediateDirectories: true)
            let enc = JSONEncoder()
            enc.outputFormatting = [.prettyPrinted, .sortedKeys]
            try OutputFile.write(try enc.encode(study), to: jobs.studyPath, force: true)
            // job files are regenerated on every call for the same study (the pending list changes);
            // with nothing pending, stale submit files are removed so nothing can be resubmitted.
            for stale in jobs.submitFileNames where !files.contains(where: { $0.0 == stale }) {
                try? FileManager.default.removeItem(atPath: "\(jobs.dir)/\(stale)")
            }
            for (f, text) in files {
                let p = "\(jobs.dir)/\(f)"
                try OutputFile.write(text, to: p, force: true)
                if f.hasSuffix(".sh") || f.hasSuffix(".sbatch") { chmod(p, 0o755) }
            }
            Console.error("wrote \(files.map(\.0).joined(separator: ", ")) in \(jobs.dir); \(pending.count) of \(nshards) shards pending")
            if pending.isEmpty {
                print("all \(nshards) shards of study '\(name)' are complete: nothing to submit.\nmerge them with:  sh \(jobs.dir)/\(name)-merge.sh")
                return
            }
            if submit {
                print(try jobs.submit())
            } else {
                print("to submit the \(pending.count) pending shards and the merge job:\n  \(jobs.submitCommand)\n(or run `nmmfit batch` again with --submit)")
            }
        }
    }
}
