import Foundation

extension Figure {
    /// The figure's data: every panel's resolved axes, legend and elements (values in axis units).
    public func data() -> FigureData {
        let frames = frames(), boxes = legendBoxes()
        func axis(_ a: Axis, _ r: ClosedRange<Double>) -> FigureData.Axis {
            FigureData.Axis(label: a.label, scale: a.scale == .log10 ? "log10" : "linear", lower: r.lowerBound, upper: r.upperBound,
                            ticks: a.ticks.map(\.major), tickLabels: a.ticks.map(\.labels),
                            oppositeLabels: a.ticks.flatMap { $0.oppositeLabels.isEmpty ? nil : $0.oppositeLabels }, grid: a.grid)
        }
        let panels = panels.enumerated().map { i, p in
            FigureData.Panel(title: p.title, x: axis(p.x, frames[i].xRange), y: axis(p.y, frames[i].yRange),
                             relativeHeight: p.relativeHeight, legend: Self.positionName(p.legend.position),
                             legendPlaced: Self.placed(p, box: boxes[i], frame: frames[i]), legendExtra: p.legend.extraEntries.map(Self.item), elements: p.elements.flatMap(\.figureData))
        }
        return FigureData(title: title, footnote: footnote, widthPx: width, heightPx: height, printWidthInches: printWidthInches,
                          sharesX: sharesX, panels: panels)
    }

    static func positionName(_ p: Legend.Position) -> String {
        switch p {
        case .auto: "auto"
        case .topRight: "top_right"
        case .topLeft: "top_left"
        case .bottomRight: "bottom_right"
        case .bottomLeft: "bottom_left"
        case .above: "above"
        case .hidden: "hidden"
        }
    }

    /// Where the legend was put: hidden (or without entries), above the plot area, or inside it
    /// (matplotlib's `loc` name of the box's place).
    static func placed(_ p: Panel, box: PixelRect?, frame f: PlotFrame) -> String {
        guard p.legend.position != .hidden, !(p.legendEntries.isEmpty && p.legend.extraEntries.isEmpty) else { return "hidden" }
        guard let b = box else { return "above" }
        let cx = b.x + b.width / 2, cy = b.y + b.height / 2
        let v = cy < f.top + f.height / 2 ? "upper" : "lower"
        let h = abs(cx - (f.left + f.width / 2)) < f.width * 0.1 ? "center" : cx > f.left + f.width / 2 ? "right" : "left"
        return "\(v) \(h)"
    }

    static func item(_ e: LegendEntry) -> FigureData.LegendItem {
        switch e.swatch {
        case let .line(c, width, dash):
            FigureData.LegendItem(label: e.label, kind: "line", color: c.hex, dash: FigureData.dashName(dash), width: width)
        case let .marker(c): FigureData.LegendItem(label: e.label, kind: "marker", color: c.hex)
        case let .fill(c, opacity): FigureData.LegendItem(label: e.label, kind: "fill", color: c.hex, opacity: opacity)
        }
    }
}

extension FigureData {
    /// The data as one CSV table in long form: one row per drawn value, with the columns
    /// `panel`, `element`, `kind`, `label`, `component`, then one column per quantity named by
    /// the axis it is drawn on, with its unit (e.g. `Reconstructed energy [keV]`,
    /// `Events / bin`, `Events / bin (lower)`); bar charts add `row_label`, `row_kind`, `note`.
    /// Cells that do not apply are empty; a cell with a comma, quote, line end or `#` is quoted.
    public func csv() -> String {
        var header = ["panel", "element", "kind", "label", "component"]
        var rows: [[String: String]] = []
        func column(_ name: String) -> String {
            if !header.contains(name) { header.append(name) }
            return name
        }
        func num(_ v: Double?) -> String { v.map { $0.isFinite ? String(format: "%.10g", $0) : "" } ?? "" }
        for (p, panel) in panels.enumerated() {
            let xName = panel.x.label ?? "x", yName = panel.y.label ?? "y"
            let names: [String: String] = [
                "x": xName, "y": yName, "lower": "\(yName) (lower)", "upper": "\(yName) (upper)",
                "error_low": "\(yName) (error below)", "error_high": "\(yName) (error above)", "x_error": "\(xName) (error)",
                "edges": "\(xName) (bin edge)",
            ]
            if panel.elements.contains(where: { $0.kind != "bars" }) { _ = (column(xName), column(yName)) }
            for (k, e) in panel.elements.enumerated() {
                let base = ["panel": "\(p)", "element": "\(k)", "kind": e.kind, "label": e.label ?? ""]
                if e.kind == "bars" {
                    let lower = column("\(xName) (lower)"), upper = column("\(xName) (upper)"), best = column("\(xName) (best)")
                    let (rl, rk, rn) = (column("row_label"), column("row_kind"), column("note"))
                    let detail = panel.y.oppositeLabels.map { _ in column("row_detail") }
                    let n = e.columns["upper"]?.count ?? 0
                    for i in 0..<n {
                        var r = base
                        if let detail, let labels = panel.y.oppositeLabels, labels.indices.contains(i) { r[detail] = labels[i] }
                        r[lower] = num(e.columns["lower"]?[i]); r[upper] = num(e.columns["upper"]?[i]); r[best] = num(e.columns["best"]?[i])
                        r[rl] = e.text?["label"]?[i] ?? ""; r[rk] = e.text?["kind"]?[i] ?? ""; r[rn] = e.text?["note"]?[i] ?? ""
                        rows.append(r)
                    }
                    continue
                }
                if let comps = e.components, let edges = e.columns["edges"] {
                    let lo = column("\(xName) (bin low)"), hi = column("\(xName) (bin high)"), y = column(yName)
                    for c in comps {
                        for i in c.values.indices where i + 1 < edges.count {
                            var r = base
                            r["component"] = c.label
                            r[lo] = num(edges[i]); r[hi] = num(edges[i + 1]); r[y] = num(c.values[i])
                            rows.append(r)
                        }
                    }
                    continue
                }
                let keys = ["x", "y", "lower", "upper", "error_low", "error_high", "x_error"].filter { e.columns[$0] != nil }
                let n = keys.map { e.columns[$0]!.count }.max() ?? 0
                let cols = keys.map { column(names[$0]!) }
                for i in 0..<n {
                    var r = base
                    for (key, c) in zip(keys, cols) { r[c] = num(e.columns[key]!.indices.contains(i) ? e.columns[key]![i] : nil) }
                    rows.append(r)
                }
            }
        }
        func quote(_ s: String) -> String {
            // quoted also with a `#`, so that a reader told `comment="#"` (pandas) keeps the cell whole
            s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" || $0 == "#" }) ? "\"" + s.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : s
        }
        var out = header.map(quote).joined(separator: ",") + "\n"
        for r in rows { out += header.map { quote(r[$0] ?? "") }.joined(separator: ",") + "\n" }
        return out
    }
}
