import ArgumentParser
import BuildInfo
import Formats
import Foundation
import GSL
import Likelihood

struct Toys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate and fit toys at given parameters, one JSON line per toy (shardable, resumable).",
        discussion: """
        The output starts with a header line, then one line per toy (keys: toy, mu_nu_hat_muB, s_hat, \
        s_hat_error, statistic, nll_free, nll_constrained, converged, failed). Toy k always uses RNG \
        stream k of --seed, so `--shard i --nshards N` for i = 0…N−1 followed by `nmmfit merge` gives \
        exactly the single-run file. Re-running the same command on an existing file resumes it in a \
        stream: the shard's toys from its first index on, complete and in order, are kept; other lines \
        (a cut-off last line, repeats, toys outside the shard) are dropped and counted. Ctrl-C keeps \
        finished toys. The header names this build (version and git commit); a shard of a sharded \
        study also lists each run that wrote it (host, job id, attempt, start and end, UTC). A file \
        another build wrote is not extended unless --allow-other-build is given.
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions

    @Option(help: "True μν of the toys (μB); nuisances at their conditional fit to the data.")
    var mu: Double = 0
    @Option(name: .customShort("n"), help: "Number of toys in the whole study.")
    var ntoys: Int = 1000
    @Option(help: "Test statistic: the discovery statistic, or t̃ at --test-mu.")
    var statistic: ToyStatisticName = .q0
    @Option(help: "μν tested by the t statistic (μB); default --mu.")
    var testMu: Double?
    @Option(help: "Random seed of the study.")
    var seed: UInt64 = 1
    @Option(help: "This shard's index (0-based).")
    var shard: Int = 0
    @Option(help: "Number of shards the study is split into.")
    var nshards: Int = 1
    @OptionGroup var threadOptions: ThreadOptions
    @Option(name: .shortAndLong, help: "Output file (JSON lines); required.")
    var output: String
    @Flag(help: "Start the file afresh even if it exists.")
    var force = false
    @Flag(help: "Extend an existing file whose toys another build of nmmfit wrote (its header then names both builds).")
    var allowOtherBuild = false
    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard ntoys >= 1 else { throw ValidationError("-n must be ≥ 1") }
        guard nshards >= 1, shard >= 0, shard < nshards else { throw ValidationError("need 0 ≤ --shard < --nshards") }
        try threadOptions.check()
        try MomentRange.check(mu, "--mu")
        try MomentRange.check(testMu, "--test-mu")
        try OptionApplicability.check([
            .init(option: "--test-mu", given: testMu != nil, acts: statistic != .q0, when: "with --statistic t (q0 always tests μν = 0)"),
        ])
        try ResourceLimit.toys.validate(ntoys, option: "-n")
        try ResourceLimit.shards.validate(nshards, option: "--nshards")
        try ToyWork.toysFileToys.validate([Self.shardSize(ntoys, nshards)], option: Self.shardOption(nshards))
    }

    /// The most toys of one shard of `ntoys` toys in `nshards` shards.
    static func shardSize(_ ntoys: Int, _ nshards: Int) -> Int { ntoys / nshards + (ntoys % nshards == 0 ? 0 : 1) }
    /// The options that set a shard's size, for messages.
    static func shardOption(_ nshards: Int) -> String { nshards == 1 ? "-n" : "toys per shard (-n / --nshards)" }

    func run() throws {
        try CLIErrors.run {
            // a folder, FIFO or device as the output is refused before the model is built
            _ = try OutputFile.checkedTarget(output)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            try ToyWork.toysFileToys.check(Self.shardSize(ntoys, nshards), option: Self.shardOption(nshards), bins: pl.model.binCount)
            let study = try ToyStudy(profile: pl, muNu: mu, statistic: statistic.rawValue, testedMuNu: testMu, seed: seed,
                                     totalToys: ntoys, shard: shard, nshards: nshards)
            // one library call: the locked toys file, resumed from its first missing toy; a shard
            // records its runs, a whole study only its build (so it equals a merge byte for byte)
            var progress: DelayedProgress?
            let result: ToyStudy.FileRun
            do {
                let provenance = try data.toysProvenance(physics: physics, fileOption: "-o", "--output", sharded: true)
                result = try study.write(to: output, force: force, version: BuildInfo.version, commit: BuildInfo.commit, provenance: provenance,
                                         run: ToyRun.current(),
                                         allowOtherBuild: allowOtherBuild, threads: threadOptions.threads,
                                         shouldStop: { Interrupt.shared.requested },
                                         onOpen: { r in
                                             let todo = r.range.count - r.kept
                                             if !quiet && (r.kept > 0 || r.dropped > 0) {
                                                 var note = "resuming: \(r.kept) toys already in \(output), \(todo) to go"
                                                 if r.dropped > 0 { note += " (dropped \(r.dropped) lines that were cut off, repeated, out of order or outside this shard)" }
                                                 Console.error(note)
                                             }
                                             Interrupt.shared.install()
                                             progress = DelayedProgress(total: todo, label: "toys", quiet: quiet)
                                         },
                                         progress: { progress?.update($0) })
            } catch let e as ToyFileBuildMismatch {
                throw e.inputError
            }
            progress?.finish()
            if !quiet {
                let range = result.range
                Console.error("wrote \(result.written) toys to \(output) (shard \(shard)/\(nshards): toys \(range.lowerBound)…\(range.upperBound - 1))")
            }
            if Interrupt.shared.requested { throw ExitCode(130) }
        }
    }
}
