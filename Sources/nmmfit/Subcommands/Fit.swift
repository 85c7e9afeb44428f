import ArgumentParser
import Foundation
import Likelihood
import Recoil
import Report

struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit μν to data: best fit, interval, significance (default: XENON1T SR1, 1–7 keV).",
        discussion: """
        With no options this refits the XENON1T SR1 excess in 1–7 keV with the magnetic-moment \
        signal (stepping approximation) on the B0 background, as in the README.
        """)

    @OptionGroup var options: FitOptions

    func validate() throws {
        if options.png && options.plot == nil && options.report == nil {
            throw ValidationError("--png applies only with --plot DIR or --report DIR")
        }
    }

    func run() throws { try options.execute() }
}

/// The options of `fit` (shared with `report`) and the fit itself.
struct FitOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Confidence level of the interval.")
    var cl: Double = 0.9

    @Option(help: "Interval method: asymptotic-unified (boundary-aware, default) or wilks.")
    var intervalMethod: String = "asymptotic-unified"

    @Option(help: "Write the model spec used (versioned JSON) to this file, so the fit can be re-run with --spec.")
    var saveSpec: String?

    @Option(help: "Write the plots (SVG: spectrum per channel, profile scan, limits comparison) into this folder.")
    var plot: String?

    @Option(help: "Write a full report into this folder: summary.json, summary.md, model_spec.json and the plots.")
    var report: String?

    @Flag(help: "With --plot/--report: also render PNGs with rsvg-convert (librsvg2-bin) when it is installed.")
    var png = false

    @Option(help: "A magnetic-moment matrix file (JSON; see `nmmfit model effective --help`): report the constraint on --element.")
    var moments: String?

    @Option(help: "The matrix element constrained with --moments, e.g. e-mu (flavour) or 1-2 (mass basis).")
    var element: String?

    func validate() throws {
        try ConfidenceLevel.validate(cl)
        if element != nil && moments == nil { throw ValidationError("--element applies only with --moments FILE") }
        if moments != nil { _ = try Model.Effective.parseElement(element ?? "e-mu") }
        guard AsymptoticInterval.Method(rawValue: intervalMethod) != nil else {
            throw ValidationError("--interval-method must be one of: \(AsymptoticInterval.Method.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }

    func execute() throws {
        try CLIErrors.run {
            let model = try data.model(physics: physics)
            if let saveSpec { try OutputFile.write(try model.spec.jsonData(), to: saveSpec, force: output.force) }
            let profile = try ProfileLikelihood(model: model)
            let report = try FitReport.make(profile: profile, cl: cl, method: AsymptoticInterval.Method(rawValue: intervalMethod)!)
            for (dir, plotsOnly) in [(plot, true), (self.report, false)] {
                guard let dir else { continue }
                let limits = try? DataLocator.dataDirectory(explicit: data.dataDir).appendingPathComponent("limits/mu_nu_limits.csv")
                if png && ReportWriter.rsvgConvert() == nil { output.note("note: rsvg-convert is not installed; writing SVG only (apt-get install librsvg2-bin)") }
                let files = try ReportWriter(directory: dir, force: output.force, plotsOnly: plotsOnly, png: png).write(
                    report: report, model: model, profile: profile,
                    command: (["nmmfit"] + CommandLine.arguments.dropFirst()).joined(separator: " "), limitsTable: limits)
                output.note("wrote \(files.count) files to \(dir)/")
            }
            for n in report.fitStatus.notes { output.note("note: \(n)") }
            if output.verbose {
                output.note("model: \(model.channelNames.joined(separator: " + ")), \(model.binCount) bins, parameters \(model.parameterNames.joined(separator: ", "))")
                output.note("best fit: \(report.fitStatus.method), \(report.fitStatus.iterations) iterations, EDM \(report.fitStatus.edm), converged \(report.fitStatus.converged)")
            }
            if let moments {
                // The fitted μν is flavour-universal; translate its interval into one on the chosen
                // element of the user's matrix shape (rate-weighted over the fit window).
                let (basis, i, j) = try Model.Effective.parseElement(element ?? "e-mu")
                let shape = try MomentMatrixFile.load(path: moments).converted(to: basis, pmns: .standard)
                let edges = model.binEdges.flatMap { $0 }
                let c = try MomentRateCalculator(model: try physics.recoilModel()).constraint(
                    onElement: i, j, shape: shape, muIntervalBohr: report.interval[0]...report.interval[1],
                    fromKeV: edges.min()!, toKeV: edges.max()!)
                let withElement = FitWithElement(fit: report, element: c)
                try output.emit(withElement) {
                    FitTable.render(report) + "\nconstraint on \(c.elementName) (\(moments)): sensitivity s = ⟨μ_eff²⟩/|\(c.elementName)|² = \(Format.g(c.sensitivity, 4));  \(Format.g(cl * 100, 3))% CL |\(c.elementName)| ∈ [\(Format.mu11(c.elementLowerBohr)), \(Format.mu11(c.elementUpperBohr))] × 10⁻¹¹ μB\n"
                }
                return
            }
            try output.emit(report) { FitTable.render(report) }
        }
    }
}

/// A fit report with the constraint on one element of a moment matrix.
struct FitWithElement: Encodable {
    var fit: FitReport
    var element: MomentElementConstraint
}

/// The human-readable rendering of a ``FitReport``.
enum FitTable {
    static func render(_ r: FitReport) -> String {
        var s = ""
        for ch in r.channels {
            s += "\(ch.name): \(Format.g(ch.binEdgesKeV.first!))–\(Format.g(ch.binEdgesKeV.last!)) keV\n"
            let names = ch.bestFit.keys.sorted()
            var rows: [[String]] = []
            for i in ch.observed.indices {
                var row = ["\(Format.g(ch.binEdgesKeV[i]))–\(Format.g(ch.binEdgesKeV[i + 1]))", Format.g(ch.observed[i], 6)]
                row += names.map { Format.f(ch.bestFit[$0]![i]) }
                row += [Format.f(ch.totalBestFit[i]), Format.f(ch.totalBackgroundOnly[i])]
                rows.append(row)
            }
            var tot = ["total", Format.g(ch.observed.reduce(0, +), 6)]
            tot += names.map { Format.f(ch.bestFit[$0]!.reduce(0, +)) }
            tot += [Format.f(ch.totalBestFit.reduce(0, +)), Format.f(ch.totalBackgroundOnly.reduce(0, +))]
            rows.append(tot)
            s += Format.table(["E [keV]", "observed"] + names.map { "\($0) (fit)" } + ["total (fit)", "bkg-only fit"], rows)
            s += "\n"
        }
        let pct = Format.g(r.cl * 100, 3)
        s += "best-fit μν        = \(Format.mu11(r.muNuBest)) × 10⁻¹¹ μB   (μν² = \(Format.f(r.muNuSquaredBest, 3)) ± \(Format.f(r.muNuSquaredError, 3)) × 10⁻²² μB²)\n"
        s += "\(pct)% CL interval   = [\(Format.mu11(r.interval[0])), \(Format.mu11(r.interval[1]))] × 10⁻¹¹ μB  (\(r.intervalMethod); Wilks: [\(Format.mu11(r.intervalWilks[0])), \(Format.mu11(r.intervalWilks[1]))])\n"
        s += "significance μν>0  = \(Format.f(r.significanceSigma)) σ   (q0 = \(Format.f(r.q0, 3)), p = \(Format.g(r.pValue, 3)))\n"
        s += "−lnL best / bkg    = \(Format.f(r.nllBest, 4)) / \(Format.f(r.nllBackgroundOnly, 4));  Baker–Cousins χ² = \(Format.f(r.gofChi2)) for \(r.bins) bins\n"
        s += "fit status         = \(r.converged ? "converged" : "NOT CONVERGED") (\(r.fitStatus.method), \(r.fitStatus.iterations) iterations, EDM \(Format.g(r.fitStatus.edm, 2)))\n"
        s += "\nparameters:\n"
        s += Format.table(["name", "best fit", "error", "bkg-only fit"], r.parameters.map { p in
            p.name == "mu_nu" ? [p.name, Format.g(p.value, 4) + " μB", "—", "0"]
                : [p.name, Format.g(p.value, 5), Format.g(p.error, 3), Format.g(p.backgroundOnlyValue, 5)]
        })
        return s
    }
}
