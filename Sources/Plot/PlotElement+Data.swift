/// Each element's values and style as ``FigureData/Element``s (see ``Figure/data()``).

extension LineSeries {
    public var figureData: [FigureData.Element] {
        [FigureData.Element(kind: "line", label: label, color: color, dash: dash, width: width,
                            style: style == .steps ? "steps" : "polyline", columns: ["x": x, "y": y])]
    }
}

extension BandSeries {
    public var figureData: [FigureData.Element] {
        [FigureData.Element(kind: "band", label: label, color: color, width: outlineWidth > 0 ? outlineWidth : nil, opacity: opacity,
                            style: steps ? "steps" : "polyline", columns: ["x": x, "lower": lower, "upper": upper])]
    }
}

extension PointSeries {
    public var figureData: [FigureData.Element] {
        var c: [String: [Double]] = ["x": x, "y": y]
        if let errorLow { c["error_low"] = errorLow }
        if let errorHigh { c["error_high"] = errorHigh }
        if let xError { c["x_error"] = xError }
        return [FigureData.Element(kind: "points", label: label, color: color, width: radius, columns: c)]
    }
}

extension StackedHistogram {
    public var figureData: [FigureData.Element] {
        [FigureData.Element(kind: "stacked_histogram", opacity: opacity, style: showsTotal ? "with_total" : nil, columns: ["edges": edges],
                            components: components.map { FigureData.Component(label: $0.label, color: $0.color.hex,
                                                                              values: $0.values.map { $0.isFinite ? $0 : nil }) })]
    }
}

extension HorizontalLine {
    public var figureData: [FigureData.Element] {
        [FigureData.Element(kind: "hline", label: label, color: color, dash: dash, width: width, columns: ["y": [y]])]
    }
}

extension VerticalLine {
    public var figureData: [FigureData.Element] {
        [FigureData.Element(kind: "vline", label: label, color: color, dash: dash, width: width, columns: ["x": [x]])]
    }
}

extension HorizontalBars {
    public var figureData: [FigureData.Element] {
        var lower: [Double] = [], upper: [Double] = [], best: [Double] = [], kind: [String] = []
        for r in rows {
            switch r.kind {
            case let .interval(l, u, b):
                lower.append(l); upper.append(u); best.append(b ?? .nan); kind.append("interval")
            case let .upperLimit(v):
                lower.append(.nan); upper.append(v); best.append(.nan); kind.append("upper_limit")
            }
        }
        return [FigureData.Element(kind: "bars", width: thickness, columns: [
            "row": rows.indices.map(rowY), "lower": lower, "upper": upper, "best": best,
            "separator_y": separators.filter { $0 >= 0 && $0 < rows.count - 1 }.map { rowY($0) - 0.5 },
        ], text: ["label": rows.map(\.label), "kind": kind, "note": rows.map { $0.note ?? "" }, "color": rows.map(\.color.hex)])]
    }
}
