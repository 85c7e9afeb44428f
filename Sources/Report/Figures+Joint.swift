import Foundation
import MomentModels
import Plot

extension Figures {
    /// The SU(2)_H joint view (``HorizontalJointRegion``): over the neutral-scalar mass m_H0
    /// (x, log) and |f f′| (y, log), the |f f′| band that puts μν in each measured interval
    /// (filled), the region above each μν upper limit (grey, excluded), the band where Δa_μ
    /// agrees with each g−2 measurement at 2σ (dashed edges, light fill), and the overlap of
    /// every μν interval with every g−2 band (black outline).
    public static func horizontalJoint(_ rows: [HorizontalJointRegion.Row], bands: [MuNuBand],
                                       measurements: [MuonAnomalyMeasurement], link: HorizontalJointRegion) -> Figure {
        let xs = rows.map(\.neutralGeV)
        let positives = rows.flatMap { r in (r.muNu + r.g2 + r.joint).flatMap { [$0.ffprimeMin, $0.ffprimeMax] } }.filter { $0 > 0 && $0.isFinite }
        let yLow = (positives.min() ?? 1e-4) / 3, yHigh = max((positives.max() ?? 1) * 3, 4 * Double.pi * 1.5)
        func series(_ pick: (HorizontalJointRegion.Row) -> HorizontalJointRegion.YukawaRange?) -> ([Double], [Double]) {
            (rows.map { pick($0).map { max($0.ffprimeMin, yLow) } ?? .nan }, rows.map { pick($0)?.ffprimeMax ?? .nan })
        }
        var el: [any PlotElement] = []
        let dashes: [Dash] = [.solid, .dashDot, .dotted]
        for (k, b) in bands.filter(\.isUpperLimit).enumerated() {
            let (_, hi) = series { r in r.muNu.first { $0.source == b.label } }
            el.append(BandSeries(x: xs, lower: hi, upper: xs.map { _ in yHigh }, label: nil, color: .gray, opacity: 0.14))
            el.append(LineSeries(x: xs, y: hi, label: "limit μν < \(fmt(b.upperBohr)) μB (\(b.label)): grey above excluded",
                                 color: k == 0 ? .gray : .black, width: 2, dash: dashes[k % dashes.count]))
        }
        for (k, b) in bands.filter({ !$0.isUpperLimit }).enumerated() {
            let (lo, hi) = series { r in r.muNu.first { $0.source == b.label } }
            el.append(BandSeries(x: xs, lower: lo, upper: hi, label: "μν ∈ [\(fmt(b.lowerBohr)), \(fmt(b.upperBohr))] μB (\(b.label))",
                                 color: [Color.blue, .bluishGreen, .skyBlue][k % 3], opacity: 0.4))
        }
        let g2Colors: [Color] = [.vermillion, .reddishPurple, .orange]
        for (k, m) in measurements.enumerated() {
            let (lo, hi) = series { r in r.g2.first { $0.source == m.id } }
            let c = g2Colors[k % g2Colors.count]
            let what = m.deltaAMu1e11.map { "g−2: Δa_μ = \(fmt($0))(\(fmt(m.sigma1e11 ?? 0)))×10⁻¹¹ ± 2σ [\(m.id)]" } ?? m.id
            el.append(BandSeries(x: xs, lower: lo, upper: hi, label: nil, color: c, opacity: 0.12))
            el.append(LineSeries(x: xs, y: hi, label: what, color: c, width: 2, dash: .dashed))
            if lo.contains(where: { $0 > yLow }) { el.append(LineSeries(x: xs, y: lo, label: nil, color: c, width: 2, dash: .dashed)) }
        }
        for b in bands where !b.isUpperLimit {
            for m in measurements {
                let tag = "\(b.label) & \(m.id)"
                let (lo, hi) = series { r in r.joint.first { $0.source == tag } }
                guard hi.contains(where: { !$0.isNaN }) else { continue }
                el.append(BandSeries(x: xs, lower: lo, upper: hi, label: "μν band and g−2 both hold: \(tag)", color: .black, opacity: 0.1, outlineWidth: 1.5))
            }
        }
        el.append(HorizontalLine(y: 4 * Double.pi, label: "|f f′| = 4π", color: .gray))
        func g(_ x: Double) -> String { String(format: "%g", x) }
        let title = "SU(2)_H: μν (charged scalars) vs g−2 (neutral H0); m_H⁺ = \(g(link.heavyChargedGeV)) GeV, sin 2α = \(g(link.sin2Alpha)), Δ = \(g(link.chargedSplittingGeV)) GeV, κ = \(g(link.kappa))"
        return Figure(width: 900, height: 640, fontSize: 12, panels: [Panel(
            x: Axis("m_H0 [GeV]  (neutral scalar; charged partner m_h⁺ = m_H0 + Δ)", scale: .log10, lower: xs.min(), upper: xs.max()),
            y: Axis("|f f′|", scale: .log10, lower: yLow, upper: yHigh),
            title: title, legend: Legend(.topLeft, fontSize: 10.5), elements: el)])
    }
}
