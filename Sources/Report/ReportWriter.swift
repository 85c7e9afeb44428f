import Analysis
import Detector
import Formats
import Foundation
import Likelihood
import Plot

/// Writes a report folder for a fit: `summary.json` (the ``FitReport``), `summary.md` (tables and
/// plot links), `model_spec.json` (the exact model, re-runnable with `nmmfit fit --spec`), and
/// the plots: `spectrum_<channel>.svg`, `profile_scan.svg`, `limits_comparison.svg`; with `png`
/// and/or `pdf`, each plot also as PNG (300 dpi at its printed width: 1020 px for a 3.4-inch
/// column) and/or PDF, rendered by `rsvg-convert` when it is installed. Every file is written
/// atomically; existing files are replaced only with `force`.
public struct ReportWriter {
    public var directory: URL
    public var force: Bool
    /// Write the plots only (no summaries, no spec).
    public var plotsOnly: Bool
    /// Also render each SVG to PNG with `rsvg-convert` (librsvg2-bin), when it is installed.
    public var png: Bool
    /// Also render each SVG to PDF with `rsvg-convert`, when it is installed.
    public var pdf: Bool
    /// Display names of the datasets (id → e.g. "XENON1T SR1") for titles and labels; ids not in
    /// the map are shown as they are. See ``DatasetDisplayNames``.
    public var displayNames: [String: String]

    /// Raster resolution of the PNGs in dots per inch.
    public static let pngDPI = 300.0

    public init(directory: String, force: Bool, plotsOnly: Bool = false, png: Bool = false, pdf: Bool = false,
                displayNames: [String: String] = [:]) {
        self.directory = URL(fileURLWithPath: directory)
        self.force = force
        self.plotsOnly = plotsOnly
        self.png = png
        self.pdf = pdf
        self.displayNames = displayNames
    }

    /// The `rsvg-convert` executable on PATH, if any.
    public static func rsvgConvert() -> String? {
        let paths = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":")
        return paths.map { "\($0)/rsvg-convert" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// The output formats a converter can write besides SVG.
    public enum ConvertedFormat: String, Sendable, CaseIterable {
        case png, pdf
    }

    /// Renders an SVG file to PNG (at ``pngDPI``) or PDF next to it (temporary name, then
    /// rename); nil when `rsvg-convert` is not installed.
    func render(_ svgPath: String, as format: ConvertedFormat) throws -> String? {
        guard let tool = Self.rsvgConvert() else { return nil }
        let target = String(svgPath.dropLast(4)) + "." + format.rawValue
        if FileManager.default.fileExists(atPath: target) && !force {
            throw InputError(file: target, "output file exists", remedy: .overwrite)
        }
        let tmp = target + ".tmp-\(ProcessInfo.processInfo.processIdentifier)"
        let dpi = String(format: "%g", Self.pngDPI)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: tool)
        p.arguments = ["-f", format.rawValue, "--dpi-x", dpi, "--dpi-y", dpi, "-o", tmp, svgPath]
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        guard p.terminationStatus == 0, rename(tmp, target) == 0 else {
            try? FileManager.default.removeItem(atPath: tmp)
            throw InputError(file: svgPath, "rsvg-convert could not render it to \(format.rawValue.uppercased())")
        }
        return target
    }

    /// The names of the files this writer puts in a folder, so a caller can check the folder
    /// before any work: the fixed files, and the figures (`spectrum_<channel>`, `profile_scan`,
    /// `limits_comparison`, each as .svg and optionally .png/.pdf).
    public static let summaryJSON = "summary.json", summaryMarkdown = "summary.md", modelSpec = "model_spec.json"
    /// Steps of the profile scan in the report, from 0 to 2.2 × the upper end.
    public static let scanSteps = 120
    public static let spectrumPrefix = "spectrum_", profileScan = "profile_scan", limitsComparison = "limits_comparison"

    /// Whether this writer would write a file of that name (in any of its folders).
    public static func writes(fileNamed name: String) -> Bool {
        [summaryJSON, summaryMarkdown, modelSpec].contains(name)
            || [spectrumPrefix, profileScan, limitsComparison].contains { name.hasPrefix($0) }
    }

    /// This tool's entries for the limits figure: the fit's interval (an upper limit when its
    /// lower end is 0), labelled with the datasets' display names, and for a combination each
    /// dataset's own fit under it. Digitised datasets are marked in the label.
    public func thisWork(_ report: FitReport) -> [ThisWorkResult] {
        let digitised = Set(report.digitisedDatasets ?? [])
        func label(_ id: String) -> String { Figures.name(id, displayNames) + (digitised.contains(id) ? " (digitised)" : "") }
        let names = report.datasets.map(label)
        let head = ThisWorkResult(label: names.count == 1 ? "this work: \(names[0])" : "this work: combined",
                                  interval: report.interval, best: report.muNuBest, cl: report.cl,
                                  detail: names.count == 1 ? "nmmfit" : "nmmfit, \(names.count) datasets (listed below)")
        let each = (report.perDataset ?? []).map { d in
            ThisWorkResult(label: "this work: \(label(d.name))", interval: d.interval, best: d.muNuBest, cl: report.cl,
                           detail: "nmmfit, this dataset alone")
        }
        return [head] + each
    }

    /// Writes everything; returns the paths written. `moreResults` are further rows of this
    /// tool's own results for the limits figure (e.g. per-dataset fits), drawn under the fit's own.
    @discardableResult
    /// `provenance` (the build, command line, data digests, seed and spec changes of the run) is
    /// written into `summary.json` through the one ``ResultEncoder``, into each figure's data files
    /// (``FigureDataDocument``) and named in `summary.md`;
    /// `runSpec` (the model with the run's saved analysis) into `model_spec.json` (else the model alone).
    ///
    /// A write that fails part-way (a full disk, a folder in a file's place) leaves no report
    /// behind: the files this call wrote are removed, and the folder too when this call made it.
    public func write(report: FitReport, model: BinnedModel, profile: ProfileLikelihood, command: String,
                      limitsTable: URL?, moreResults: [ThisWorkResult] = [], provenance: RunProvenance? = nil,
                      runSpec: RunSpec? = nil) throws -> [String] {
        let made = !FileManager.default.fileExists(atPath: directory.path)
        var written: [String] = []
        do {
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try writeFiles(report: report, model: model, profile: profile, command: command, limitsTable: limitsTable,
                           moreResults: moreResults, provenance: provenance, runSpec: runSpec, written: &written)
            return written
        } catch {
            for p in written { try? FileManager.default.removeItem(atPath: p) }
            if made { try? FileManager.default.removeItem(at: directory) }
            throw error
        }
    }

    private func writeFiles(report: FitReport, model: BinnedModel, profile: ProfileLikelihood, command: String, limitsTable: URL?,
                            moreResults: [ThisWorkResult], provenance: RunProvenance?, runSpec: RunSpec?, written: inout [String]) throws {
        func put(_ name: String, _ data: Data) throws {
            let p = directory.appendingPathComponent(name).path
            try OutputFile.write(data, to: p, force: force)
            written.append(p)
            guard name.hasSuffix(".svg") else { return }
            for (wanted, format) in [(png, ConvertedFormat.png), (pdf, .pdf)] where wanted {
                if let out = try render(p, as: format) { written.append(out) }
            }
        }
        // a figure: the SVG, then its data beside it with the run's provenance (FigureFiles: NAME.data.json, NAME.data.csv)
        func putFigure(_ name: String, _ figure: Figure) throws {
            try put(name, Data(figure.svg().utf8))
            let files = try FigureFiles.dataFiles(figure.data(), provenance: provenance), (json, csv) = FigureFiles.dataPaths(forSVG: name)
            try put(json, files.json)
            try put(csv, files.csv)
        }
        var plots: [(String, String)] = []
        for (c, ch) in report.channels.enumerated() {
            let name = "\(Self.spectrumPrefix)\(ch.name).svg"
            try putFigure(name, Figures.spectrum(report, channel: c, displayNames: displayNames))
            plots.append((name, "Spectrum of \(Figures.name(ch.name, displayNames)) with the best fit"))
        }
        let top = max(2.2 * report.interval[1], 1.5 * report.muNuBest, 1e-12)
        let grid = (0...Self.scanSteps).map { top * Double($0) / Double(Self.scanSteps) }
        let pts = try profile.scan(grid)
        let method = AsymptoticInterval.Method(rawValue: report.intervalMethod) ?? .unified
        let threshold = try AsymptoticInterval.criticalValues(profile, muNu: grid, cl: report.cl, method: method)
        try putFigure("\(Self.profileScan).svg", Figures.scan(pts, interval: report.interval, cl: report.cl, best: report.muNuBest,
                                                           threshold: threshold, method: method.rawValue))
        plots.append(("\(Self.profileScan).svg", "Profile likelihood −2ΔlnL(μν)"))
        if let limitsTable, let limits = try? PublishedLimit.load(limitsTable) {
            try putFigure("\(Self.limitsComparison).svg", Figures.limits(limits, thisWork: thisWork(report) + moreResults))
            plots.append(("\(Self.limitsComparison).svg", "This result beside published results"))
        }
        if plotsOnly { return }
        let summary = try provenance.map { try ResultEncoder.encode(ResultDocument(report, provenance: $0)) } ?? ResultEncoder.encode(report)
        try put(Self.summaryJSON, summary)
        // with the run's saved analysis (`runSpec`), `fit --spec model_spec.json` reproduces every number
        try put(Self.modelSpec, try runSpec?.jsonData() ?? model.spec.jsonData())
        try put(Self.summaryMarkdown, Data(markdown(report, plots: plots, command: command, provenance: provenance).utf8))
    }

    func markdown(_ r: FitReport, plots: [(String, String)], command: String, provenance: RunProvenance? = nil) -> String {
        var s = "# nmmfit result: \(r.datasets.joined(separator: " + "))\n\n"
        s += "Command: `\(command)`  \nRe-run: `nmmfit fit --spec model_spec.json`\n\n"
        if let p = provenance {
            s += "Computed by nmmfit \(p.toolVersion) (commit `\(p.commit)`) from \(p.dataDigests.count) data file\(p.dataDigests.count == 1 ? "" : "s") (SHA-256 digests in `summary.json`, `data_digests`)\(p.seed.map { "; toys seeded with \($0)" } ?? "").\n\n"
            if let o = p.specOverrides, !o.isEmpty { s += "Dataset spec changes (`--set`): \(o.map { "`\($0)`" }.joined(separator: ", ")).\n\n" }
        }
        if let d = r.digitisedDatasets, !d.isEmpty {
            s += "> **Digitised data:** \(d.joined(separator: ", ")) — read off published figures by third parties, not an official release. Every assumption: `nmmfit datasets show NAME`.\n\n"
        }
        s += FitText.render(r, .markdown)
        s += "## Plots\n\n"
        for (f, caption) in plots { s += "![\(caption)](\(f))\n\n" }
        return s
    }
}
