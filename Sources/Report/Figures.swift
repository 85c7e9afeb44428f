import Analysis
import Foundation
import Likelihood
import Plot
import Recoil

/// Figures of nmmfit's results, as `Plot.Figure`s (render with `.svg()`).
///
/// Sizes are chosen for print: single-column figures are 420 px wide with 12.5 px text and are
/// written with a printed width of ``columnWidthInches`` (so text comes out at about 7.5 pt and a
/// 300 dpi rendering is 1020 px wide); the limits comparison spans a page (``pageWidthInches``).
/// Moments in titles and labels are written as `2.40 × 10⁻¹¹ μB` (``muB(_:)``); datasets by
/// their display names (a `[id: name]` map, falling back to the id).
public enum Figures {
    /// One journal column (e.g. Physical Review), in inches.
    public static let columnWidthInches = 3.4
    /// A full page width (two columns), in inches.
    public static let pageWidthInches = 7.0
    /// Width in px (SVG user units) and base text size of the single-column figures.
    static let columnWidth = 420.0, fontSize = 12.5, legendFontSize = 11.0

    /// The binned spectrum of one channel: data with Poisson error bars, stacked background
    /// components, the best-fit μν signal and total, the background-only expectation; and a
    /// residual panel (data − best fit)/√(best fit) under it. Counts per bin vs keV. The title
    /// gives the fit's μν (marked "joint fit" when several channels share it).
    /// `displayNames` maps channel (dataset) ids to the names shown, e.g. "XENON1T SR1".
    public static func spectrum(_ r: FitReport, channel c: Int = 0, displayNames: [String: String] = [:]) -> Figure {
        let ch = r.channels[c]
        let edges = ch.binEdgesKeV
        let centres = (0..<ch.observed.count).map { (edges[$0] + edges[$0 + 1]) / 2 }
        let signalName = ModelNames.signalSample
        let bkgNames = ch.bestFit.keys.filter { $0 != signalName }.sorted()
        let palette: [Color] = [.skyBlue, .bluishGreen, .yellow, .reddishPurple, .gray]
        let stack = StackedHistogram(edges: edges, components: bkgNames.enumerated().map { (i, n) in
            .init("\(n) (fit)", values: ch.bestFit[n]!, color: palette[i % palette.count])
        }, showsTotal: false)
        let bars = ch.observed.map(PoissonErrors.bars)
        var main: [any PlotElement] = [stack]
        if let sig = ch.bestFit[signalName] {
            main.append(LineSeries(edges: edges, values: sig, label: "μν signal (best fit)", color: .vermillion, width: 1.5, dash: .dashed))
        }
        main.append(LineSeries(edges: edges, values: ch.totalBackgroundOnly, label: "background-only fit", color: .black, width: 1.2, dash: .dotted))
        main.append(LineSeries(edges: edges, values: ch.totalBestFit, label: "best fit (B + μν)", color: .vermillion, width: 2))
        main.append(PointSeries(x: centres, y: ch.observed, errorLow: bars.map(\.low), errorHigh: bars.map(\.high), label: "data"))
        let resid = zip(ch.observed, ch.totalBestFit).map { (n, m) in m > 0 ? (n - m) / m.squareRoot() : 0 }
        let ones = resid.map { _ in 1.0 }
        let range = edges[0]...edges[edges.count - 1]
        let top = Panel(x: Axis("Reconstructed energy [keV]", range: range),
                        y: Axis("Events / bin", lower: 0), title: "\(name(ch.name, displayNames))\((r.digitisedDatasets ?? []).contains(ch.name) ? " (DIGITISED)" : "")\(r.channels.count > 1 ? ", joint fit" : ""): \(resultText(r))",
                        relativeHeight: 3, legend: Legend(.auto, fontSize: legendFontSize), elements: main)
        let bottom = Panel(x: Axis("Reconstructed energy [keV]", range: range),
                           y: Axis("(data − fit)/σ"), legend: Legend(.hidden),
                           elements: [BandSeries(edges: edges, lower: edges.dropLast().map { _ in -1 }, upper: edges.dropLast().map { _ in 1 }, color: .lightGray, opacity: 0.6),
                                      HorizontalLine(y: 0, color: .black, dash: .solid),
                                      PointSeries(x: centres, y: resid, yError: ones)])
        return Figure(width: columnWidth, height: 440, fontSize: fontSize, printWidthInches: columnWidthInches, panels: [top, bottom])
    }

    /// The profile-likelihood curve −2ΔlnL(μν) with the interval marked and the threshold its
    /// interval uses: `threshold[i]` is the critical value at `points[i]`
    /// (``AsymptoticInterval/criticalValues(_:muNu:cl:method:)``) — a curve for the boundary-aware
    /// method, the χ²₁ line for Wilks — so the interval's ends are exactly where the two curves
    /// cross. The 68.3 % line (−2ΔlnL = 1) marks the errors. The x axis ends where the curve
    /// leaves the top of the plot (or at the last scan point), so no empty region is drawn.
    public static func scan(_ points: [ProfileLikelihood.ScanPoint], interval: [Double], cl: Double, best: Double,
                            threshold: [Double], method: String) -> Figure {
        let x = points.map { $0.muNu / 1e-11 }, y = points.map(\.deltaTwoNLL)
        let yTop = min(max(1.3 * (y.first ?? 5), 6), 25)
        // the first point right of the minimum at which the curve is above the top
        let iMin = y.indices.min { y[$0] < y[$1] } ?? 0
        let xEnd = (iMin..<x.count).first { y[$0] >= yTop }.map { x[$0] } ?? x.last
        let lo = interval.first ?? 0, hi = interval.count > 1 ? interval[1] : .nan
        let pct = String(format: "%.0f", cl * 100)
        var el: [any PlotElement] = [HorizontalLine(y: 1.0, label: "68.3 %", color: .gray)]  // the errors' −2ΔlnL = 1
        if threshold.count == x.count {
            el.append(LineSeries(x: x, y: threshold, label: "\(pct) % CL threshold (\(method))", color: .gray, width: 1.3, dash: .dotted))
        }
        el.append(LineSeries(x: x, y: y, label: "profile likelihood", color: .blue, width: 2))
        if lo > 0 { el.append(VerticalLine(x: lo / 1e-11, color: .vermillion)) }
        el.append(VerticalLine(x: hi / 1e-11, color: .vermillion))
        let what = lo > 0 ? "\(pct) % CL interval [\(fixed(lo / 1e-11)), \(fixed(hi / 1e-11))]"
                          : "\(pct) % CL upper limit \(fixed(hi / 1e-11))"
        let legend = Legend(.auto, extraEntries: [LegendEntry(what, .line(.vermillion, width: 1, dash: .dashed))], fontSize: legendFontSize)
        let title = lo > 0 ? "Best fit μν = \(muB(best))" : "μν < \(muB(hi)) (\(pct) % CL)"
        return Figure(width: columnWidth, height: 320, fontSize: fontSize, printWidthInches: columnWidthInches, panels: [Panel(
            x: Axis("μν [10⁻¹¹ μB]", lower: x.first, upper: xEnd), y: Axis("−2 Δ ln L", lower: 0, upper: yTop),
            title: title, legend: legend, elements: el)])
    }

    /// dR/dT per source (magnetic solid, weak dashed; one colour per source) and the totals, on
    /// log axes over the tabulated recoil energies.
    public static func recoil(_ table: RecoilTable, muNuBohr: Double) -> Figure {
        let t = table.rows.map(\.recoilKeV)
        let scale = (muNuBohr / RecoilModel.referenceMuNuBohr) * (muNuBohr / RecoilModel.referenceMuNuBohr)
        var el: [any PlotElement] = []
        for (k, s) in table.sources.enumerated() {
            let mag = table.rows.map { $0.magneticAtReference[k] * scale }
            guard mag.contains(where: { $0 > 0 }) || table.rows.contains(where: { $0.weak[k] > 0 }) else { continue }
            let c = sourceColors[k % sourceColors.count]
            el.append(LineSeries(x: t, y: mag, label: isotope(s.rawValue), color: c, width: 1.3))
            el.append(LineSeries(x: t, y: table.rows.map { $0.weak[k] }, color: c, width: 1, dash: .dashed))
        }
        el.append(LineSeries(x: t, y: table.rows.map { $0.magnetic(muNuBohr: muNuBohr) }, label: "total", color: .black, width: 2.2))
        el.append(LineSeries(x: t, y: table.rows.map(\.weakTotal), color: .black, width: 1.6, dash: .dashed))
        let all = table.rows.flatMap { $0.weak + $0.magneticAtReference.map { $0 * scale } }.filter { $0 > 0 }
        let ymax = all.max() ?? 10
        let style = [LegendEntry("magnetic", .line(.gray, width: 1.3, dash: .solid)),
                     LegendEntry("weak (SM)", .line(.gray, width: 1, dash: .dashed))]
        return Figure(width: columnWidth, height: 400, fontSize: fontSize, printWidthInches: columnWidthInches, panels: [Panel(
            x: Axis("True recoil energy T [keV]", scale: .log10, lower: t.first, upper: t.last),
            y: Axis("dR/dT [events / (t·y·keV)]", scale: .log10, lower: ymax * 1e-5, upper: ymax * 2),
            title: "Solar-ν recoils in xenon, μν = \(muB(muNuBohr))",
            legend: Legend(.auto, extraEntries: style, fontSize: legendFontSize), elements: el)])
    }

    /// The expected-limit band ("Brazil" plot) with the median and the observed limit.
    public static func sensitivity(_ r: Sensitivity.Result) -> Figure {
        guard r.band.count == 5 else { return Figure(panels: [Panel(x: Axis("μν"), y: Axis(""))]) }
        let b = r.band.map { $0 / 1e-11 }, obs = r.observed / 1e-11, asimov = r.asimovMedian / 1e-11
        let el: [any PlotElement] = [
            BandSeries(x: [b[0], b[4]], lower: [0, 0], upper: [1, 1], label: "expected ±2σ", color: .yellow),
            BandSeries(x: [b[1], b[3]], lower: [0, 0], upper: [1, 1], label: "expected ±1σ", color: .bluishGreen),
            VerticalLine(x: b[2], color: .black, dash: .dashed),
            VerticalLine(x: asimov, color: .gray, dash: .dotted, width: 1.5),
            VerticalLine(x: obs, color: .vermillion, dash: .solid, width: 2),
        ]
        let lines = [LegendEntry("median (\(r.toys) toys)", .line(.black, width: 1, dash: .dashed)),
                     LegendEntry("median (Asimov)", .line(.gray, width: 1.5, dash: .dotted)),
                     LegendEntry("observed", .line(.vermillion, width: 2, dash: .solid))]
        let lo = min(b[0], obs, asimov), hi = max(b[4], obs, asimov), pad = 0.08 * (hi - lo)
        return Figure(width: columnWidth, height: 230, fontSize: fontSize, printWidthInches: columnWidthInches, panels: [Panel(
            x: Axis("\(String(format: "%.0f", r.cl * 100)) % CL upper limit on μν [10⁻¹¹ μB]", lower: max(0, lo - pad), upper: hi + pad),
            y: Axis(nil, lower: 0, upper: 1, ticks: Ticks(major: [], labels: []), showsTickLabels: false),
            title: "Expected sensitivity (\(r.method))", legend: Legend(.above, extraEntries: lines, fontSize: legendFontSize), elements: el)])
    }

    /// Published μν results beside this tool's own (one row each, this work first): two-sided
    /// intervals as bars, upper limits as lines from the axis edge to a cap (see
    /// ``HorizontalBars``), the year and the reference right of each row, and the confidence level
    /// where it is not 90 %. The log x axis spans the drawn values with a small margin.
    public static func limits(_ published: [PublishedLimit], thisWork: [ThisWorkResult]) -> Figure {
        var rows: [HorizontalBars.Row] = []
        var right: [String] = []
        func clNote(_ cl: Double) -> String { abs(cl - 0.9) < 1e-9 ? "" : " · \(String(format: "%.0f", cl * 100)) % CL" }
        for w in thisWork where w.upperMuB.isFinite && w.upperMuB > 0 {
            rows.append(w.isUpperLimit
                ? .upperLimit(w.label, w.upperMuB, color: .vermillion)
                : .interval(w.label, lower: w.lowerMuB, upper: w.upperMuB, best: w.bestMuB, color: .vermillion))
            right.append((w.detail ?? "nmmfit") + clNote(w.cl))
        }
        for l in published {
            let color: Color = l.category == "astrophysical" ? .reddishPurple : l.category == "recast" ? .gray : .blue
            rows.append(l.lowerMuB.map { .interval(l.experiment, lower: $0, upper: l.upperMuB, color: color) }
                        ?? .upperLimit(l.experiment, l.upperMuB, color: color))
            right.append("\(l.year) · \(l.citation.isEmpty ? l.reference : l.citation)" + clNote(l.cl))
        }
        let ours = thisWork.filter { $0.upperMuB.isFinite && $0.upperMuB > 0 }.count
        let bars = HorizontalBars(rows: rows, thickness: 8, separators: ours > 0 && ours < rows.count ? [ours - 1] : [])
        let values = bars.xValues.filter { $0 > 0 && $0.isFinite }
        let lo = (values.min() ?? 1e-12) / 1.8, hi = (values.max() ?? 1e-10) * 1.25
        return Figure(width: 880, height: 70 + 27 * Double(rows.count), fontSize: 13,
                      footnote: "90 % CL unless marked. " + HorizontalBars.legendNote,
                      printWidthInches: pageWidthInches, panels: [Panel(
            x: Axis("μν [μB]", scale: .log10, lower: lo, upper: hi, grid: true), y: bars.categoryAxis(oppositeLabels: right),
            legend: Legend(.hidden), elements: [bars])])
    }

    /// This fit's result beside published μν limits (the single-result form of
    /// ``limits(_:thisWork:)``; `interval` in μB, at 90 % CL).
    public static func limits(_ limits: [PublishedLimit], result: (label: String, interval: [Double], best: Double)?) -> Figure {
        Self.limits(limits, thisWork: result.map { [ThisWorkResult(label: $0.label, interval: $0.interval, best: $0.best, cl: 0.9)] } ?? [])
    }

    /// The display name of a dataset id: `names[id]`, else the id.
    public static func name(_ id: String, _ names: [String: String]) -> String { names[id] ?? id }

    /// A moment in μB for titles and labels: `2.40 × 10⁻¹¹ μB`.
    public static func muB(_ x: Double) -> String { TickFormat.scientific(x, digits: 3) + " μB" }

    /// "μν = 2.40 × 10⁻¹¹ μB (3.07σ)" for a two-sided result, "μν < 6.99 × 10⁻¹² μB (90 % CL)" at the boundary.
    static func resultText(_ r: FitReport) -> String {
        guard r.interval.count == 2 else { return "μν = \(muB(r.muNuBest))" }
        return r.interval[0] > 0
            ? "μν = \(muB(r.muNuBest)) (\(String(format: "%.2f", r.significanceSigma))σ)"
            : "μν < \(muB(r.interval[1])) (\(String(format: "%.0f", r.cl * 100)) % CL)"
    }

    /// Nine distinct colours for the solar-ν sources: Okabe–Ito (yellow last, it is faint on
    /// white) with a brown and an olive added.
    static let sourceColors: [Color] = [.blue, .vermillion, .bluishGreen, .orange, .reddishPurple, .skyBlue,
                                        Color(rgb: 0x8C564B), Color(rgb: 0x999933), .yellow]

    /// A source name with its mass number as a superscript: `7Be` → `⁷Be`.
    static func isotope(_ s: String) -> String {
        let digits = s.prefix { $0.isASCII && $0.isNumber }
        guard !digits.isEmpty, let n = Int(digits) else { return s }
        return TickFormat.superscript(n) + s.dropFirst(digits.count)
    }

    /// Two decimals (values in 10⁻¹¹ μB on an axis in those units).
    static func fixed(_ x: Double) -> String { String(format: "%.2f", x) }

    static func fmt(_ x: Double) -> String { String(format: "%.3g", x) }
}
