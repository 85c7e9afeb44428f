import ArgumentParser
import BatchJobs
import BuildInfo
import Detector
import Formats
import Foundation
import Likelihood

struct Batch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Write (and with --submit, submit) a Slurm or HTCondor array job for a sharded toy or coverage study and its dependent merge job.",
        discussion: """
        Each shard runs `nmmfit toys … --shard i --nshards N -o OUTDIR/NAME-shard-i.jsonl`; the merge \
        step writes OUTDIR/NAME.jsonl (equal byte for byte to one local run). Size the shards with \
        --nshards, --toys-per-shard or --shard-duration (from a short calibration run, which also \
        prints each shard's estimated run time and warns about sub-minute shards). \
        Slurm: NAME.sbatch (array, written as ranges with an optional %N throttle; split into \
        NAME-array-J.sbatch files when shards reach the cluster's MaxArraySize) and NAME-merge.sh \
        (`--dependency=afterany` on the arrays). A shard that fails or is killed is retried \
        automatically: the merge job resubmits the missing shards and a new merge job, up to \
        --retries times (memory × --retry-mem-factor each time). HTCondor: a DAG with one node per \
        shard (RETRY, periodic_remove for over-long jobs, explicit environment) and the merge as \
        their child; --transfer-files for pools without a shared filesystem. \
        OUTDIR/NAME.study.json records the study (a different one under the same name is refused), \
        OUTDIR/NAME.attempts.jsonl every submission and merge outcome, and logs are kept per attempt. \
        Re-running the command skips complete shards. With --submit it refuses, before writing \
        anything, while jobs of this study (this folder and name) are queued or running. Arguments \
        after `--` are passed to every `nmmfit toys` call and checked now, with the toys command's \
        own parser and by building the model (e.g. `-- --mu 2e-11 --statistic t --dataset xenonnt_sr0`). \
        With --study coverage each shard runs `nmmfit coverage --toys N … --write-toys …` instead \
        (give --mu and, for Feldman–Cousins, --method feldman-cousins and --critical-toys after `--`; \
        shards are sized with the cost of the inner toys) and the merge step also writes \
        OUTDIR/NAME.coverage.json, the points of `nmmfit coverage --from-toys OUTDIR/NAME.jsonl`.
        """)

    typealias System = BatchSystem

    @Option(help: "Batch system: slurm or htcondor.")
    var system: System
    @Option(name: .customLong("study"), help: "Kind of study: coverage makes each shard a `nmmfit coverage` shard at the one --mu given after --; otherwise plain toy studies.")
    var kind: BatchStudyKind = .toys
    @Option(help: "Study name (file prefix).")
    var name: String = "toys"
    @Option(name: .customShort("n"), help: "Toys in the whole study.")
    var ntoys: Int
    @Option(help: "Number of shards (array size); or give --toys-per-shard or --shard-duration.")
    var nshards: Int?
    @Option(help: "Toys per shard (instead of --nshards).")
    var toysPerShard: Int?
    @Option(help: "Target run time of a shard in Slurm's time format (e.g. 30:00, 2:00:00), from a calibration run (instead of --nshards).")
    var shardDuration: String?
    @Flag(inversion: .prefixedNo, help: "Time a few toys here first and print each shard's estimated run time (warns below a minute).")
    var calibration = true
    @Option(help: "Seed of the study.")
    var seed: UInt64 = 1
    @Option(help: "Folder for the job files and the shard outputs (on a filesystem the worker nodes share, unless --transfer-files).")
    var outdir: String
    @Option(help: "Path of the nmmfit executable on the worker nodes (default: this executable).")
    var executable: String?
    @Option(help: "Threads per shard.")
    var threads: Int = 1
    @Option(help: "Wall-time limit per shard: Slurm's format (MM, HH:MM:SS, D-HH:MM[:SS]); HTCondor: the job is removed (and retried) after it.")
    var time: String?
    @Option(parsing: .unconditional, help: "Memory per shard, e.g. 2G or 500M (Slurm --mem; HTCondor request_memory).")
    var mem: String?
    @Option(help: "Slurm partition (HTCondor has none: use --directive 'requirements = …').")
    var partition: String?
    @Option(help: "Account to charge (Slurm --account; HTCondor accounting_group).")
    var account: String?
    @Option(name: .customLong("directive"), help: "Extra line for every job file, repeatable: --directive=--qos=long (Slurm: #SBATCH --qos=long) or 'requirements = (OpSys == \"LINUX\")' (HTCondor).")
    var directives: [String] = []
    @Option(help: "At most this many shards run at once (Slurm: --array=…%N; HTCondor: MAXJOBS).")
    var throttle: Int?
    @Option(help: "Slurm's MaxArraySize (array indices are below it); default: read from `scontrol show config`, else 1001.")
    var maxArraySize: Int?
    @Option(help: "Automatic resubmissions of failed or killed shards (Slurm: by the merge job; HTCondor: DAG RETRY).")
    var retries: Int = 2
    @Option(help: ArgumentHelp("Retries left in this submission (set by the merge job's automatic resubmission).", visibility: .hidden))
    var retriesLeft: Int?
    @Option(help: "Multiply --mem by this factor on each retry (e.g. 2).")
    var retryMemFactor: Double = 1
    @Flag(help: "HTCondor: transfer the executable, the data and each shard's output instead of using a shared filesystem.")
    var transferFiles = false
    @Flag(help: "Extend or merge shards that another build of nmmfit wrote (their headers then name every build).")
    var allowOtherBuild = false
    @Flag(help: "Submit the arrays and the dependent merge job, and print their ids.")
    var submit = false
    @Flag(help: "Print what would be written, write nothing.")
    var dryRun = false
    @Flag(help: "Report the study's attempts (submissions, memory, job ids, merge outcomes) and its state; write nothing.")
    var status = false
    @Flag(help: "Start the study afresh: delete its existing shard outputs and attempt record and accept changed options.")
    var force = false
    @Argument(parsing: .postTerminator, help: "Arguments passed to every `nmmfit toys` (or `nmmfit coverage`) call (checked now).")
    var toyArguments: [String] = []

    /// Toy options `batch` sets itself (a toys study; ``BatchStudyKind/reservedArguments``).
    static let reserved = BatchStudyKind.toys.reservedArguments
    /// Toy options naming files, which --transfer-files does not ship.
    static let fileOptions = ["--spec", "--data-dir", "--atomic"]

    func validate() throws {
        guard ntoys >= 1 else { throw ValidationError("-n must be ≥ 1") }
        guard [nshards != nil, toysPerShard != nil, shardDuration != nil].filter({ $0 }).count == 1 else {
            throw ValidationError("give one of --nshards, --toys-per-shard or --shard-duration")
        }
        if let nshards { guard nshards >= 1, nshards <= ntoys else { throw ValidationError("--nshards must be in 1…n") } }
        if let toysPerShard { guard toysPerShard >= 1 else { throw ValidationError("--toys-per-shard must be ≥ 1") } }
        if let d = shardDuration {
            guard JobResources.seconds(slurmTime: d) != nil else { throw ValidationError("--shard-duration '\(d)' is not a Slurm time (MM, MM:SS, HH:MM:SS, D-HH:MM[:SS])") }
            guard calibration else { throw ValidationError("--shard-duration needs the calibration run (drop --no-calibration, or give --nshards)") }
        }
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        if let throttle { guard throttle >= 1 else { throw ValidationError("--throttle must be ≥ 1") } }
        if let m = maxArraySize { guard m >= 1 else { throw ValidationError("--max-array-size must be ≥ 1") } }
        guard retries >= 0, retries <= 20 else { throw ValidationError("--retries must be in 0…20") }
        guard retryMemFactor.isFinite, retryMemFactor >= 1, retryMemFactor <= 16 else { throw ValidationError("--retry-mem-factor must be in 1…16") }
        if retryMemFactor != 1 && mem == nil { throw ValidationError("--retry-mem-factor needs --mem") }
        try ResourceLimit.toys.validate(ntoys, option: "-n")
        if let nshards { try ResourceLimit.shards.validate(nshards, option: "--nshards") }
        try ResourceLimit.threads.validate(threads, option: "--threads")
        guard name.range(of: "^[A-Za-z0-9_.-]+$", options: .regularExpression) != nil else {
            throw ValidationError("--name may contain letters, digits, '_', '.', '-' only")
        }
        for a in toyArguments where kind.reservedArguments.contains(a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a) {
            throw ValidationError("\(a) is set by `nmmfit batch` itself; do not pass it after --")
        }
        guard outdir.range(of: "^[A-Za-z0-9_./+,:=@-]+$", options: .regularExpression) != nil else {
            throw ValidationError("--outdir may not contain spaces, quotes or shell characters (it goes into #SBATCH / submit-file lines)")
        }
        if [submit, dryRun, status].filter({ $0 }).count > 1 { throw ValidationError("--submit, --dry-run and --status exclude each other") }
        if status && force { throw ValidationError("--status reports and changes nothing; drop --force") }
        if let t = time, JobResources.seconds(slurmTime: t) == nil {
            throw ValidationError("--time '\(t)' is not a Slurm time (MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS)")
        }
        if let m = mem, JobResources.megabytes(m) == nil { throw ValidationError("--mem '\(m)' is not a size like 500M, 2G or 2048 (MB)") }
        if system == .htcondor && partition != nil {
            throw ValidationError("HTCondor has no partitions; use --directive 'requirements = …' to choose machines")
        }
        if system == .slurm && transferFiles { throw ValidationError("--transfer-files is for HTCondor; Slurm jobs use the shared filesystem") }
        if transferFiles, let a = toyArguments.first(where: { arg in Self.fileOptions.contains { arg == $0 || arg.hasPrefix($0 + "=") } }),
           !(a.hasPrefix("--atomic") && ["free", "stepping"].contains(toyArguments.drop { $0 != a }.dropFirst().first ?? a.components(separatedBy: "=").last ?? "")) {
            throw ValidationError("\(a) names a file, which --transfer-files does not send to the execute machines; give datasets by name (the data folder is sent), or use a shared filesystem")
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
        // each shard is one `nmmfit toys` process, held to the toys one process may run (a
        // coverage shard's own parser checks its toys and inner toys below)
        if kind == .toys { try ToyWork.toysFileToys.validate([Toys.shardSize(ntoys, parseShards)], option: "toys per shard (-n / --nshards)") }
        do { _ = try BatchOptions.jobEnvironment() } catch { throw ValidationError("\(error)") }
        // The forwarded options, checked by the shard command's own parser now rather than by
        // every array task on the cluster (and, for coverage, those of the final read too).
        let args = Array(toyCall(shard: 0, of: parseShards).dropFirst())
        switch kind {
        case .toys:
            do { _ = try Toys.parse(args) } catch { throw ValidationError("the toys options after -- are invalid: \(Toys.message(for: error))") }
        case .coverage:
            do {
                _ = try CoverageCommand.parse(args)
                _ = try CoverageCommand.parse(Array(options.coverageCall(merged: "\(outdir)/\(name).jsonl", output: nil)!.dropFirst()))
            } catch {
                throw ValidationError("the coverage options after -- are invalid: \(CoverageCommand.message(for: error))")
            }
        }
    }

    /// What the job files say (the library's ``BatchOptions``).
    var options: BatchOptions {
        BatchOptions(system: system, name: name, ntoys: ntoys, seed: seed, threads: threads, executable: executable, time: time, mem: mem,
                     partition: partition, account: account, directives: directives, throttle: throttle, retryMemFactor: retryMemFactor,
                     transferFiles: transferFiles, allowOtherBuild: allowOtherBuild, toyArguments: toyArguments, kind: kind,
                     jobEnvironment: (try? BatchOptions.jobEnvironment()) ?? [])
    }

    /// The study as its first shard runs it (parsed with the shard command's own parser), the
    /// model, the data folder given, and the inner toys per toy of a Feldman–Cousins coverage study.
    func shardStudy() throws -> (study: ToyStudy, profile: ProfileLikelihood, dataDir: String?, criticalToys: Int?) {
        let args = Array(toyCall(shard: 0, of: parseShards).dropFirst())
        switch kind {
        case .toys:
            let toys = try Toys.parse(args)
            // build the model now: a bad dataset or spec fails here, not on the cluster
            let pl = try ProfileLikelihood(model: try toys.data.model(physics: toys.physics))
            let study = try ToyStudy(profile: pl, muNu: toys.mu, statistic: toys.statistic.rawValue, testedMuNu: toys.testMu, seed: seed,
                                     totalToys: ntoys)
            return (study, pl, toys.data.dataDir, nil)
        case .coverage:
            var coverage = try CoverageCommand.parse(args)
            (coverage.shard, coverage.nshards) = (nil, nil)
            let pl = try ProfileLikelihood(model: try coverage.data.model(physics: coverage.physics))
            let study = try coverage.shardStudy(profile: pl)
            return (study, pl, coverage.data.dataDir, study.header.criticalValues?.criticalToys)
        }
    }

    /// The `nmmfit toys` arguments (without the executable) of one shard.
    func toyCall(shard: Int, of nshards: Int, output: String = "/dev/null") -> [String] {
        options.toyCall(shard: shard, of: nshards, output: output)
    }

    /// The shards the toys options are parsed with: the shards they will have (--shard-duration
    /// sizes them later, from the calibration: here as many as may be), so that the toys
    /// command's own checks, which hold one shard to what one process may run, see a shard.
    var parseShards: Int {
        nshards ?? toysPerShard.map { (ntoys + $0 - 1) / $0 } ?? max(1, min(ntoys, ResourceLimit.shards.defaultValue))
    }

    /// The study's identity, kept in OUTDIR/NAME.study.json (``BatchStudy``).
    typealias Study = BatchStudy

    func run() throws {
        try CLIErrors.run {
            let (study1, pl, dataDirGiven, criticalToys) = try shardStudy()
            let dir = URL(fileURLWithPath: outdir).standardizedFileURL.path
            let studyPath = "\(dir)/\(name).study.json"
            // the recorded study (--force starts afresh and ignores it)
            let old = force ? nil : try Study.read(path: studyPath)
            let automatic = retriesLeft != nil

            // shard count: given, from toys per shard, or from the calibration (kept once recorded)
            var perToy: Double?
            if calibration && !automatic && !status { perToy = try calibrate(study1) }
            let target = shardDuration.flatMap { JobResources.seconds(slurmTime: $0) }
            // no shard above the toys one process may run
            let most = try ShardSizing.mostPerShard(criticalToys: criticalToys, bins: pl.model.binCount)
            let (shards, sized) = try ShardSizing.sizing(ntoys: ntoys, seed: seed, toyArguments: toyArguments, threads: threads, nshards: nshards,
                                                         toysPerShard: toysPerShard, recorded: old, perToy: perToy, targetSeconds: target,
                                                         mostPerShard: most, studyFile: "\(name).study.json", kind: kind)
            if let sized {
                Console.error("note: \(shards) shards instead of \(sized): one process runs at most \(most) toys of this study "
                              + "(\(ToyWork.budget.environment!) raises the limit; the job files carry the value set here)")
            }
            try ResourceLimit.shards.validate(shards, option: "--nshards")
            // each shard is one `nmmfit toys` process: refused here, not on the cluster
            try ToyWork.check(CoverageCommand.shardWork(toys: Toys.shardSize(ntoys, shards), criticalToys: criticalToys),
                              option: "toys per shard (-n / --nshards" + (criticalToys == nil ? ")" : "; × --critical-toys)"), bins: pl.model.binCount)
            if let perToy { report(perToy: perToy, shards: shards) }

            var header = study1.header
            header.nshards = shards
            header.nmmfitVersion = BuildInfo.version
            header.nmmfitCommit = BuildInfo.commit
            let study = Study(ntoys: ntoys, nshards: shards, seed: seed, toyArguments: toyArguments, modelDigest: header.modelDigest, kind: kind)
            if let old, old != study, !force {
                throw InputError(file: studyPath, "\(dir) already holds a different study named '\(name)' (other --study, -n, --nshards, --seed or toy options); use another --name or --outdir, or --force to start it afresh")
            }
            let dataDir = try DataLocator.dataDirectory(explicit: dataDirGiven).standardizedFileURL.path
            let maxArray = system == .slurm ? (maxArraySize ?? JobFiles.clusterMaxArraySize() ?? 1001) : Int.max
            var jobs = JobFiles(batch: options, header: header, dir: dir, dataDir: dataDir, maxArraySize: maxArray)

            // the duplicate guard, before anything is written
            if submit { try jobs.refuseIfRunning() }

            if force && !dryRun && !status { jobs.removeOutputs() }
            let pending = try jobs.pendingShards(ignoringOtherBuilds: force && !dryRun)
            if status {
                print(try AttemptsReport(reading: jobs.attemptsPath).text(study: name, dir: dir, merged: jobs.mergedPath, nshards: shards, pending: pending))
                return
            }
            jobs.attempt = try jobs.previousSubmissions() + 1
            jobs.retriesLeft = retriesLeft ?? retries
            jobs.memory = mem.map { JobResources.memory($0, factor: retryMemFactor, retry: retries - (retriesLeft ?? retries)) }
            let files = jobs.files(pending: pending)
            if dryRun {
                print(jobs.preview(files), terminator: "")
                return
            }
            try jobs.write(files, study: study)
            Console.error("wrote \(files.count <= 6 ? files.map(\.0).joined(separator: ", ") : "\(files.count) files") in \(dir); \(pending.count) of \(shards) shards pending")
            if pending.isEmpty {
                print("all \(shards) shards of study '\(name)' are complete: nothing to submit.\nmerge them with:  sh \(dir)/\(name)-merge.sh")
                return
            }
            if submit {
                print(try jobs.submit(pending: pending, automatic: automatic))
            } else {
                print("to submit the \(pending.count) pending shards and the merge job:\n  \(jobs.submitCommand(pending: pending))\n(or run `nmmfit batch` again with --submit)")
            }
        }
    }

    /// Seconds per toy from timing a few toys of the study here (``ShardSizing/secondsPerToy(_:ntoys:)``).
    func calibrate(_ study: ToyStudy) throws -> Double {
        ShardSizing.secondsPerToy(study, ntoys: ntoys)
    }

    /// Prints the calibration and each shard's estimated run time; warns for sub-minute shards
    /// and shards longer than --time.
    func report(perToy: Double, shards: Int) {
        let (perShard, seconds) = ShardSizing.estimate(ntoys: ntoys, shards: shards, threads: threads, perToy: perToy)
        Console.error("calibration: \(Format.g(perToy * 1000, 3)) ms per toy here; each shard (≤ \(perShard) toys, \(threads) thread\(threads == 1 ? "" : "s")) ≈ \(JobResources.duration(seconds)) on a machine like this one")
        if seconds < 60 {
            Console.error("warning: shards of under a minute cost the scheduler more than they compute (sites ask for longer jobs); use fewer shards, e.g. --toys-per-shard \(ShardSizing.toysPerMinute(threads: threads, perToy: perToy)) or --shard-duration 10:00")
        }
        if let limit = time.flatMap({ JobResources.seconds(slurmTime: $0) }), seconds > 0.8 * Double(limit) {
            Console.error("warning: a shard's estimated run time is close to or above --time \(time!); it would be stopped and resumed by its retries: raise --time or use more shards")
        }
    }
}
