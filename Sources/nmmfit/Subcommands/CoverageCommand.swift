import Analysis
import ArgumentParser
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
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("mu"), help: "True μν (μB); repeat for several (0, 0.5e-11 and 2e-11 when not given).")
    var mus: [Double] = []
    @Option(name: .customLong("method"), help: "Interval construction to check; repeat for several.")
    var methods: [IntervalMethod] = [.asymptoticUnified, .feldmanCousins]
    @OptionGroup var level: ConfidenceLevelOption
    @OptionGroup var toyOptions: ToyOptions<CoverageCommand>
    @OptionGroup var threadOptions: ThreadOptions
    @Option(help: "Feldman–Cousins: inner toys per outer toy for its critical value (cost: toys × critical-toys; 500 when not given).")
    var criticalToys: Int?
    @Option(name: .customLong("from-toys"), parsing: .upToNextOption,
            help: "Coverage from merged toys files (or folders of them) of t̃ at their true μν (nmmfit toys/batch --statistic t --mu M), one point per file; methods wilks and asymptotic-unified.")
    var fromToys: [String] = []

    var cl: Double { level.cl }

    func validate() throws {
        for m in mus { try MomentRange.check(m, "--mu") }
        let local = fromToys.isEmpty, localWhen = "with local toys (not --from-toys, whose files fix μν and the toys)"
        try OptionApplicability.check([
            .init(option: "--mu", given: !mus.isEmpty, acts: local, when: localWhen),
            .init(option: "--toys", given: toyOptions.toys != nil, acts: local, when: localWhen),
            .init(option: "--seed", given: toyOptions.seed != nil, acts: local, when: localWhen),
            .init(option: "--critical-toys", given: criticalToys != nil, acts: local && methods.contains(.feldmanCousins),
                  when: "with --method feldman-cousins and local toys (the other methods need no critical values)"),
        ])
        guard toyOptions.count >= 10, (criticalToys ?? 500) >= 100, threadOptions.threads >= 1 else { throw ValidationError("need --toys ≥ 10, --critical-toys ≥ 100, --threads ≥ 1") }
        try ResourceLimit.toys.validate(product: [max(mus.count, 1), toyOptions.count] + (methods.contains(.feldmanCousins) ? [criticalToys ?? 500] : []),
                                        option: "--mu values × --toys" + (methods.contains(.feldmanCousins) ? " × --critical-toys" : ""))
        try threadOptions.check()
    }

    /// The result (a library type).
    typealias Output = CoverageReport

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            var pts: [Coverage.Point] = []
            if !fromToys.isEmpty {
                let usable = methods.filter { $0 != .feldmanCousins }
                guard !usable.isEmpty else {
                    throw InputError("--from-toys: Feldman–Cousins coverage needs inner toys for every toy; run it without --from-toys, or choose --method wilks or asymptotic-unified")
                }
                if usable.count < methods.count { output.note("note: feldman-cousins skipped (its coverage needs inner toys for every toy; run it without --from-toys)") }
                for sample in try ToyStudySample.load(fromToys).sorted(by: { $0.header.muNuTrue < $1.header.muNuTrue }) {
                    for m in usable { pts.append(try Coverage.fromToys(sample, profile: pl, cl: cl, method: m)) }
                }
                try emit(pts)
                return
            }
            let muValues = mus.isEmpty ? [0, 0.5e-11, 2e-11] : mus
            let progress = DelayedProgress(total: muValues.count * methods.count, label: "coverage", quiet: output.quiet || output.json)
            // Ctrl-C (SIGTERM, SIGQUIT) stops the toys: the points finished (the last one with the
            // toys it had) are printed and written, exit 130
            Interrupt.shared.install()
            points: for mu in muValues {
                for m in methods {
                    if Interrupt.shared.requested { break points }
                    pts.append(try Coverage.run(profile: pl, muNu: mu, cl: cl, method: m, toys: toyOptions.count,
                                                criticalToys: criticalToys ?? 500, seed: toyOptions.seedValue, threads: threadOptions.threads,
                                                shouldStop: { Interrupt.shared.requested }))
                    progress.update(pts.count)
                }
            }
            progress.finish()
            try emit(pts)
            if Interrupt.shared.requested {
                Console.error("interrupted: \(pts.count) of \(muValues.count * methods.count) coverage points computed (the last with the toys finished)")
                throw ExitCode(130)
            }
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
