import Foundation
import Likelihood
import Plot
import Recoil

/// Figures of nmmfit's results, as `Plot.Figure`s (render with `.svg()`).
public enum Figures {
    /// The binned spectrum of one channel: data with Poisson error bars, stacked background
    /// components, the best-fit μν signal and total, the background-only expectation; and a
    /// residual panel (data − best fit)/√(best fit) under it. Counts per bin vs keV.
    public static func spectrum(_ r: FitReport, channel c: Int = 0) -> Figure {
        let ch = r.channels[c]
        let edges = ch.binEdgesKeV
        let centres = (0..<ch.observed.count).map { (edges[$0] + edges[$0 + 1]) / 2 }
        let signalName = "magnetic_moment"
        let bkgNames = ch.bestFit.keys.filter { $0 != signalName }.sorted()
        let palette: [Color] = [.skyBlue, .bluishGreen, .yellow, .reddishPurple, .gray]
        let stack = StackedHistogram(edges: edges, components: bkgNames.enumerated().map { (i, n) in
            .init("\(n) (fit)", values: ch.bestFit[n]!, color: palette[i % palette.count])
        }, showsTotal: false)
        let bars = ch.observed.map(PoissonErrors.bars)
        var main: [any PlotElement] = [stack]
        if let sig = ch.bestFit[signalName] {
            main.append(LineSeries(edges: edges, values: sig, label: "μν signal, μν = \(fmt(r.muNuBest))", color: .vermillion, width: 1.5, dash: .dashed))
        }
        main.append(LineSeries(edges: edges, values: ch.totalBackgroundOnly, label: "background-only fit", color: .black, width: 1.2, dash: .dotted))
        main.append(LineSeries(edges: edges, values: ch.totalBestFit, label: "best fit (B + μν)", color: .vermillion, width: 2))
        main.append(PointSeries(x: centres, y: ch.observed, errorLow: bars.map(\.low), errorHigh: bars.map(\.high), label: "data (\(ch.name))"))
        let resid = zip(ch.observed, ch.totalBestFit).map { (n, m) in m > 0 ? (n - m) / m.squareRoot() : 0 }
        let ones = resid.map { _ in 1.0 }
        let top = Panel(x: Axis("Reconstructed energy [keV]", range: edges[0]...edges[edges.count - 1]),
                        y: Axis("Events / bin", lower: 0), title: "\(ch.name)\((r.digitisedDatasets ?? []).contains(ch.name) ? " (DIGITISED)" : ""): best fit μν = \(fmt(r.muNuBest)) μB, \(String(format: "%.2f", r.significanceSigma))σ",
                        relativeHeight: 3, legend: Legend(.bottomRight), elements: main)
        let bottom = Panel(x: Axis("Reconstructed energy [keV]", range: edges[0]...edges[edges.count - 1]),
                           y: Axis("(data − fit)/σ"), legend: Legend(.hidden),
                           elements: [BandSeries(edges: edges, lower: edges.dropLast().map { _ in -1 }, upper: edges.dropLast().map { _ in 1 }, color: .lightGray, opacity: 0.6),
                                      HorizontalLine(y: 0, color: .black, dash: .solid),
                                      PointSeries(x: centres, y: resid, yError: ones)])
        return Figure(width: 760, height: 620, title: nil, panels: [top, bottom])
    }

    /// The profile-likelihood curve −2ΔlnL(μν) with the 68/90/95 % (1 dof) thresholds and the
    /// interval marked.
    public static func scan(_ points: [ProfileLikelihood.ScanPoint], interval: [Double], cl: Double, best: Double) -> Figure {
        let x = points.map { $0.muNu / 1e-11 }, y = points.map(\.deltaTwoNLL)
        var el: [any PlotElement] = [
            HorizontalLine(y: 1.0, label: "68.3 %", color: .gray),
            HorizontalLine(y: 2.706, label: "90 %", color: .gray),
            HorizontalLine(y: 3.841, label: "95 %", color: .gray),
            LineSeries(x: x, y: y, label: "profile likelihood", color: .blue, width: 2),
        ]
        if interval[0] > 0 { el.append(VerticalLine(x: interval[0] / 1e-11, label: "\(fmt(interval[0]))", color: .vermillion)) }
        el.append(VerticalLine(x: interval[1] / 1e-11, label: "\(fmt(interval[1]))", color: .vermillion))
        let title = "\(String(format: "%.0f", cl * 100)) % CL: μν ∈ [\(fmt(interval[0])), \(fmt(interval[1]))] μB; best \(fmt(best))"
        return Figure(width: 720, height: 480, panels: [Panel(
            x: Axis("μν [10⁻¹¹ μB]", lower: x.first, upper: x.last), y: Axis("−2 Δ ln L", lower: 0, upper: min(max(1.3 * (y.first ?? 5), 6), 25)),
            title: title, legend: Legend(.topLeft), elements: el)])
    }

    /// dR/dT per source (magnetic solid, weak dashed) and the totals, on log axes.
    public static func recoil(_ table: RecoilTable, muNuBohr: Double) -> Figure {
        let t = table.rows.map(\.recoilKeV)
        let scale = (muNuBohr / RecoilModel.referenceMuNuBohr) * (muNuBohr / RecoilModel.referenceMuNuBohr)
        var el: [any PlotElement] = []
        for (k, s) in table.sources.enumerated() {
            let mag = table.rows.map { $0.magneticAtReference[k] * scale }
            guard mag.contains(where: { $0 > 0 }) || table.rows.contains(where: { $0.weak[k] > 0 }) else { continue }
            let c = Color.palette(k)
            el.append(LineSeries(x: t, y: mag, label: "\(s.rawValue) magnetic", color: c, width: 1.3))
            el.append(LineSeries(x: t, y: table.rows.map { $0.weak[k] }, label: "\(s.rawValue) weak", color: c, width: 1, dash: .dashed))
        }
        el.append(LineSeries(x: t, y: table.rows.map { $0.magnetic(muNuBohr: muNuBohr) }, label: "magnetic total", color: .black, width: 2.2))
        el.append(LineSeries(x: t, y: table.rows.map(\.weakTotal), label: "weak total", color: .black, width: 1.6, dash: .dashed))
        let all = table.rows.flatMap { $0.weak + $0.magneticAtReference.map { $0 * scale } }.filter { $0 > 0 }
        let ymax = all.max() ?? 10
        return Figure(width: 760, height: 560, panels: [Panel(
            x: Axis("True recoil energy T [keV]", scale: .log10), y: Axis("dR/dT [events / (t·y·keV)]", scale: .log10, lower: ymax * 1e-5, upper: ymax * 2),
            title: "Solar-ν electron recoils in xenon, μν = \(fmt(muNuBohr)) μB", legend: Legend(.bottomLeft), elements: el)])
    }

    /// The expected-limit band ("Brazil" plot) with the median and the observed limit.
    public static func sensitivity(_ r: Sensitivity.Result) -> Figure {
        guard r.band.count == 5 else { return Figure(panels: [Panel(x: Axis("μν"), y: Axis(""))]) }
        let b = r.band.map { $0 / 1e-11 }
        let el: [any PlotElement] = [
            BandSeries(x: [b[0], b[4]], lower: [0, 0], upper: [1, 1], label: "expected ±2σ", color: .yellow),
            BandSeries(x: [b[1], b[3]], lower: [0, 0], upper: [1, 1], label: "expected ±1σ", color: .bluishGreen),
            VerticalLine(x: b[2], label: "median (toys)", color: .black, dash: .dashed),
            VerticalLine(x: r.asimovMedian / 1e-11, label: "Asimov", color: .gray, dash: .dotted),
            VerticalLine(x: r.observed / 1e-11, label: "observed", color: .vermillion, dash: .solid, width: 2),
        ]
        return Figure(width: 720, height: 300, panels: [Panel(
            x: Axis("\(String(format: "%.0f", r.cl * 100)) % CL upper limit on μν [10⁻¹¹ μB]", lower: 0, upper: max(b[4], r.observed / 1e-11) * 1.15),
            y: Axis(nil, lower: 0, upper: 1.25, showsTickLabels: false),
            title: "Expected sensitivity (\(r.toys) toys, \(r.method))", legend: Legend(.topRight), elements: el)])
    }

    /// This fit's result beside published μν limits (one row each).
    public static func limits(_ limits: [PublishedLimit], result: (label: String, interval: [Double], best: Double)?) -> Figure {
        var rows: [HorizontalBars.Row] = limits.map { l in
            .upperLimit(l.experiment + (l.cl95 ? " (95 %)" : "") + (l.kind == "interval_upper" ? " (upper end of interval)" : ""),
                        l.limitMuB / 1e-11, color: l.kind.contains("astro") ? .reddishPurple : .blue)
        }
        if let r = result {
            rows.append(r.interval[0] > 0
                ? .interval(r.label, lower: r.interval[0] / 1e-11, upper: r.interval[1] / 1e-11, best: r.best / 1e-11, color: .vermillion)
                : .upperLimit(r.label, r.interval[1] / 1e-11, color: .vermillion))
        }
        let bars = HorizontalBars(rows: rows)
        return Figure(width: 760, height: 120 + 34 * Double(rows.count), panels: [Panel(
            x: Axis("μν [10⁻¹¹ μB]", scale: .log10, lower: 0.1, upper: 20), y: bars.categoryAxis(),
            title: "μν limits: 90 % CL (astrophysical: 95 %)", legend: Legend(.hidden), elements: [bars])])
    }

    static func fmt(_ x: Double) -> String { String(format: "%.3g", x) }
}

/// One published μν limit (data/limits/mu_nu_limits.csv).
public struct PublishedLimit: Sendable, Codable, Equatable {
    public var experiment: String
    public var kind: String
    public var limitMuB: Double
    public var year: Int
    public var reference: String
    /// Quoted at 95 % CL (astrophysical bounds).
    public var cl95: Bool { kind.hasSuffix("95cl") }

    /// Reads the limits table (comma-separated, `#` comments, no commas inside fields).
    public static func load(_ url: URL) throws -> [PublishedLimit] {
        let text: String
        do { text = try String(contentsOf: url, encoding: .utf8) } catch {
            throw InputError(file: url.path, "cannot read the limits table (\(CSVTable.reason(error)))")
        }
        var out: [PublishedLimit] = []
        var header: [String]?
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let h = header else { header = f; continue }
            guard f.count == h.count else { throw InputError(file: url.path, line: i + 1, "expected \(h.count) fields, found \(f.count)") }
            guard let v = Double(f[2]), v > 0, v.isFinite else { throw InputError(file: url.path, line: i + 1, field: h[2], "'\(f[2])' is not a positive number") }
            guard let y = Int(f[3]) else { throw InputError(file: url.path, line: i + 1, field: h[3], "'\(f[3])' is not a year") }
            out.append(PublishedLimit(experiment: f[0], kind: f[1], limitMuB: v, year: y, reference: f[4]))
        }
        return out
    }
}
