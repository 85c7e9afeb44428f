import Foundation
import MomentModels
import Plot

extension Figures {
    /// The SU(2)_H region (Babu, Jana, Lindner, JHEP 10 (2020) 040): for each m_h⁺ on the grid,
    /// the band of |f f′| between the values giving |μν| at the interval's lower and upper
    /// edges, versus m_H⁺; the perturbativity line |f f′| = 4π is marked, and the legend says that
    /// the |f f′| scale rests on the unverified 1/8π² prefactor (``MissingText/su2hMomentPrefactor``).
    public static func horizontalRegion(_ rows: [HorizontalSymmetryModel.RegionRow], muLo: Double, muHi: Double,
                                        sin2Alpha: Double, maxCurves: Int = 5) -> Figure {
        let lights = Array(Set(rows.map(\.lightScalarGeV))).sorted()
        // at most maxCurves masses, spread evenly from the lightest to the heaviest
        let chosen = lights.count <= maxCurves ? lights
            : Array(Set((0..<maxCurves).map { lights[Int((Double($0) * Double(lights.count - 1) / Double(maxCurves - 1)).rounded())] })).sorted()
        func gev(_ m: Double) -> String { String(format: "%.0f", m) }
        var el: [any PlotElement] = [HorizontalLine(y: 4 * Double.pi, label: "|f f′| = 4π", color: .gray)]
        for (k, h) in chosen.enumerated() {
            let pts = rows.filter { $0.lightScalarGeV == h && $0.yukawaProductMax != nil }.sorted { $0.heavyScalarGeV < $1.heavyScalarGeV }
            guard pts.count >= 2 else { continue }
            let x = pts.map(\.heavyScalarGeV)
            let upper = pts.map { $0.yukawaProductMax! }
            let color = sourceColors[k % sourceColors.count]
            if muLo > 0 {
                el.append(BandSeries(x: x, lower: pts.map { $0.yukawaProductMin ?? .nan }, upper: upper,
                                     label: "m_h⁺ = \(gev(h)) GeV", color: color, opacity: 0.45))
            } else {
                el.append(LineSeries(x: x, y: upper, label: "m_h⁺ = \(gev(h)) GeV (upper limit)", color: color, width: 2))
            }
        }
        if let x0 = rows.first?.heavyScalarGeV {  // a legend entry only: the |f f′| scale rests on an unverified prefactor
            el.append(LineSeries(x: [x0], y: [Double.nan], label: "|f f′| ∝ 1/(prefactor): the 1/8π² of μν is unverified (the body of arXiv:2007.04291 is not readable here)",
                                 color: .gray, width: 0))
        }
        let what = muLo > 0 ? "|μν| ∈ [\(TickFormat.scientific(muLo, digits: 3)), \(muB(muHi))]" : "|μν| < \(muB(muHi))"
        return Figure(width: 760, height: 540, fontSize: fontSize, printWidthInches: pageWidthInches, panels: [Panel(
            x: Axis("m_H⁺ [GeV]", scale: .log10, lower: rows.map(\.heavyScalarGeV).min(), upper: rows.map(\.heavyScalarGeV).max()), y: Axis("|f f′|", scale: .log10),
            title: "SU(2)_H: Yukawa couplings giving \(what), sin 2α = \(fmt(sin2Alpha))", legend: Legend(.auto, fontSize: legendFontSize), elements: el)])
    }
}
