import Analysis
import ArgumentParser
import BuildInfo
import Formats
import Foundation
import Likelihood
import Report

struct Interval: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "A confidence interval on μν: asymptotic (boundary-aware or Wilks) or Feldman–Cousins with toys.")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var level: ConfidenceLevelOption

    @Option(name: .customLong("method"),
            help: "Interval construction: boundary-aware asymptotic, Wilks' χ²₁ threshold, or Feldman–Cousins with toys (default: asymptotic-unified; with --spec: the spec's).")
    var methodGiven: IntervalMethod?
    /// The construction asked for on the command line (a --spec's saved one applies when none is given).
    var method: IntervalMethod { methodGiven ?? .asymptoticUnified }

    @OptionGroup var toyOptions: ToyOptions<Interval>
    @OptionGroup var threadOptions: ThreadOptions

    @Option(help: "Feldman–Cousins: number of μν grid points (30 when not given).")
    var gridPoints: Int?

    @Option(help: "Feldman–Cousins: largest μν on the grid (μB); 2 × the asymptotic upper end when not given.")
    var gridMax: Double?

    @Option(help: "Feldman–Cousins: refinement points allowed near each end, added until the grid error is below a fifth of the toy error (6 when not given).")
    var refine: Int?

    @Option(name: .customLong("from-toys"), parsing: .upToNextOption,
            help: "Feldman–Cousins from merged toys files instead of local toys: files, or folders (every merged *.jsonl in them); one t̃ study per tested μν (nmmfit toys/batch --statistic t --mu M), made with the same data options.")
    var fromToys: [String] = []
    @Option(help: ArgumentHelp("Feldman–Cousins: keep each tested point's toys in this folder (one toys file per μν, t̃ at its true μν): Ctrl-C keeps the points finished, re-running the same command resumes, and --from-toys reads the folder.", valueName: "folder"))
    var toysDir: String?

    func validate() throws {
        guard toyOptions.count >= 10 else { throw ValidationError("--toys must be ≥ 10") }
        guard (gridPoints ?? FeldmanCousins.defaultGridPoints) >= FeldmanCousins.minimumGridPoints else {
            throw ValidationError("--grid-points must be ≥ \(FeldmanCousins.minimumGridPoints)")
        }
        try threadOptions.check()
        try ResourceLimit.gridPoints.validate(gridPoints ?? FeldmanCousins.defaultGridPoints, option: "--grid-points")
        try ResourceLimit.toys.validate(product: [toyOptions.count, gridPoints ?? FeldmanCousins.defaultGridPoints], option: "--toys × --grid-points")
        if let g = gridMax, !(g > 0) { throw ValidationError("--grid-max must be > 0") }
        try MomentRange.check(gridMax, "--grid-max")
        guard (refine ?? 6) >= 0 else { throw ValidationError("--refine must be ≥ 0") }
        try ResourceLimit.gridPoints.validate(refine ?? 6, option: "--refine")
        if method == .feldmanCousins && fromToys.isEmpty {
            try ToyWork.feldmanCousinsToys.validate(workFactors, option: "--toys × (--grid-points + 2 × --refine)")
        }
        let fc = method == .feldmanCousins, local = fromToys.isEmpty
        let localFC = "with --method feldman-cousins and local toys (not --from-toys, whose files fix the tested μν values and their toys)"
        try OptionApplicability.check([
            .init(option: "--from-toys", given: !fromToys.isEmpty, acts: fc, when: "with --method feldman-cousins"),
            .init(option: "--grid-max", given: gridMax != nil, acts: fc && local, when: localFC),
            .init(option: "--grid-points", given: gridPoints != nil, acts: fc && local, when: localFC),
            .init(option: "--refine", given: refine != nil, acts: fc && local, when: localFC),
            .init(option: "--toys", given: toyOptions.toys != nil, acts: fc && local, when: localFC),
            .init(option: "--seed", given: toyOptions.seed != nil, acts: fc && local, when: localFC),
            .init(option: "--toys-dir", given: toysDir != nil, acts: fc && local, when: localFC),
            .init(option: "--threads", given: threadOptions.given, acts: fc && local, when: localFC),
        ])
    }

    /// Toys and the most points a local Feldman–Cousins construction tests (the grid and the
    /// refinement points at both ends).
    var workFactors: [Int] { [toyOptions.count, (gridPoints ?? FeldmanCousins.defaultGridPoints) + 2 * (refine ?? 6)] }

    /// The result (library types).
    typealias Output = IntervalReport
    typealias FeldmanCousinsOutput = FeldmanCousinsReport

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            // a --spec's saved CL and method apply unless given (the library's rule; a note says when a given one replaces it)
            let settings = try data.settings(cl: level.clGiven, method: methodGiven, methodOption: "--method", note: output.note)
            let (cl, method) = (settings.cl, settings.method)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            var out: Output
            var fcResult: FeldmanCousins.Result?
            if !fromToys.isEmpty {
                let r = try FeldmanCousins.fromToys(try ToyStudySample.load(fromToys), profile: pl, cl: cl)
                out = Output(muNuBest: pl.best.muNu, interval: r.interval, cl: cl, feldmanCousins: r)
                fcResult = r
            } else if method == .feldmanCousins {
                let points = gridPoints ?? FeldmanCousins.defaultGridPoints
                try ToyWork.feldmanCousinsToys.check(workFactors, option: "--toys × (--grid-points + 2 × --refine)", bins: pl.model.binCount)
                let grid = try FeldmanCousins.grid(profile: pl, cl: cl, points: points, top: gridMax)
                var fc = FeldmanCousins(profile: pl, cl: cl, toysPerPoint: toyOptions.count, seed: toyOptions.seedValue, threads: threadOptions.threads,
                                        maxRefinements: refine ?? 6)
                // Ctrl-C (or SIGTERM) stops between points, or within a point's toys file
                Interrupt.shared.install()
                fc.shouldStop = { Interrupt.shared.requested }
                if let dir = toysDir { fc.pointToys = try pointToysStore(dir) }
                let progress = DelayedProgress(total: points, label: "Feldman–Cousins", quiet: output.quiet || output.json)
                let r: FeldmanCousins.Result
                do {
                    r = try fc.construct(grid: grid) { done, total in progress.update(done, of: total) }
                } catch let stop as FeldmanCousins.Interrupted {
                    progress.finish()
                    let kept = toysDir.map { ": their toys are in \($0); re-run the same command to resume" } ?? " (give --toys-dir to keep the toys of finished points)"
                    Console.error("interrupted: \(stop.points.count) tested points finished\(kept)")
                    throw ExitCode(130)
                }
                progress.finish()
                let failed = r.points.reduce(0) { $0 + $1.failedToys }
                if failed > 0 { output.note("note: \(failed) toy fits failed; they are counted per point in the JSON output") }
                out = Output(muNuBest: pl.best.muNu, interval: r.interval, cl: cl, feldmanCousins: r)
                fcResult = r
            } else {
                let iv = try AsymptoticInterval.interval(pl, cl: cl, method: settings.asymptoticMethod)
                out = Output(muNuBest: pl.best.muNu, interval: iv, cl: cl)
            }
            var provenance = try data.provenance(physics: physics, seed: fromToys.isEmpty && method == .feldmanCousins ? toyOptions.seedValue : nil)
            if !fromToys.isEmpty { try provenance.digest(files: try ToyStudySample.paths(fromToys)) }
            try output.emit(out, provenance: provenance) { IntervalText.render(out, feldmanCousins: fcResult) }
        }
    }
}

extension Interval {
    /// `--toys-dir`: each tested point's toys as a whole-study toys file in `dir`, written on the
    /// toy engine, resumed when it exists, kept on Ctrl-C.
    func pointToysStore(_ dir: String) throws -> (ToyStudy) throws -> ToyStudySample {
        try ToysFolder.prepare(dir)
        let threads = threadOptions.threads
        let provenance = try data.toysProvenance(physics: physics, fileOption: "--toys-dir")
        return { study in
            let path = (dir as NSString).appendingPathComponent(FeldmanCousins.pointToysFileName(study))
            do {
                _ = try study.write(to: path, force: false, version: BuildInfo.version, commit: BuildInfo.commit, provenance: provenance, run: nil,
                                    threads: threads, shouldStop: { Interrupt.shared.requested })
            } catch let e as ToyFileBuildMismatch {
                throw e.inputError
            }
            return try ToyStudySample.load(path: path)
        }
    }
}

extension Interval: ToyCountDefault {
    static let toys = 2000
    static let toysHelp = "Feldman–Cousins: toys per grid point (2000 when not given)."
}
