import Analysis
import ArgumentParser
import BuildInfo
import Formats
import Foundation
import Likelihood
import Report

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Coverage of interval constructions on toys at given true μν values (the long version of the suite's check).",
        discussion: """
        Example (the documented long study): nmmfit coverage --mu 0 --mu 0.5e-11 --mu 2e-11 \
        --method asymptotic-unified --method wilks --method feldman-cousins --toys 5000

        Sharded, for every method: `nmmfit coverage --mu M --toys N --method feldman-cousins \
        --shard i --nshards n --write-toys shard-i.jsonl` for i = 0…n−1, then `nmmfit merge -o \
        all.jsonl shard-*.jsonl` and `nmmfit coverage --from-toys all.jsonl`: the same points as \
        `nmmfit coverage --mu M --toys N` run locally with the same --seed, --cl and \
        --critical-toys. Toy k uses RNG stream k of --seed and its inner toys a seed made from \
        --seed and k, so the shards compute the local run's toys; re-running a shard resumes it, \
        Ctrl-C keeps its toys. Each toy's record holds its t̃ at the true μν (all that wilks and \
        asymptotic-unified need) and, with --method feldman-cousins, its own Feldman–Cousins \
        critical value from --critical-toys inner toys at --cl (toys-file format 4); without it \
        the shards are plain t̃ studies (format 3) for wilks and asymptotic-unified only. \
        On a cluster: `nmmfit batch --study coverage` writes the shards' jobs and merges them. \
        A local run keeps its toys with --toys-dir DIR: Ctrl-C then keeps the toys finished, and \
        the same command resumes them (the points equal those of an uninterrupted run).
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("mu"), help: "True μν (μB); repeat for several (0, 0.5e-11 and 2e-11 when not given).")
    var mus: [Double] = []
    @Option(name: .customLong("method"), help: "Interval construction to check; repeat for several (asymptotic-unified and feldman-cousins when not given). With --write-toys: feldman-cousins adds each toy's critical value to the file.")
    var methodOptions: [IntervalMethod] = []
    @OptionGroup var level: ConfidenceLevelOption
    @OptionGroup var toyOptions: ToyOptions<CoverageCommand>
    @OptionGroup var threadOptions: ThreadOptions
    @Option(help: "Feldman–Cousins: inner toys per outer toy for its critical value, locally or with --write-toys (cost: about 2 × toys × critical-toys fits; 500 when not given).")
    var criticalToys: Int?
    @Option(name: .customLong("from-toys"), parsing: .upToNextOption,
            help: "Coverage from merged toys files (or folders of them) of t̃ at their true μν (coverage --write-toys, or nmmfit toys/batch --statistic t --mu M), one point per file and method; feldman-cousins needs files written by coverage --method feldman-cousins --write-toys (at the same --cl).")
    var fromToys: [String] = []
    @Option(help: ArgumentHelp("Write the toys of the coverage study at the one --mu (t̃ at its true μν: a toys file, format 3; with --method feldman-cousins also each toy's critical value from --critical-toys inner toys at --cl, format 4) to this file instead of computing coverage; resumed when it exists. With --shard/--nshards only that shard's toys; merge the shards with nmmfit merge and read them with --from-toys.", valueName: "file"))
    var writeToys: String?
    @Option(help: "With --write-toys: this shard's index (0-based).")
    var shard: Int?
    @Option(help: "With --write-toys: the number of shards the study is split into.")
    var nshards: Int?
    @Option(help: ArgumentHelp("Keep each point's toys in this folder (one toys file per true μν, and one more with the critical values for feldman-cousins): Ctrl-C keeps the toys finished, re-running the same command resumes, and --from-toys reads the files.", valueName: "folder"))
    var toysDir: String?
    @Flag(help: "With --write-toys: extend a toys file that another build of nmmfit wrote (its header then names every build).")
    var allowOtherBuild = false

    var cl: Double { level.cl }
    /// `--method`, or asymptotic-unified and Feldman–Cousins.
    var methods: [IntervalMethod] { methodOptions.isEmpty ? [.asymptoticUnified, .feldmanCousins] : methodOptions }

    func validate() throws {
        for m in mus { try MomentRange.check(m, "--mu") }
        let local = fromToys.isEmpty, localWhen = "with local toys (not --from-toys, whose files fix μν and the toys)"
        let writing = writeToys != nil, coverageWhen = "when coverage is computed (not with --write-toys, which only writes toys)"
        let writesCritical = writing && methodOptions.contains(.feldmanCousins)
        try OptionApplicability.check([
            .init(option: "--mu", given: !mus.isEmpty, acts: local, when: localWhen),
            .init(option: "--toys", given: toyOptions.toys != nil, acts: local, when: localWhen),
            .init(option: "--seed", given: toyOptions.seed != nil, acts: local, when: localWhen),
            .init(option: "--write-toys", given: writing, acts: local, when: localWhen),
            .init(option: "--shard", given: shard != nil, acts: writing, when: "with --write-toys (a shard writes its toys, to be merged)"),
            .init(option: "--nshards", given: nshards != nil, acts: writing, when: "with --write-toys (a shard writes its toys, to be merged)"),
            .init(option: "--allow-other-build", given: allowOtherBuild, acts: writing, when: "with --write-toys (it extends a toys file)"),
            .init(option: "--toys-dir", given: toysDir != nil, acts: local && !writing,
                  when: "when coverage is computed from local toys (not --from-toys, whose files are the toys; not --write-toys, which writes one file)"),
            .init(option: "--method", given: !methodOptions.isEmpty, acts: !writing || writesCritical,
                  when: "when coverage is computed, or as --method feldman-cousins with --write-toys (which adds each toy's critical value)"),
            .init(option: "--cl", given: level.clGiven != nil, acts: !writing || writesCritical,
                  when: "when coverage is computed, or with --write-toys --method feldman-cousins (the CL of each toy's critical value)"),
            .init(option: "--output", given: output.output != nil, acts: !writing, when: coverageWhen + "; the toys file is --write-toys"),
            .init(option: "--json", given: output.json, acts: !writing, when: coverageWhen),
            .init(option: "--critical-toys", given: criticalToys != nil, acts: local && (writing ? writesCritical : methods.contains(.feldmanCousins)),
                  when: "with --method feldman-cousins and local toys or --write-toys (the other methods need no critical values)"),
        ])
        if writing {
            guard mus.count == 1 else { throw ValidationError("--write-toys needs exactly one --mu (one toys file per true μν)") }
            let n = nshards ?? 1, i = shard ?? 0
            guard n >= 1, i >= 0, i < n else { throw ValidationError("need 0 ≤ --shard < --nshards") }
            guard shard == nil || nshards != nil else { throw ValidationError("--shard needs --nshards") }
            try ResourceLimit.shards.validate(n, option: "--nshards")
        }
        guard toyOptions.count >= 10, (criticalToys ?? 500) >= 100, threadOptions.threads >= 1 else { throw ValidationError("need --toys ≥ 10, --critical-toys ≥ 100, --threads ≥ 1") }
        // (writing toys runs critical toys only for feldman-cousins: each toy's critical value)
        let inner = writing ? writesCritical : methods.contains(.feldmanCousins)
        try ResourceLimit.toys.validate(product: [max(mus.count, 1), toyOptions.count] + (inner ? [criticalToys ?? 500] : []),
                                        option: "--mu values × --toys" + (inner ? " × --critical-toys" : ""))
        try threadOptions.check()
        try ToyWork.validate(toyWork, option: toyWorkOption)
    }

    /// The toys this process runs: a shard's toys file, or every local point's toys (and the
    /// Feldman–Cousins inner toys); none from toys files.
    var toyWork: [(work: ToyWork, factors: [Int])] {
        guard fromToys.isEmpty else { return [] }
        if writeToys != nil {
            return Self.shardWork(toys: Toys.shardSize(toyOptions.count, nshards ?? 1),
                                  criticalToys: methodOptions.contains(.feldmanCousins) ? criticalToys ?? 500 : nil)
        }
        let points = mus.isEmpty ? 3 : mus.count, asymptotic = methods.filter { $0 != .feldmanCousins }.count
        return (asymptotic > 0 ? [(.coverageToys, [points, asymptotic, toyOptions.count])] : [])
            + (methods.contains(.feldmanCousins) ? [(.coverageCriticalToys, [points, toyOptions.count, criticalToys ?? 500])] : [])
    }
    /// The toys one shard of `toys` toys runs with --write-toys: its toys file's toys and, for
    /// Feldman–Cousins, each toy's `criticalToys` inner toys (also how `batch --study coverage` sizes shards).
    static func shardWork(toys size: Int, criticalToys: Int?) -> [(work: ToyWork, factors: [Int])] {
        [(.toysFileToys, [size])] + (criticalToys.map { [(.coverageCriticalToys, [1, size, $0])] } ?? [])
    }
    var toyWorkOption: String {
        writeToys != nil ? "--toys / --nshards (toys of this shard" + (methodOptions.contains(.feldmanCousins) ? ", × --critical-toys)" : ")") : "--mu values × methods × --toys (× --critical-toys for feldman-cousins)"
    }

    /// The result (a library type).
    typealias Output = CoverageReport

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            // a --spec's saved CL applies unless --cl is given (the library's rule); --method lists the constructions checked
            let cl = try data.settings(cl: level.clGiven, method: nil, note: output.note).cl
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            try ToyWork.check(toyWork, option: toyWorkOption, bins: pl.model.binCount)
            if let path = writeToys { return try write(path, profile: pl) }
            var pts: [Coverage.Point] = []
            if !fromToys.isEmpty {
                let read = try Coverage.fromToys(try ToyStudySample.load(fromToys), profile: pl, cl: cl, methods: methods,
                                                 requireFeldmanCousins: methodOptions.contains(.feldmanCousins))
                if read.skipped {
                    output.note("note: feldman-cousins skipped for files without critical values per toy (write them with --method feldman-cousins --write-toys)")
                }
                try emit(read.points)
                return
            }
            let muValues = mus.isEmpty ? [0, 0.5e-11, 2e-11] : mus
            let progress = DelayedProgress(total: muValues.count * methods.count, label: "coverage", quiet: output.quiet || output.json)
            // Ctrl-C (or SIGTERM) stops the toys: the points finished (without --toys-dir the last
            // one with the toys it had) are printed and written, exit 130; --toys-dir keeps the toys
            Interrupt.shared.install()
            let store = try toysDir.map(pointToysStore)
            points: for mu in muValues {
                for m in methods {
                    if Interrupt.shared.requested { break points }
                    if let store {
                        do {
                            pts.append(try Coverage.run(profile: pl, muNu: mu, cl: cl, method: m, toys: toyOptions.count,
                                                        criticalToys: criticalToys ?? 500, seed: toyOptions.seedValue, store: store))
                        } catch where Interrupt.shared.requested {
                            break points  // the point's toys file was cut short: kept, resumed next time
                        }
                    } else {
                        pts.append(try Coverage.run(profile: pl, muNu: mu, cl: cl, method: m, toys: toyOptions.count,
                                                    criticalToys: criticalToys ?? 500, seed: toyOptions.seedValue, threads: threadOptions.threads,
                                                    shouldStop: { Interrupt.shared.requested }))
                    }
                    progress.update(pts.count)
                }
            }
            progress.finish()
            try emit(pts)
            if Interrupt.shared.requested {
                let kept = toysDir.map { ": their toys are in \($0); re-run the same command to resume" }
                    ?? " (the last with the toys finished; give --toys-dir to keep the toys and resume)"
                Console.error("interrupted: \(pts.count) of \(muValues.count * methods.count) coverage points computed\(kept)")
                throw ExitCode(130)
            }
        }
    }

    /// `--write-toys`: the study's shard into a toys file (resumed when it exists; Ctrl-C keeps
    /// the toys written, exit 130).
    func write(_ path: String, profile pl: ProfileLikelihood) throws {
        let study = try shardStudy(profile: pl)
        Interrupt.shared.install()
        let quiet = output.quiet
        var progress: DelayedProgress?
        let run: ToyStudy.FileRun
        do {
            run = try study.write(to: path, force: output.force, version: BuildInfo.version, commit: BuildInfo.commit,
                                  provenance: try data.toysProvenance(physics: physics, fileOption: "--write-toys", sharded: true),
                                  run: ToyRun.current(), allowOtherBuild: allowOtherBuild, threads: threadOptions.threads, shouldStop: { Interrupt.shared.requested },
                                  onOpen: { r in
                if !quiet && (r.kept > 0 || r.dropped > 0) {
                    Console.error("resuming: \(r.kept) toys already in \(path), \(r.range.count - r.kept) to go")
                }
                progress = DelayedProgress(total: r.range.count - r.kept, label: "coverage toys", quiet: quiet)
            }, progress: { progress?.update($0) })
        } catch let e as ToyFileBuildMismatch {
            throw e.inputError
        }
        progress?.finish()
        if !quiet {
            Console.error("wrote \(run.written) toys to \(path) (shard \(shard ?? 0)/\(nshards ?? 1): toys \(run.range.lowerBound)…\(run.range.upperBound - 1))")
        }
        if Interrupt.shared.requested { throw ExitCode(130) }
    }

    /// The study `--write-toys` writes (this shard's): t̃ at the one --mu, with each toy's
    /// Feldman–Cousins critical value (--critical-toys inner toys at --cl; with a --spec and no
    /// --cl, at the spec's saved CL, as a local run) for --method feldman-cousins.
    func shardStudy(profile pl: ProfileLikelihood) throws -> ToyStudy {
        let cl = try data.settings(cl: level.clGiven, method: nil, note: { _ in }).cl
        let critical = methodOptions.contains(.feldmanCousins) ? ToyFileHeader.CriticalValues(cl: cl, criticalToys: criticalToys ?? 500) : nil
        return try Coverage.study(profile: pl, muNu: mus[0], toys: toyOptions.count, seed: toyOptions.seedValue,
                                  shard: shard ?? 0, nshards: nshards ?? 1, criticalValues: critical)
    }

    /// `--toys-dir`: each point's toys as a whole-study toys file in `dir`
    /// (``Coverage/toysFileName(_:)``), written on the toy engine, resumed when it exists, kept on Ctrl-C.
    func pointToysStore(_ dir: String) throws -> (ToyStudy) throws -> ToyStudySample {
        try ToysFolder.prepare(dir)
        let (threads, quiet) = (threadOptions.threads, output.quiet)
        let provenance = try data.toysProvenance(physics: physics, fileOption: "--toys-dir")
        return { study in
            let path = (dir as NSString).appendingPathComponent(Coverage.toysFileName(study))
            do {
                _ = try study.write(to: path, force: false, version: BuildInfo.version, commit: BuildInfo.commit, provenance: provenance, run: nil,
                                    threads: threads, shouldStop: { Interrupt.shared.requested }, onOpen: { r in
                    if !quiet && r.kept > 0 && r.kept < r.range.count {
                        Console.error("resuming: \(r.kept) toys already in \(path), \(r.range.count - r.kept) to go")
                    }
                })
            } catch let e as ToyFileBuildMismatch {
                throw e.inputError
            }
            return try ToyStudySample.load(path: path)
        }
    }

    func emit(_ pts: [Coverage.Point]) throws {
        var provenance = try data.provenance(physics: physics, seed: fromToys.isEmpty ? toyOptions.seedValue : nil)
        if !fromToys.isEmpty { try provenance.digest(files: try ToyStudySample.paths(fromToys)) }
        try output.emit(Output(points: pts), provenance: provenance) { CoverageText.render(Output(points: pts)) }
    }
}

extension CoverageCommand: ToyCountDefault {
    static let toys = 1000
    static let toysHelp = "Toys per point (1000 when not given)."
}
