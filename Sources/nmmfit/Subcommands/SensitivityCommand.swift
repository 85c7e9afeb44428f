import Analysis
import ArgumentParser
import Formats
import Foundation
import Likelihood
import Report

struct SensitivityCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sensitivity",
        abstract: "Median expected upper limit on μν (Asimov) and its ±1σ/±2σ band (background-only toys).")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var interval: IntervalOptions
    @Option(name: .customLong("method"), help: ArgumentHelp("The old name of --interval-method.", visibility: .hidden))
    var oldMethodOption: AsymptoticInterval.Method?
    @OptionGroup var toyOptions: ToyOptions<SensitivityCommand>
    @OptionGroup var threadOptions: ThreadOptions
    @Option(name: .customLong("save-toys"),
            help: "Keep the toys' upper limits in FILE as they finish (JSON lines). Re-running with the same FILE and options resumes it after an interruption; --force starts it afresh.")
    var saveToys: String?
    @Option(help: "Also write the expected-limit band (\"Brazil\" plot) with the observed limit as SVG.")
    var plot: String?

    var cl: Double { interval.cl }
    /// `--interval-method`, or its old name `--method` when given.
    var method: AsymptoticInterval.Method { oldMethodOption ?? interval.intervalMethod }

    func validate() throws {
        guard toyOptions.count >= 5 else { throw ValidationError("--toys must be ≥ 5") }
        try ResourceLimit.toys.validate(toyOptions.count, option: "--toys")
        try ToyWork.sensitivityToys.validate([toyOptions.count], option: "--toys")
        try threadOptions.check()
        let paths = [saveToys, output.output, plot].compactMap { $0 }.map { URL(fileURLWithPath: $0).standardizedFileURL.path }
        if let saveToys, paths.filter({ $0 == paths[0] }).count > 1 {
            throw ValidationError("--save-toys names the same file as -o or --plot: '\(saveToys)'")
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output, plot], force: output.force)
            // a --spec's saved CL and method apply unless given (the library's rule)
            let settings = try data.settings(cl: interval.clGiven, method: (oldMethodOption ?? interval.intervalMethodGiven).map(IntervalMethod.init(asymptotic:)),
                                             note: output.note)
            let (cl, method) = (settings.cl, settings.asymptoticMethod)
            let model = try data.model(physics: physics)
            let toys = toyOptions.count
            try ToyWork.sensitivityToys.check(toys, option: "--toys", bins: model.binCount)
            let progress = DelayedProgress(total: toys, label: "sensitivity toys", quiet: output.quiet || output.json)
            defer { progress.finish() }
            // Ctrl-C (or SIGTERM) stops the toys; the band comes from those finished (exit 130)
            Interrupt.shared.install()
            var file: SensitivityToysFile?
            var lock: FileLock?
            defer { file?.close(); lock?.release() }
            if let saveToys {
                // one writer per toys file; an existing file of this study is resumed
                lock = try OutputFile.lock(saveToys, force: output.force, mayExist: true).lock
                let header = try data.stamped(try Sensitivity.toysFileHeader(model: model, cl: cl, method: method, toys: toys, seed: toyOptions.seedValue),
                                              physics: physics, fileOption: "--save-toys")
                let f = try SensitivityToysFile.open(path: saveToys, header: header, force: output.force)
                if f.kept > 0 || f.dropped > 0 {
                    output.note("resuming: \(f.kept) toys already in \(saveToys), \(toys - f.next) to go")
                }
                file = f
            }
            let r = try Sensitivity.run(model: model, cl: cl, method: method, toys: toys, seed: toyOptions.seedValue,
                                        threads: threadOptions.threads, file: file,
                                        shouldStop: { Interrupt.shared.requested }) { progress.update($0) }
            progress.finish()
            let provenance = try data.provenance(physics: physics, seed: toys > 0 ? toyOptions.seedValue : nil)
            if let plot { try FigureFiles.write(Figures.sensitivity(r), to: plot, force: output.force, provenance: provenance) }
            try output.emit(Sensitivity.Output(r), provenance: provenance) { SensitivityText.render(r, requestedToys: toys) }
            if Interrupt.shared.requested {
                Console.error("interrupted: the band uses the \(r.toys) of \(toys) toys finished"
                              + (saveToys.map { "; they are kept in \($0): run the same command again to resume" } ?? ""))
                throw ExitCode(130)
            }
        }
    }
}

extension SensitivityCommand: ToyCountDefault {
    static let toys = 200
    static let toysHelp = "Background-only toys for the band (200 when not given)."
}
