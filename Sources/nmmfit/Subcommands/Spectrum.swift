import Analysis
import ArgumentParser
import Formats
import Foundation
import MomentModels
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

    @Option(help: "Also write an SVG plot of dR/dT per source and channel (log axes) to this file.")
    var plot: String?

    @Option(help: "A magnetic-moment matrix file (see `nmmfit model effective --help`): the magnetic columns use it (effective solar μν per source and energy) instead of --mu.")
    var moments: String?

    enum OutputFormat: String, ExpressibleByArgument, CaseIterable { case table, csv, json }

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

    /// The text before the rows, one row's text, and the text after the rows, in `format`.
    struct Layout {
        var head: String
        var row: (Row, _ first: Bool) throws -> String
        var tail: String
    }

    func layout(names: [String], atomic: String, solarModel: String) throws -> Layout {
        switch format {
        case .json:
            // The header keys through the one result encoder, then the rows one by one (each
            // through the same encoder, so a NaN is an error, not "nan").
            var provenance = RunProvenance.thisRun()
            // the files read: an --atomic table, a --moments matrix
            try provenance.digest(files: [physics.atomic.argument].filter { ![AtomicChoice.free.argument, AtomicChoice.stepping.argument].contains($0) } + (moments.map { [$0] } ?? []))
            let document = ResultDocument(Output(muNuMuB: mu, atomic: atomic, solarModel: solarModel, sources: names), provenance: provenance)
            var head = String(decoding: try ResultEncoder.encode(document), as: UTF8.self)
            while head.last == "}" || head.last == "\n" || head.last == " " { head.removeLast() }
            head += ",\n  \"rows\" : [\n"
            return Layout(head: head, row: { r, first in
                (first ? "" : ",\n") + "    " + String(decoding: try ResultEncoder.encode(r, pretty: false), as: UTF8.self)
            }, tail: "\n  ]\n}\n")
        case .csv:
            var header = ["T_keV", "weak", "magnetic", "total"]
            if perSource { header += names.map { "weak_\($0)" } + names.map { "magnetic_\($0)" } }
            let head = "# nmmfit spectrum: rates in \(Self.rateUnit) at true recoil energy T_keV; mu_nu = \(mu) muB; atomic = \(atomic); \(solarModel)\n"
                + header.joined(separator: ",") + "\n"
            return Layout(head: head, row: { r, _ in
                var f = [r.tKeV, r.weak, r.magnetic, r.total]
                if perSource { f += names.map { r.weakBySource![$0]! } + names.map { r.magneticBySource![$0]! } }
                try Self.requireFinite(f, t: r.tKeV)
                return f.map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n"
            }, tail: "")
        case .table:
            // fixed column widths, so each row can be printed as soon as it is computed
            var header = ["T [keV]", "weak", "magnetic", "total"]
            if perSource { header += names.map { "mag \($0)" } }
            let widths = header.map { max($0.count, 11) }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { String(repeating: " ", count: max(widths[$0] - $1.count, 0)) + $1 }.joined(separator: "  ") + "\n"
            }
            let what = moments.map { "moment matrix \($0)" } ?? "μν = \(Format.g(mu, 3)) μB"
            let head = "dR/dT in \(Self.rateUnit) at true recoil energy; \(what), \(atomic) binding, \(solarModel)\n"
                + line(header) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            return Layout(head: head, row: { r, _ in
                var f = [Format.g(r.tKeV, 6), Format.g(r.weak), Format.g(r.magnetic), Format.g(r.total)]
                if perSource { f += names.map { Format.g(r.magneticBySource![$0]!, 3) } }
                try Self.requireFinite([r.weak, r.magnetic, r.total] + (r.magneticBySource.map { Array($0.values) } ?? []), t: r.tKeV)
                return line(f)
            }, tail: "")
        }
    }

    static func requireFinite(_ values: [Double], t: Double) throws {
        if values.contains(where: { !$0.isFinite }) { throw NumericalResultError(field: "rows[T_keV = \(Format.g(t, 6))]") }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output, plot], force: force)
            let model = try physics.recoilModel()
            let calc = try RecoilCalculator(model: model)
            let grid = try RecoilTable.grid(from: emin, to: emax, step: step)
            let scale = (mu / RecoilModel.referenceMuNuBohr) * (mu / RecoilModel.referenceMuNuBohr)
            let names = model.sources.map(\.rawValue)
            // With a moment matrix, the magnetic rate per source comes from its effective μν² at each
            // neutrino energy (flavour content at Earth); otherwise from the universal --mu.
            let matrix = try moments.map { (try MomentMatrixFile.load(path: $0), try MomentRateCalculator(model: model)) }
            func row(_ c: RateComponents) throws -> Row {
                let mag = try matrix.map { m, mc in try mc.magneticRates(recoilKeV: c.recoilKeV, matrix: m) } ?? c.magneticAtReference.map { $0 * scale }
                let magTotal = mag.reduce(0, +)
                return Row(tKeV: c.recoilKeV, weak: c.weakTotal, magnetic: magTotal, total: c.weakTotal + magTotal,
                           weakBySource: perSource ? Dictionary(uniqueKeysWithValues: zip(names, c.weak)) : nil,
                           magneticBySource: perSource ? Dictionary(uniqueKeysWithValues: zip(names, mag)) : nil)
            }
            let out = try layout(names: names, atomic: model.binding.name, solarModel: model.solarModel.rawValue)
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
            let table = plot != nil ? try calc.tabulate(grid) : nil
            for (i, t) in grid.enumerated() {
                text += try out.row(try row(try table?.rows[i] ?? calc.components(recoilKeV: t)), i == 0)
                progress.update(i + 1)
            }
            progress.finish()
            text += out.tail
            if let plot, let table {
                try FigureFiles.write(Figures.recoil(table, muNuBohr: mu), to: plot, force: force)
            }
            if let output { try OutputFile.write(text, to: output, force: force) } else { print(text, terminator: "") }
        }
    }
}
