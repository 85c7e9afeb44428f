import Analysis
import ArgumentParser
import Formats
import Foundation
import Recoil
import Report

struct Spectrum: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The solar-ν electron-recoil spectrum dR/dT in xenon, per source and channel.",
        discussion: """
        Columns: T_keV (true recoil energy, keV); weak, magnetic, total (events/(t·y·keV)); with \
        --per-source also weak_<source> and magnetic_<source>. The magnetic column is at --mu.
        """)

    @Option(help: "Neutrino magnetic moment μν in Bohr magnetons (e.g. 2e-11).")
    var mu: Double = 1e-11

    @OptionGroup var physics: PhysicsOptions

    @Option(help: "Lowest true recoil energy (keV).")
    var emin: Double = 1
    @Option(help: "Highest true recoil energy (keV).")
    var emax: Double = 30
    @Option(help: "Energy step (keV).")
    var step: Double = 1

    @Flag(help: "Add a column per source and channel.")
    var perSource = false

    @Option(help: "Output format.")
    var format: OutputFormat = .table

    @Option(name: .shortAndLong, help: "Write to this file (atomically) instead of stdout.")
    var output: String?

    @Flag(help: "Overwrite an existing output file.")
    var force = false

    @Option(help: "Also write an SVG plot of dR/dT per source and channel (log axes) to this file; it draws at most 2000 of the energies, spread evenly on the log axis (the table has every one).")
    var plot: String?

    @Option(help: "A magnetic-moment matrix file (see `nmmfit model effective --help`): the magnetic columns use it (effective solar μν per source and energy) instead of --mu.")
    var moments: String?

    typealias OutputFormat = SpectrumText.OutputFormat

    func validate() throws {
        try MomentRange.check(mu, "--mu")
        guard emin.isFinite, emin > 0 else { throw ValidationError("--emin must be > 0 keV, got \(emin)") }
        guard emax.isFinite, emax >= emin else { throw ValidationError("--emax must be ≥ --emin") }
        guard emax <= 10_000 else { throw ValidationError("--emax \(emax) keV is out of range (≤ 10 MeV)") }
        guard step.isFinite, step > 0 else { throw ValidationError("--step must be > 0 keV") }
        let energies = (emax - emin) / step + 1
        let limit = try ResourceLimit.spectrumEnergies.value()
        guard energies <= Double(limit) else {
            throw ValidationError("--emin, --emax and --step give \(Format.g(energies, 3)) energies, above the limit of \(limit) \(ResourceLimit.spectrumEnergies.what)\(ResourceLimit.spectrumEnergies.howToRaise)")
        }
    }

    /// The result (library types).
    typealias Row = SpectrumRow
    typealias Output = SpectrumReport

    /// The unit of every rate column.
    static let rateUnit = SpectrumReport.rateUnit

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output, plot], force: force)
            let model = try physics.recoilModel()
            // With a moment matrix, the magnetic rate per source comes from its effective μν² at each
            // neutrino energy (flavour content at Earth); otherwise from the universal --mu.
            let spectrum = try SpectrumTable(model: model, muNuMuB: mu, momentsFile: moments, perSource: perSource)
            let calc = spectrum.calculator
            let grid = try RecoilTable.grid(from: emin, to: emax, step: step)
            func row(_ c: RateComponents) throws -> Row { try spectrum.row(c) }
            var provenance = RunProvenance.thisRun()
            if format == .json || plot != nil {
                // the files read (for the JSON and the figure's data files): an --atomic table, a --moments matrix
                try provenance.digest(files: [try physics.choice().atomicTableFile, moments].compactMap { $0 })
            }
            let out = try SpectrumText(format, table: spectrum, provenance: provenance)
            if output == nil && plot == nil {
                // Standard output: each row is printed (and flushed) as soon as it is computed, so
                // a long spectrum shows its progress and a closed pipe ends the run at once.
                Console.out(out.head)
                for (i, t) in grid.enumerated() {
                    Console.out(try out.row(try row(try calc.components(recoilKeV: t)), i == 0))
                    Console.finish()
                }
                Console.out(out.tail)
                return
            }
            let progress = DelayedProgress(total: grid.count, label: "spectrum", quiet: false)
            var text = out.head
            for (i, t) in grid.enumerated() {
                text += try out.row(try row(try calc.components(recoilKeV: t)), i == 0)
                progress.update(i + 1)
            }
            progress.finish()
            text += out.tail
            if let plot {
                // The figure draws at most FigureSampling.maxPoints energies of the grid, spread
                // evenly on its log axis (every one of a shorter grid); the table has them all.
                let plotGrid = FigureSampling.logIndices(of: grid).map { grid[$0] }
                try FigureFiles.write(Figures.recoil(try calc.tabulate(plotGrid), muNuBohr: mu), to: plot, force: force, provenance: provenance)
            }
            if let output { try OutputFile.write(text, to: output, force: force) } else { print(text, terminator: "") }
        }
    }
}

extension SpectrumText.OutputFormat: ExpressibleByArgument {}
