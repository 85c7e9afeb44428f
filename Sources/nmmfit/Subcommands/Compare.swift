import Analysis
import ArgumentParser
import Formats
import Foundation
import Likelihood
import Report

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Background-hypothesis test: nested models compared by likelihood ratio (asymptotic and toys).",
        discussion: """
        --test names the components the null hypothesis sets to zero. `--test tritium` compares \
        B0 with B0 + ³H; `--test mu_nu` compares B0 with B0 + μν; both together compare B0 with \
        B0 + ³H + μν. A component that is not tested is left out of both hypotheses, unless it is \
        kept: `--test mu_nu --tritium free` compares B0 + ³H with B0 + ³H + μν, and `--test tritium \
        --keep-mu-nu` compares B0 + μν with B0 + μν + ³H. Any non-negative parameter name of the \
        model is accepted as a test too.
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("test"), help: "Component(s) fixed to zero under the null: tritium, mu_nu, or a parameter name.")
    var tests: [String] = [ModelNames.muNu]
    @OptionGroup var toyOptions: ToyOptions<Compare>
    @OptionGroup var threadOptions: ThreadOptions
    @Option(name: .customLong("save-toys"),
            help: "Keep the toys in FILE as they finish (JSON lines). Re-running with the same FILE and options resumes it after an interruption; --force starts it afresh.")
    var saveToys: String?
    @Flag(help: "Keep μν free in both hypotheses when it is not tested.")
    var keepMuNu = false

    func validate() throws {
        guard toyOptions.count >= 0 else { throw ValidationError("--toys must be ≥ 0") }
        try ResourceLimit.toys.validate(toyOptions.count, option: "--toys")
        try ToyWork.comparisonToys.validate([toyOptions.count], option: "--toys")
        guard !tests.isEmpty else { throw ValidationError("give at least one --test") }
        try threadOptions.check()
        try OptionApplicability.check([
            .init(option: "--save-toys", given: saveToys != nil, acts: toyOptions.count > 0, when: "with --toys N (N > 0): it keeps those toys"),
            .init(option: "--seed", given: toyOptions.seed != nil, acts: toyOptions.count > 0, when: "with --toys N (N > 0)"),
            .init(option: "--threads", given: threadOptions.given, acts: toyOptions.count > 0, when: "with --toys N (N > 0)"),
            .init(option: "--keep-mu-nu", given: keepMuNu, acts: !tests.contains(ModelNames.muNu),
                  when: "when μν is not among the --test components (a tested μν is fixed to 0 under the null)"),
        ])
        if let saveToys, let o = output.output, URL(fileURLWithPath: o).standardizedFileURL == URL(fileURLWithPath: saveToys).standardizedFileURL {
            throw ValidationError("--save-toys and -o name the same file '\(saveToys)'")
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            var d = data
            if tests.contains(ModelNames.tritium) { d.tritium = .free }
            if d.spec == nil {
                let channels = try d.choice().channels()
                try data.checkApplicability(channels)  // the options as the user gave them
                // --test tritium needs a tritium component as --tritium free does; named as given
                if tests.contains(ModelNames.tritium),
                   let t = try d.choice().applicability(channels).first(where: { $0.choice == .tritium }), !t.acts {
                    throw OptionApplicability.NotApplicable(description: "--test tritium applies only \(t.when)")
                }
            }
            try data.checkSpec(physics: physics)
            let comparison = try BackgroundComparison(data: try data.choice(), recoil: try physics.recoilModel(), tests: tests, keepMuNu: keepMuNu)
            let model = comparison.model
            let toys = toyOptions.count
            try ToyWork.comparisonToys.check(toys, option: "--toys", bins: model.binCount)
            let progress = DelayedProgress(total: toys > 0 ? toys : nil, label: toys > 0 ? "compare toys" : "compare",
                                           quiet: output.quiet || output.json)
            defer { progress.finish() }
            // Ctrl-C (SIGTERM, SIGQUIT) stops the toys; the p-value comes from those finished (exit 130)
            if toys > 0 { Interrupt.shared.install() }
            // --save-toys: the toys kept in a locked file, resumed when it holds some
            var toysLock: FileLock?
            defer { toysLock?.release() }
            let toysFile = saveToys.map { path in { (header: ComparisonToysHeader) throws -> ComparisonToysFile in
                toysLock = try OutputFile.lock(path, force: output.force, mayExist: true).lock
                let h = try data.stamped(header, physics: physics, fileOption: "--save-toys")
                let f = try ComparisonToysFile.open(path: path, header: h, force: output.force)
                if f.kept > 0 || f.dropped > 0 { output.note("resuming: \(f.kept) toys already in \(path), \(toys - f.next) to go") }
                return f
            } }
            let r = try comparison.test()
                .run(toys: toys, seed: toyOptions.seedValue, threads: threadOptions.threads, shouldStop: { Interrupt.shared.requested },
                     toysFile: toysFile) { progress.update($0) }
            progress.finish()
            try output.emit(HypothesisTestReport(r, model: model), provenance: try d.provenance(physics: physics, seed: toys > 0 ? toyOptions.seedValue : nil)) { HypothesisTestText.render(r) }
            if toys > 0 && Interrupt.shared.requested {
                Console.error("interrupted: the toy p-value uses the \(r.toys) of \(toys) toys finished"
                              + (saveToys.map { "; they are kept in \($0): run the same command again to resume" } ?? ""))
                throw ExitCode(130)
            }
        }
    }
}

extension Compare: ToyCountDefault {
    static let toys = 0
    static let toysHelp = "Toys for a toy-based p-value (0, the default: asymptotic only)."
}
