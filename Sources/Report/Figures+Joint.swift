import Foundation
import Plot
import Recoil

extension Figures {
    /// The SU(2)_H joint view (``HorizontalJointRegion``): over the neutral-scalar mass m_H0
    /// (x, log) and |f f′| (y, log), the |f f′| band that puts μν in each measured interval,
    /// the region above each μν upper limit (excluded), the band where Δa_μ agrees with each
    /// g−2 measurement at 2σ, and their overlap (dark outline).
    public static func horizontalJoint(_ rows: [HorizontalJointRegion.Row], bands: [MuNuBand],
                                       measurements: [MuonAnomalyMeasurement], link: HorizontalJointRegion) -> Figure {
        let xs = rows.map(\.neutralGeV)
        let positives = rows.flatMap { r in (r.muNu + r.g2 + r.joint).flatMap { [$0.ffprimeMin, $0.ffprimeMax] } }.filter { $0 > 0 && $0.isFinite }
        let yLow = (positives.min() ?? 1e-4) / 3, yHigh = max((positives.max() ?? 1) * 3, 4 * Double.pi * 1.5)
        func series(_ pick: (HorizontalJointRegion.Row) -> HorizontalJointRegion.YukawaRange?) -> ([Double], [Double]) {
            (rows.map { pick($0).map { max($0.ffprimeMin, yLow) } ?? .nan }, rows.map { pick($0)?.ffprimeMax ?? .nan })
        }
        var el: [any PlotElement] = [HorizontalLine(y: 4 * Double.pi, label: "|f f′| = 4π", color: .gray)]
        for (k, b) in bands.enumerated() {
            let (lo, hi) = series { r in r.muNu.first { $0.source == b.label } }
            if b.isUpperLimit {
                el.append(BandSeries(x: xs, lower: hi, upper: xs.map { _ in yHigh }, label: "excluded: μν > \(fmt(b.upperBohr)) μB (\(b.label))",
                                     color: .gray, opacity: 0.18 + 0.1 * Double(k % 3), outlineWidth: 1.5))
            } else {
                el.append(BandSeries(x: xs, lower: lo, upper: hi, label: "μν ∈ [\(fmt(b.lowerBohr)), \(fmt(b.upperBohr))] μB (\(b.label))",
                                     color: Color.palette(k), opacity: 0.35))
            }
        }
        for (k, m) in measurements.enumerated() {
            let (lo, hi) = series { r in r.g2.first { $0.source == m.id } }
            let what = m.deltaAMu1e11.map { "Δa_μ = \(fmt($0))(\(fmt(m.sigma1e11 ?? 0)))×10⁻¹¹ ± 2σ [\(m.id)]" } ?? m.id
            el.append(BandSeries(x: xs, lower: lo, upper: hi, label: what, color: [Color.orange, .reddishPurple, .skyBlue][k % 3],
                                 opacity: 0.3, outlineWidth: 1))
        }
        for b in bands {
            for m in measurements {
                let tag = "\(b.label) & \(m.id)"
                let (lo, hi) = series { r in r.joint.first { $0.source == tag } }
                guard hi.contains(where: { !$0.isNaN }) else { continue }
                el.append(BandSeries(x: xs, lower: lo, upper: hi, label: "both: \(tag)", color: .black, opacity: 0.25, outlineWidth: 1.5))
            }
        }
        let title = "SU(2)_H: μν (charged scalars) and g−2 (neutral scalar H0); m_H⁺ = \(fmt(link.heavyChargedGeV)) GeV, sin 2α = \(fmt(link.sin2Alpha)), m_h⁺ − m_H0 = \(fmt(link.chargedSplittingGeV)) GeV, κ = \(fmt(link.kappa))"
        return Figure(width: 860, height: 600, panels: [Panel(
            x: Axis("m_H0 [GeV] (neutral scalar; m_h⁺ = m_H0 + Δ)", scale: .log10),
            y: Axis("|f f′|", scale: .log10, lower: yLow, upper: yHigh),
            title: title, legend: Legend(.bottomRight, fontSize: 11), elements: el)])
    }
}
