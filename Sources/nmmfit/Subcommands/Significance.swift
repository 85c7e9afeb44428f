import Analysis
import ArgumentParser
import Formats
import Foundation
import GSL
import Likelihood
import Report

struct Significance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The discovery test of μν > 0: q0, asymptotic Z = √q0 and p-value, and a toy-based p-value on request.")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var toyOptions: ToyOptions<Significance>
    @OptionGroup var threadOptions: ThreadOptions
    @Option(name: .customLong("from-toys"), parsing: .upToNextOption,
            help: "Toy p-value from a merged background-only toys file (nmmfit toys/batch --mu 0, statistic q0, same data options), or a folder holding exactly one.")
    var fromToys: [String] = []
    @Option(name: .customLong("save-toys"),
            help: "Keep the toys in FILE as they finish (a toys file, as `nmmfit toys --mu 0` writes; also usable by --from-toys). Re-running with the same FILE and options resumes it after an interruption; --force starts it afresh.")
    var saveToys: String?

    func validate() throws {
        guard toyOptions.count >= 0 else { throw ValidationError("--toys must be ≥ 0") }
        guard threadOptions.threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        if !fromToys.isEmpty && (toyOptions.count > 0 || toyOptions.seed != nil) { throw ValidationError("--from-toys excludes --toys and --seed (the file holds the toys)") }
        try ResourceLimit.toys.validate(toyOptions.count, option: "--toys")
        try ToyWork.significanceToys.validate([toyOptions.count], option: "--toys")
        try threadOptions.check()
        try OptionApplicability.check([
            .init(option: "--save-toys", given: saveToys != nil, acts: toyOptions.count > 0, when: "with --toys N (N > 0): it keeps those toys"),
            .init(option: "--seed", given: toyOptions.seed != nil, acts: toyOptions.count > 0, when: "with --toys N (N > 0)"),
            .init(option: "--threads", given: threadOptions.given, acts: toyOptions.count > 0, when: "with --toys N (N > 0)"),
        ])
        if let saveToys, let o = output.output, URL(fileURLWithPath: o).standardizedFileURL == URL(fileURLWithPath: saveToys).standardizedFileURL {
            throw ValidationError("--save-toys and -o name the same file '\(saveToys)'")
        }
    }

    /// The result (a library type).
    typealias Output = SignificanceReport

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            let toys = toyOptions.count
            try ToyWork.significanceToys.check(toys, option: "--toys", bins: pl.model.binCount)
            let d = try pl.discovery()
            let progress = DelayedProgress(total: toys > 0 ? toys : nil, label: "significance toys", quiet: output.quiet || output.json)
            // Ctrl-C (or SIGTERM) stops after the current block of toys; the toys finished
            // are kept and the p-value is given from them, with a note and exit 130
            if toys > 0 { Interrupt.shared.install() }
            var toy: ToyPValue?
            if toys > 0, let saveToys {
                // one writer per toys file; an existing file of this study is resumed
                let (_, lock) = try OutputFile.lock(saveToys, force: output.force, mayExist: true)
                defer { lock.release() }
                let header = try data.stamped(try ToyPValue.backgroundOnlyStudy(profile: pl, toys: toys, seed: toyOptions.seedValue).header,
                                              physics: physics, fileOption: "--save-toys")
                let file: ToyFileAppender
                do {
                    file = try ToyFileAppender.open(path: saveToys, header: header, force: output.force)
                } catch let e as ToyFileBuildMismatch {
                    throw e.inputError
                }
                defer { file.close() }
                if file.kept > 0 || file.dropped > 0 {
                    output.note("resuming: \(file.kept) toys already in \(saveToys), \(toys - file.next) to go")
                }
                toy = try ToyPValue.compute(profile: pl, toys: toys, seed: toyOptions.seedValue, file: file, threads: threadOptions.threads,
                                            shouldStop: { Interrupt.shared.requested }) { progress.update($0) }
            } else if toys > 0 {
                toy = try ToyPValue.compute(profile: pl, toys: toys, seed: toyOptions.seedValue, threads: threadOptions.threads,
                                            shouldStop: { Interrupt.shared.requested }) { progress.update($0) }
            }
            progress.finish()
            let interrupted = toys > 0 && Interrupt.shared.requested
            if !fromToys.isEmpty {
                toy = try ToyPValue.fromToys(fromToys, q0Observed: d.q0, profile: pl)
            }
            let out = Output(muNuBest: pl.best.muNu, q0: d.q0, zAsymptotic: d.z, pValueAsymptotic: d.p, toy: toy)
            var provenance = try data.provenance(physics: physics, seed: toys > 0 ? toyOptions.seedValue : nil)
            if !fromToys.isEmpty { try provenance.digest(files: try ToyStudySample.paths(fromToys)) }
            try output.emit(out, provenance: provenance) { SignificanceText.render(out) }
            if interrupted, let t = toy {
                Console.error("interrupted: the toy p-value uses the \(t.toys) of \(toys) toys finished"
                              + (saveToys.map { "; they are kept in \($0): run the same command again to resume" } ?? ""))
                throw ExitCode(130)
            }
        }
    }
}

extension Significance: ToyCountDefault {
    static let toys = 0
    static let toysHelp = "Background-only toys for a toy-based p-value (0, the default: asymptotic only)."
}
