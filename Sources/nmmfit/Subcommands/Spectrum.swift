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
        guard (emax - emin) / step < 1e6 else { throw ValidationError("more than 10⁶ energies requested") }
    }

    struct Row: Codable {
        var tKeV: Double
        var weak: Double
        var magnetic: Double
        var total: Double
        var weakBySource: [String: Double]?
        var magneticBySource: [String: Double]?
        enum CodingKeys: String, CodingKey {
            case weak, magnetic, total
            case tKeV = "T_keV"
            case weakBySource = "weak_by_source"
            case magneticBySource = "magnetic_by_source"
        }
    }

    struct Output: Codable {
        var nmmfitOutput = OutputVersion.current
        var units = "events/(t*y*keV) at true recoil energy T (keV)"
        var muNuMuB: Double
        var atomic: String
        var solarModel: String
        var sources: [String]
        var rows: [Row]
        enum CodingKeys: String, CodingKey {
            case units, atomic, sources, rows
            case nmmfitOutput = "nmmfit_output"
            case muNuMuB = "mu_nu_muB"
            case solarModel = "solar_model"
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output, plot], force: force)
            let model = try physics.recoilModel()
            let calc = try RecoilCalculator(model: model)
            let grid = try RecoilTable.grid(from: emin, to: emax, step: step)
            let table = try calc.tabulate(grid)
            let scale = (mu / RecoilModel.referenceMuNuBohr) * (mu / RecoilModel.referenceMuNuBohr)
            let names = model.sources.map(\.rawValue)
            // With a moment matrix, the magnetic rate per source comes from its effective μν² at each
            // neutrino energy (flavour content at Earth); otherwise from the universal --mu.
            let matrixRates: [[Double]]? = try moments.map { path in
                let m = try MomentMatrixFile.load(path: path)
                let mc = try MomentRateCalculator(model: model)
                return try table.rows.map { try mc.magneticRates(recoilKeV: $0.recoilKeV, matrix: m) }
            }
            let rows = table.rows.enumerated().map { (i, c) -> Row in
                let mag = matrixRates?[i] ?? c.magneticAtReference.map { $0 * scale }
                let magTotal = mag.reduce(0, +)
                return Row(tKeV: c.recoilKeV, weak: c.weakTotal, magnetic: magTotal, total: c.weakTotal + magTotal,
                           weakBySource: perSource ? Dictionary(uniqueKeysWithValues: zip(names, c.weak)) : nil,
                           magneticBySource: perSource ? Dictionary(uniqueKeysWithValues: zip(names, mag)) : nil)
            }
            let text: String
            switch format {
            case .json:
                let e = JSONEncoder()
                e.outputFormatting = [.prettyPrinted, .sortedKeys]
                text = String(decoding: try e.encode(Output(muNuMuB: mu, atomic: model.binding.name, solarModel: model.solarModel.rawValue,
                                                            sources: names, rows: rows)), as: UTF8.self) + "\n"
            case .csv:
                var header = ["T_keV", "weak", "magnetic", "total"]
                if perSource { header += names.map { "weak_\($0)" } + names.map { "magnetic_\($0)" } }
                var s = "# nmmfit spectrum: events/(t*y*keV) at true recoil energy; mu_nu = \(mu) muB; atomic = \(model.binding.name); \(model.solarModel.rawValue)\n"
                s += header.joined(separator: ",") + "\n"
                for r in rows {
                    var f = [r.tKeV, r.weak, r.magnetic, r.total]
                    if perSource { f += names.map { r.weakBySource![$0]! } + names.map { r.magneticBySource![$0]! } }
                    s += f.map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n"
                }
                text = s
            case .table:
                var header = ["T [keV]", "weak", "magnetic", "total"]
                if perSource { header += names.map { "mag \($0)" } }
                let body = rows.map { r -> [String] in
                    var f = [Format.g(r.tKeV, 6), Format.g(r.weak), Format.g(r.magnetic), Format.g(r.total)]
                    if perSource { f += names.map { Format.g(r.magneticBySource![$0]!, 3) } }
                    return f
                }
                let what = moments.map { "moment matrix \($0)" } ?? "μν = \(Format.g(mu, 3)) μB"
                text = "dR/dT in events/(t·y·keV) at true recoil energy; \(what), \(model.binding.name) binding, \(model.solarModel.rawValue)\n"
                    + Format.table(header, body)
            }
            if let plot { try OutputFile.write(Figures.recoil(table, muNuBohr: mu).svg(), to: plot, force: force) }
            if let output { try OutputFile.write(text, to: output, force: force) } else { print(text, terminator: "") }
        }
    }
}
