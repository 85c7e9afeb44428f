import Analysis
import ArgumentParser
import Detector
import Formats
import Foundation
import Likelihood
import MomentModels
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

    @Option(name: .customLong("save-toys"),
            help: "With two or more datasets: keep the compatibility toys in FILE as they finish (JSON lines). Re-running with the same FILE and options resumes it after an interruption; --force starts it afresh.")
    var saveToys: String?

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
                  when: "with two or more datasets (it tests their compatibility; a --spec run uses the toys saved in the spec)"),
            .init(option: "--save-toys", given: saveToys != nil, acts: (several || data.spec != nil) && compatibilityToys != 0 && moments == nil,
                  when: "with two or more datasets (or a --spec of a combination) and compatibility toys (not --compatibility-toys 0), without --moments"),
            .init(option: "--combination-policy", given: data.combinationPolicy != .default, acts: several,
                  when: "with two or more datasets (how XENON1T SR1's ³H hypothesis enters a combination)"),
            .init(option: "--seed", given: seedOption != nil, acts: several && compatibilityToys != 0,
                  when: "with two or more datasets and compatibility toys (not --compatibility-toys 0; a --spec run uses the seed saved in the spec)"),
        ])
        if moments != nil { _ = try ModelCommand.Effective.parseElement(element ?? "e-mu") }
        if let saveToys, [output.output, self.saveSpec].contains(where: { $0.map { URL(fileURLWithPath: $0).standardizedFileURL } == URL(fileURLWithPath: saveToys).standardizedFileURL }) {
            throw ValidationError("--save-toys names the same file as -o or --save-spec: '\(saveToys)'")
        }
        if let n = compatibilityToys {
            guard n >= 0 else { throw ValidationError("--compatibility-toys must be ≥ 0, got \(n)") }
            try ResourceLimit.toys.validate(n, option: "--compatibility-toys")
            try ToyWork.compatibilityToys.validate([n], option: "--compatibility-toys")
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
            try OutputTargets.check(files: [output.output, saveSpec], folders: [plot, reportDirectory], force: output.force)
            let (cl, method) = (interval.cl, interval.intervalMethod)
            // --save-toys: the compatibility toys kept in a locked file, resumed when it holds some
            var toysLock: FileLock?
            defer { toysLock?.release() }
            let toysFile: CompatibilityTest.ToysFileOpener? = saveToys.map { path in { header in
                toysLock = try OutputFile.lock(path, force: output.force, mayExist: true).lock
                let h = try data.stamped(header, physics: physics, fileOption: "--save-toys")
                let f = try CompatibilityTest.openToysFile(path: path, header: h, force: output.force)
                if f.kept > 0 || f.dropped > 0 {
                    output.note("resuming: \(f.kept) toys already in \(path), \(h.adaptive ? "up to " : "")\(h.totalToys - f.next) to go")
                }
                return f
            } }
            let progress = DelayedProgress(total: nil, label: "fitting", quiet: output.quiet || output.json)
            defer { progress.finish() }
            let model: BinnedModel, profile: ProfileLikelihood
            var report: FitReport
            var runSpec: RunSpec
            var savedElement: (spec: RunSpec, element: SavedAnalysis.MomentElement, file: String)?
            if let specFile = data.spec {
                try data.checkSpec(physics: physics)
                // the saved analysis reproduces every number of the run that wrote the spec;
                // --cl and --interval-method, when given, replace the saved ones (the library's
                // rule for every reader of a spec; a note says so)
                let saved = try RunSpec.load(from: URL(fileURLWithPath: specFile))
                for n in try SavedAnalysis.settings(saved.analysis, cl: interval.clGiven, asymptoticMethod: interval.intervalMethodGiven).notes {
                    output.note("note: \(n)")
                }
                if saved.analysis?.isCombination == true && saved.analysis?.compatibilityToys?.plan != CompatibilityTest.ToyPlan.none {
                    Interrupt.shared.install()
                }
                try OptionApplicability.checkData([
                    .init(option: "--save-toys", given: saveToys != nil,
                          acts: saved.analysis?.isCombination == true && saved.analysis?.compatibilityToys?.plan != CompatibilityTest.ToyPlan.none
                            && saved.analysis?.momentElement == nil,
                          when: "with a --spec of a combination that runs compatibility toys (not of one dataset, not of a moment-element fit)"),
                ])
                if let element = saved.analysis?.momentElement,
                   let a = try FitWithElement.universalRerun(saved, cl: interval.clGiven, method: interval.intervalMethodGiven,
                                                             shouldStop: { Interrupt.shared.requested }) {
                    // a moment-element fit: first the flavour-universal fit it is shown beside
                    (model, profile, report, runSpec) = (a.model, a.profile, a.report, a.runSpec)
                    savedElement = (saved, element, specFile)
                } else {
                    let a = try saved.analyse(cl: interval.clGiven, method: interval.intervalMethodGiven,
                                              shouldStop: { Interrupt.shared.requested }, compatibilityToysFile: toysFile)
                    (model, profile, report, runSpec) = (a.model, a.profile, a.report, a.runSpec)
                }
            } else {
                let config = try data.config(physics: physics)
                try OptionApplicability.checkData([
                    .init(option: "--compatibility-toys", given: compatibilityToys != nil, acts: config.channels.count >= 2,
                          when: "with two or more datasets (it tests their compatibility); --dataset all found \(config.channels.count)"),
                    .init(option: "--save-toys", given: saveToys != nil, acts: config.channels.count >= 2,
                          when: "with two or more datasets (it keeps the compatibility toys); --dataset all found \(config.channels.count)"),
                ])
                // Ctrl-C during the compatibility toys: the result uses the toys finished, exit 130
                if toyPlan != .none && config.channels.count >= 2 { Interrupt.shared.install() }
                let a = try config.analyse(cl: cl, method: method, compatibilityToys: toyPlan, seed: seed,
                                           shouldStop: { Interrupt.shared.requested }, compatibilityToysFile: toysFile)
                (model, profile, report, runSpec) = (a.model, a.profile, a.report, a.runSpec)
            }
            // one answer for the table, the JSON, summary.md and the figures: the provenance of
            // the data options (the files read, their digests, the digitised datasets)
            let several = data.spec == nil && report.datasets.count >= 2
            var provenance = try data.provenance(physics: physics, seed: several && compatibilityToys != 0 ? seed : nil,
                                                 saved: data.spec == nil ? nil : runSpec.analysis)
            if let moments { try provenance.digest(files: [moments]) }
            if plot != nil || reportDirectory != nil, let root = try? DataLocator.dataDirectory(explicit: data.dataDir) {
                // the published limits drawn beside this result
                let limits = root.appendingPathComponent("limits/mu_nu_limits.csv")
                if FileManager.default.fileExists(atPath: limits.path) { try provenance.digest(files: [limits.path], relativeTo: root) }
            }
            report.digitisedDatasets = provenance.digitisedDatasets
            progress.finish()
            // with --moments the spec saved is the element's model (below)
            let elementFit = moments != nil || savedElement != nil
            if let saveSpec, !elementFit { try OutputFile.write(try runSpec.jsonData(), to: saveSpec, force: output.force) }
            for (dir, plotsOnly) in [(plot, true), (reportDirectory, false)] {
                guard let dir else { continue }
                let limits = try? DataLocator.dataDirectory(explicit: data.dataDir).appendingPathComponent("limits/mu_nu_limits.csv")
                if (png || pdf) && ReportWriter.rsvgConvert() == nil { output.note("note: rsvg-convert is not installed; writing SVG only (apt-get install librsvg2-bin)") }
                let names = (try? DataLocator.dataDirectory(explicit: data.dataDir)).map { DatasetDisplayNames.load(ids: report.datasets, dataDirectory: $0) } ?? [:]
                let files = try ReportWriter(directory: dir, force: output.force, plotsOnly: plotsOnly, png: png, pdf: pdf, displayNames: names).write(
                    report: report, model: model, profile: profile,
                    command: provenance.command, limitsTable: limits, provenance: provenance, runSpec: runSpec)
                output.note("wrote \(files.count) files to \(dir)/")
            }
            for n in report.fitStatus.notes { output.note("note: \(n)") }
            if output.verbose {
                output.note("model: \(model.channelNames.joined(separator: " + ")), \(model.binCount) bins, parameters \(model.parameterNames.joined(separator: ", "))")
                output.note("best fit: \(report.fitStatus.method), \(report.fitStatus.iterations) iterations, EDM \(report.fitStatus.edm), converged \(report.fitStatus.converged)")
            }
            if elementFit {
                // The element of the user's matrix shape is its own signal model: its per-source
                // effective moments build the template and the element is fitted directly (μB).
                // The universal fit above, rescaled by 1/√s, is shown beside it for comparison.
                // From a spec saved by such a fit, the same from what the spec carries.
                let run: FitWithElement.Run, file: String
                if let savedElement {
                    let (saved, me, specFile) = savedElement
                    run = try FitWithElement.rerun(saved, file: specFile, universal: report, universalBinEdges: model.binEdges,
                                                   cl: interval.clGiven, method: interval.intervalMethodGiven, provenance: provenance,
                                                   shouldStop: { Interrupt.shared.requested })
                    file = me.momentsFile
                } else {
                    let moments = moments!
                    var r = try FitWithElement.analyse(config: try data.config(physics: physics), universal: report,
                                                       universalBinEdges: model.binEdges, momentsFile: moments, element: element ?? "e-mu",
                                                       cl: cl, method: method, compatibilityToys: toyPlan, seed: seed, provenance: provenance)
                    // the spec of this fit carries what its re-run needs: the element, the matrix
                    // file's content, the recoil options and the universal model
                    if saveSpec != nil {
                        let matrix = try JSONDecoder().decode(SavedAnalysis.Matrix.self, from: try TextInput.readData(
                            path: moments, what: "moment-matrix file", limit: .momentMatrixBytes))
                        r.analysis.runSpec.analysis?.momentElement = SavedAnalysis.MomentElement(
                            element: element ?? "e-mu", momentsFile: moments, matrix: matrix,
                            recoil: try SavedAnalysis.Physics(try physics.recoilModel(), atomicTableFile: physics.atomic.tableFile),
                            universalModel: model.spec)
                    }
                    run = r
                    file = moments
                }
                if let saveSpec { try OutputFile.write(try run.analysis.runSpec.jsonData(), to: saveSpec, force: output.force) }
                let (withElement, elementReport, poi, result) = (run.result, run.report, run.parameterOfInterest, run.element)
                try output.emit(withElement, provenance: provenance) { ElementFitText.render(elementReport, poi: poi, element: result, file: file, cl: report.cl) }
                try Self.endIfInterrupted(report)
                return
            }
            try output.emit(report, provenance: provenance) { FitTable.render(report) }
            try Self.endIfInterrupted(report, saveToys: saveToys)
        }
    }

    /// After Ctrl-C during the compatibility toys (the result printed used the toys finished): exit 130.
    static func endIfInterrupted(_ r: FitReport, saveToys: String? = nil) throws {
        guard Interrupt.shared.requested else { return }
        Console.error("interrupted: the compatibility p-value uses the \(r.compatibility?.toys ?? 0) toys finished"
                      + (saveToys.map { "; they are kept in \($0): run the same command again to resume" } ?? ""))
        throw ExitCode(130)
    }
}

/// The human-readable rendering of a ``FitReport``: the library's one renderer (``FitText``),
/// plain back end.
enum FitTable {
    /// A row label padded to one column, then "= ".
    static func label(_ text: String) -> String { TextDocument.label(text) }

    static func render(_ r: FitReport) -> String { FitText.render(r, .plain) }
}
