import Analysis
import ArgumentParser
import Detector
import Formats
import Foundation
import Likelihood
import MomentModels
import Report

struct Fit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fit μν to data: best fit, interval, significance (default: XENON1T SR1, 1–7 keV).",
        discussion: """
        With no options this refits the XENON1T SR1 excess in 1–7 keV with the magnetic-moment \
        signal (stepping approximation) on the B0 background, as in the README.
        """)

    @OptionGroup var options: FitOptions

    @Option(help: "Write a full report into this folder: summary.json, summary.md, model_spec.json and the plots.")
    var report: String?

    func validate() throws {
        if (options.png || options.pdf) && options.plot == nil && report == nil {
            throw ValidationError("--png and --pdf apply only with --plot DIR or --report DIR")
        }
    }

    func run() throws { try options.execute(reportDirectory: report) }
}

/// The options of `fit` (shared with `report`) and the fit itself.
struct FitOptions: ParsableArguments {
    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var interval: IntervalOptions

    @Option(help: "Write the model spec used (versioned JSON) to this file, so the fit can be re-run with --spec.")
    var saveSpec: String?

    @Option(help: "Write the plots (SVG: spectrum per channel, profile scan, limits comparison) into this folder.")
    var plot: String?

    @Flag(help: "With --plot or a report folder: also render PNGs (300 dpi; 1020 px wide for a one-column figure) with rsvg-convert (librsvg2-bin) when it is installed.")
    var png = false

    @Flag(help: "With --plot or a report folder: also render PDFs with rsvg-convert when it is installed.")
    var pdf = false

    @Option(help: "A magnetic-moment matrix file (JSON; see `nmmfit model effective --help`): report the constraint on --element.")
    var moments: String?

    @Option(help: "The matrix element constrained with --moments, e.g. e-mu (flavour) or 1-2 (mass basis).")
    var element: String?

    @Option(help: "With two or more datasets: the toys that calibrate the compatibility p-value (default: adaptive, 1000–20000 until 100 toys reach the data's statistic; 0: only the χ² p-value, not calibrated at μν = 0).")
    var compatibilityToys: Int?

    @Option(name: .customLong("seed"), help: "Seed of the compatibility toys (1 when not given).")
    var seedOption: UInt64?
    var seed: UInt64 { seedOption ?? 1 }

    func validate() throws {
        let several = data.spec == nil && (data.datasets.count >= 2 || data.datasets.contains(AnalysisConfig.allDatasets))
        try OptionApplicability.check([
            .init(option: "--element", given: element != nil, acts: moments != nil, when: "with --moments FILE"),
            .init(option: "--moments", given: moments != nil, acts: data.spec == nil,
                  when: "with datasets (a --spec model has its signal template fixed)"),
            .init(option: "--compatibility-toys", given: compatibilityToys != nil, acts: several,
                  when: "with two or more datasets (it tests their compatibility)"),
            .init(option: "--seed", given: seedOption != nil, acts: several && compatibilityToys != 0,
                  when: "with two or more datasets and compatibility toys (not --compatibility-toys 0)"),
        ])
        if moments != nil { _ = try ModelCommand.Effective.parseElement(element ?? "e-mu") }
        if let n = compatibilityToys {
            guard n >= 0 else { throw ValidationError("--compatibility-toys must be ≥ 0, got \(n)") }
            try ResourceLimit.toys.validate(n, option: "--compatibility-toys")
        }
    }

    /// The compatibility toys asked for (none given: adaptive).
    var toyPlan: CompatibilityTest.ToyPlan {
        switch compatibilityToys {
        case nil: .adaptive
        case 0?: CompatibilityTest.ToyPlan.none
        case let n?: .fixed(n)
        }
    }

    /// Fits, prints, and writes the plots (--plot) and the report folder (`reportDirectory`).
    func execute(reportDirectory: String?) throws {
        try CLIErrors.run {
            // every output target is checked before the fit, so no work is thrown away
            try OutputTargets.check(files: [output.output, saveSpec], force: output.force)
            try OutputTargets.check(folder: plot, force: output.force)
            try OutputTargets.check(folder: reportDirectory, force: output.force)
            let (cl, method) = (interval.cl, interval.intervalMethod)
            let progress = DelayedProgress(total: nil, label: "fitting", quiet: output.quiet || output.json)
            defer { progress.finish() }
            let model: BinnedModel, profile: ProfileLikelihood
            var report: FitReport
            if data.spec != nil {
                model = try data.model(physics: physics)
                profile = try ProfileLikelihood(model: model)
                report = try FitReport.make(profile: profile, cl: cl, method: method)
            } else {
                let config = try data.config(physics: physics)
                try OptionApplicability.checkData([
                    .init(option: "--compatibility-toys", given: compatibilityToys != nil, acts: config.channels.count >= 2,
                          when: "with two or more datasets (it tests their compatibility); --dataset all found \(config.channels.count)"),
                ])
                let a = try config.analyse(cl: cl, method: method, compatibilityToys: toyPlan, seed: seed)
                (model, profile, report) = (a.model, a.profile, a.report)
            }
            // one answer for the table, the JSON, summary.md and the figures: what the data
            // options recorded when they loaded the data (ResultProvenance)
            report.digitisedDatasets = ResultProvenance.digitisedDatasets
            progress.finish()
            // with --moments the spec saved is the element's model (below)
            if let saveSpec, moments == nil { try OutputFile.write(try model.spec.jsonData(), to: saveSpec, force: output.force) }
            for (dir, plotsOnly) in [(plot, true), (reportDirectory, false)] {
                guard let dir else { continue }
                let limits = try? DataLocator.dataDirectory(explicit: data.dataDir).appendingPathComponent("limits/mu_nu_limits.csv")
                if (png || pdf) && ReportWriter.rsvgConvert() == nil { output.note("note: rsvg-convert is not installed; writing SVG only (apt-get install librsvg2-bin)") }
                let names = (try? DataLocator.dataDirectory(explicit: data.dataDir)).map { DatasetDisplayNames.load(ids: report.datasets, dataDirectory: $0) } ?? [:]
                let files = try ReportWriter(directory: dir, force: output.force, plotsOnly: plotsOnly, png: png, pdf: pdf, displayNames: names).write(
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
                // The element of the user's matrix shape is its own signal model: its per-source
                // effective moments build the template and the element is fitted directly (μB).
                // The universal fit above, rescaled by 1/√s, is shown beside it for comparison.
                let parsed = try ModelCommand.Effective.parseElement(element ?? "e-mu")
                let elementID = MatrixElement(basis: parsed.0, row: parsed.1, column: parsed.2)
                let shape = try MomentMatrixFile.load(path: moments).converted(to: elementID.basis, pmns: .standard)
                let signal = try MomentElementSignal(element: elementID, shape: shape)
                let poi = ParameterOfInterest(name: signal.parameterName, unit: "muB", symbol: signal.symbol,
                                              description: "the \(element ?? "e-mu") element of the moment matrix of \(URL(fileURLWithPath: moments).lastPathComponent), fitted with its own per-source template")
                var config = try data.config(physics: physics)
                config.signal = .momentElement(poi, weight: signal.magneticWeight(label: "\(signal.symbol) of \(moments)"))
                let analysis = try config.analyse(cl: cl, method: method, compatibilityToys: toyPlan, seed: seed)
                let direct = analysis.report
                if let saveSpec { try OutputFile.write(try analysis.model.spec.jsonData(), to: saveSpec, force: output.force) }
                let edges = model.binEdges.flatMap { $0 }
                let c = try MomentRateCalculator(model: try physics.recoilModel()).constraint(
                    onElement: elementID.row, elementID.column, shape: shape, muIntervalBohr: report.interval[0]...report.interval[1],
                    fromKeV: edges.min()!, toKeV: edges.max()!)
                var elementReport = direct
                elementReport.digitisedDatasets = report.digitisedDatasets
                let result = MomentElementFit(best: direct.muNuBest, interval: direct.interval[0]...direct.interval[1], rescaled: c)
                let withElement = FitWithElement(parameterOfInterest: poi, fit: elementReport, element: result,
                                                 universalFit: UniversalFitSummary(report))
                try output.emit(withElement) { ElementFitText.render(elementReport, poi: poi, element: result, file: moments, cl: cl) }
                return
            }
            try output.emit(report) { FitTable.render(report) }
        }
    }
}

/// The fit of one element of a moment matrix: `fit` is the direct fit of the element (its keys
/// named `mu_nu_*` hold the parameter of interest, which `parameter_of_interest` names with its
/// unit), `element` the result on the element beside the rescaled universal interval, and
/// `universal_fit` the flavour-universal μν fit of the same data.
struct FitWithElement: Encodable {
    var nmmfitOutput = OutputVersion.current
    var parameterOfInterest: ParameterOfInterest
    var fit: FitReport
    var element: MomentElementFit
    var universalFit: UniversalFitSummary
    enum CodingKeys: String, CodingKey {
        case fit, element, nmmfitOutput = "nmmfit_output", parameterOfInterest = "parameter_of_interest", universalFit = "universal_fit"
    }
}

/// The flavour-universal μν fit beside an element fit.
struct UniversalFitSummary: Encodable {
    var best: Double, interval: [Double], intervalKind: String, cl: Double, intervalMethod: String
    init(_ r: FitReport) {
        (best, interval, cl, intervalMethod) = (r.muNuBest, r.interval, r.cl, r.intervalMethod)
        intervalKind = r.isUpperLimit ? "upper_limit" : "two_sided"
    }
    enum CodingKeys: String, CodingKey {
        case cl, best = "mu_nu_best_muB", interval = "interval_muB", intervalKind = "interval_kind", intervalMethod = "interval_method"
    }
}

/// The text of an element fit: the fit table with the element's symbol in place of μν, then
/// the direct result beside the rescaled universal one.
enum ElementFitText {
    static func render(_ r: FitReport, poi: ParameterOfInterest, element e: MomentElementFit, file: String, cl: Double) -> String {
        let lines = FitTable.render(r).split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            let l = String(line)
            // a labelled row: the label is padded to one column, so it is re-padded after the change
            if let eq = l.range(of: "= "), l.distance(from: l.startIndex, to: eq.lowerBound) == 19 {
                let label = String(l[..<eq.lowerBound]).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "μν", with: poi.symbol)
                return label.padding(toLength: max(19, label.count), withPad: " ", startingAt: 0) + "= " + l[eq.upperBound...].replacingOccurrences(of: "μν", with: poi.symbol)
            }
            return l
        }
        let pct = Format.g(cl * 100, 3)
        var s = "parameter of interest: \(poi.symbol) (\(poi.name), μB) — \(poi.description ?? "")\n\n"
        s += lines.joined(separator: "\n")
        s += "\n\(pct)% CL on \(poi.symbol) (\(file)):\n"
        s += "  fitted directly (per-source template)     \(Format.region(poi.symbol, lower: e.elementLowerBohr, upper: e.elementUpperBohr))\n"
        s += "  universal μν fit rescaled by 1/√s          \(Format.region(poi.symbol, lower: e.rescaledLowerBohr, upper: e.rescaledUpperBohr))"
        s += "   (s = ⟨μ_eff²⟩/\(poi.symbol)² = \(Format.g(e.sensitivity, 4)) over the window; universal \(Format.region("μν", lower: e.muLowerBohr, upper: e.muUpperBohr)))\n"
        func rel(_ a: Double, _ b: Double) -> String { b > 0 ? Format.g(a / b - 1, 2) : "—" }
        s += "  direct / rescaled − 1                      lower \(rel(e.elementLowerBohr, e.rescaledLowerBohr)), upper \(rel(e.elementUpperBohr, e.rescaledUpperBohr))\n"
        return s
    }
}

/// The human-readable rendering of a ``FitReport``.
enum FitTable {
    /// A row label padded to one column, then "= ".
    static func label(_ text: String) -> String { text.padding(toLength: 19, withPad: " ", startingAt: 0) + "= " }

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
        s += "\(label("result"))\(MuNuText.headline(r))\n"
        let errs = MuNuText.errors(low: r.muNuErrorLow, high: r.muNuErrorHigh)
        s += r.muNuBest > 0 && r.muNuSquaredError > 0
            ? "\(label("best-fit μν"))\(Format.mu11(r.muNuBest)) \(errs) × 10⁻¹¹ μB (68.3 % CL errors)   (μν² = \(Format.f(r.muNuSquaredBest, 3)) ± \(Format.f(r.muNuSquaredError, 3)) × 10⁻²² μB²)\n"
            : "\(label("best-fit μν"))\(Format.mu11(r.muNuBest)) \(errs) × 10⁻¹¹ μB (68.3 % CL errors; at the boundary μν = 0)\n"
        s += r.isUpperLimit
            ? "\(label("\(pct)% CL limit"))μν < \(Format.mu11(r.interval[1])) × 10⁻¹¹ μB  (\(r.intervalMethod); Wilks: \(MuNuText.interval(r.intervalWilks)))\n"
            : "\(label("\(pct)% CL interval"))\(MuNuText.interval(r.interval)) × 10⁻¹¹ μB  (\(r.intervalMethod); Wilks: \(MuNuText.interval(r.intervalWilks)))\n"
        if let e = r.expectedLimit {
            s += "\(label("expected limit"))\(Format.mu11(e)) × 10⁻¹¹ μB  (median, \(pct)% CL, Asimov background-only data)\n"
        }
        s += "\(label("significance μν>0"))\(Format.f(r.significanceSigma)) σ   (q0 = \(Format.f(r.q0, 3)), p = \(Format.g(r.pValue, 3)))\n"
        s += "\(label("−lnL best / bkg"))\(Format.f(r.nllBest, 4)) / \(Format.f(r.nllBackgroundOnly, 4));  Baker–Cousins χ² = \(Format.f(r.gofChi2)) for \(r.bins) bins\n"
        s += "\(label("fit status"))\(r.converged ? "converged" : "NOT CONVERGED") (\(r.fitStatus.method), \(r.fitStatus.iterations) iterations, EDM \(Format.g(r.fitStatus.edm, 2)))\n"
        s += "\nparameters:\n"
        s += Format.table(["name", "best fit", "error", "bkg-only fit"], r.parameters.map { p in
            p.unit == "muB" ? [p.name + " [10⁻¹¹ μB]", Format.mu11(p.value), MuNuText.errors(low: p.errorLow ?? 0, high: p.errorHigh ?? 0), "0"]
                : [p.name, Format.g(p.value, 5), p.error.map { Format.g($0, 3) } ?? "—", Format.g(p.backgroundOnlyValue, 5)]
        })
        s += combination(r)
        if let o = r.specOverrides { s += "dataset spec changes (--set): \(o.joined(separator: "; "))\n" }
        return s
    }

    /// The per-dataset table and the compatibility test of a combination.
    static func combination(_ r: FitReport) -> String {
        // a policy that left a single dataset still says so
        guard let rows = r.perDataset, let c = r.compatibility else { return CombinationText.policy(r).map { "\n\($0)\n" } ?? "" }
        let pct = Format.g(r.cl * 100, 3)
        let iv = MuNuText.interval
        var s = "\neach dataset alone and combined (μν in 10⁻¹¹ μB; \(pct)% CL \(r.intervalMethod); expected = median limit, Asimov):\n"
        var table = rows.map { d in
            [d.name + (d.provenance == "digitised" ? " *" : ""), "\(Format.g(d.windowKeV[0]))–\(Format.g(d.windowKeV[1]))",
             Format.mu11(d.muNuBest), iv(d.interval), Format.mu11(d.expectedLimit), Format.f(d.significanceSigma),
             d.converged ? "yes" : "NO"]
        }
        table.append(["combined", "", Format.mu11(r.muNuBest), iv(r.interval), r.expectedLimit.map(Format.mu11) ?? "—",
                      Format.f(r.significanceSigma), r.converged ? "yes" : "NO"])
        s += Format.table(["dataset", "window [keV]", "best fit", "\(pct)% CL", "expected", "Z(μν>0)", "converged"], table)
        if rows.contains(where: { $0.provenance == "digitised" }) { s += "(* digitised, not official)\n" }
        if let p = CombinationText.policy(r) { s += p + "\n" }
        s += CombinationText.compatibility(c) + "\n"
        s += CombinationText.verdict(c) + "\n"
        if let w = CombinationText.weaker(r) { s += w + "\n" }
        return s
    }
}
