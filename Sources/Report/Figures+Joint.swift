import Foundation
import MomentModels
import Plot

extension Figures {
    /// The SU(2)_H joint view (``HorizontalJointRegion``): over the neutral-scalar mass m_H0
    /// (x, log) and |f f′| (y, log), the |f f′| band that puts μν in each measured interval
    /// (filled), each μν upper limit (a line; the region above the strongest one is shaded as
    /// excluded), the band where Δa_μ agrees with each g−2 measurement at 2σ (light fill, dashed
    /// edges), and the overlap of every μν interval with every g−2 band (black outline). Dataset
    /// ids in the bands' labels are shown by their display names (`displayNames`, as in
    /// ``ReportWriter``). Sized for a page-wide figure (``pageWidthInches``).
    public static func horizontalJoint(_ rows: [HorizontalJointRegion.Row], bands: [MuNuBand],
                                       measurements: [MuonAnomalyMeasurement], link: HorizontalJointRegion,
                                       displayNames: [String: String] = [:], chi2Regions: [HorizontalJointChi2.Result] = [],
                                       massSide: JointResult.MassSide? = nil, collider: JointResult.Collider? = nil,
                                       naturalness: JointResult.Naturalness? = nil) -> Figure {
        let xs = rows.map(\.neutralGeV)
        let positives = rows.flatMap { r in (r.muNu + r.g2 + r.joint).flatMap { [$0.ffprimeMin, $0.ffprimeMax] } }.filter { $0 > 0 && $0.isFinite }
        let yLow = (positives.min() ?? 1e-4) / 3, yHigh = max((positives.max() ?? 1) * 3, 4 * Double.pi * 1.5)
        func series(_ pick: (HorizontalJointRegion.Row) -> HorizontalJointRegion.YukawaRange?) -> ([Double], [Double]) {
            (rows.map { pick($0).map { max($0.ffprimeMin, yLow) } ?? .nan }, rows.map { pick($0)?.ffprimeMax ?? .nan })
        }
        func shown(_ label: String) -> String {
            displayNames.sorted { $0.key.count > $1.key.count }.reduce(label) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
        }
        var el: [any PlotElement] = []
        // limits: one line each; only the region above the strongest (lowest) one is shaded
        let limits = bands.filter(\.isUpperLimit)
        let limitLines = limits.map { b in series { r in r.muNu.first { $0.source == b.label } }.1 }
        if !limitLines.isEmpty {
            let strongest = xs.indices.map { i in limitLines.map { $0[i] }.filter { !$0.isNaN }.min() ?? .nan }
            el.append(BandSeries(x: xs, lower: strongest, upper: xs.map { _ in yHigh }, label: "excluded by the strongest |μ_eμ| limit",
                                 color: .gray, opacity: 0.16))
        }
        let dashes: [Dash] = [.solid, .dashDot, .dotted]
        for (k, b) in limits.enumerated() {
            el.append(LineSeries(x: xs, y: limitLines[k], label: "|μ_eμ| < \(muB(b.upperBohr)) (\(shown(b.label)))",
                                 color: .black, width: 1.6, dash: dashes[k % dashes.count]))
        }
        for (k, b) in bands.filter({ !$0.isUpperLimit }).enumerated() {
            let (lo, hi) = series { r in r.muNu.first { $0.source == b.label } }
            el.append(BandSeries(x: xs, lower: lo, upper: hi, label: "|μ_eμ| ∈ [\(TickFormat.scientific(b.lowerBohr, digits: 3)), \(muB(b.upperBohr))] (\(shown(b.label)))",
                                 color: [Color.blue, .bluishGreen, .skyBlue][k % 3], opacity: 0.45))
        }
        let g2Colors: [Color] = [.vermillion, .reddishPurple, .orange]
        for (k, m) in measurements.enumerated() {
            let (lo, hi) = series { r in r.g2.first { $0.source == m.id } }
            let c = g2Colors[k % g2Colors.count]
            let what = m.deltaAMu1e11.map { "g−2 within 2σ: Δa_μ = (\(fmt($0)) ± \(fmt(m.sigma1e11 ?? 0))) × 10⁻¹¹ [\(m.id)]" } ?? "g−2 [\(m.id)]"
            el.append(BandSeries(x: xs, lower: lo, upper: hi, label: what, color: c, opacity: 0.18))
            el.append(LineSeries(x: xs, y: hi, label: nil, color: c, width: 1.6, dash: .dashed))
            if lo.contains(where: { $0 > yLow }) { el.append(LineSeries(x: xs, y: lo, label: nil, color: c, width: 1.6, dash: .dashed)) }
        }
        var outlined = false
        for b in bands where !b.isUpperLimit {
            for m in measurements {
                let tag = "\(b.label) & \(m.id)"
                let (lo, hi) = series { r in r.joint.first { $0.source == tag } }
                guard hi.contains(where: { !$0.isNaN }) else { continue }
                el.append(BandSeries(x: xs, lower: lo, upper: hi, label: nil, color: .black, opacity: 0, outlineWidth: 1.8))
                if !outlined {  // the legend entry: a line swatch in the outline's style
                    el.append(LineSeries(x: [xs[0]], y: [Double.nan], label: "|μ_eμ| band and g−2 both hold (outlined)", color: .black, width: 1.8))
                }
                outlined = true
            }
        }
        for (k, r) in chi2Regions.enumerated() {  // the joint χ² regions: a dotted outline and the best point
            let lo = r.rows.map { $0.ffprimeMin.map { max($0, yLow) } ?? .nan }, hi = r.rows.map { $0.ffprimeMax ?? .nan }
            guard hi.contains(where: { !$0.isNaN }) else { continue }
            let c = g2Colors[(measurements.firstIndex { $0.id == r.measurement } ?? k) % g2Colors.count]
            el.append(LineSeries(x: xs, y: hi, label: "joint χ² region \(fmt(r.cl * 100)) % CL, 2 par. (\(shown(bands.first?.label ?? "data")) profile + g−2 [\(r.measurement)]; χ²_min = \(String(format: "%.1f", r.chi2Min)))",
                                 color: c, width: 2.2, dash: .dotted))
            el.append(LineSeries(x: xs, y: lo, label: nil, color: c, width: 2.2, dash: .dotted))
            el.append(PointSeries(x: [r.neutralGeVAtMin], y: [r.ffprimeAtMin], label: nil, color: c))
        }
        if let c = collider, !c.excludedSegmentsGeV.isEmpty, let x0 = xs.min() {  // LEP: m_h⁺ below the bound
            let edge = c.bound.lowerMassGeV - link.chargedSplittingGeV
            el.append(BandSeries(x: [x0, min(edge, xs.max() ?? edge)], lower: [yLow, yLow], upper: [yHigh, yHigh],
                                 label: "m_h⁺ < \(fmt(c.bound.lowerMassGeV)) GeV: LEP charged-Higgs bound, 95 % CL (2HDM II; assumed to apply)",
                                 color: .black, opacity: 0.10))
        }
        if let left = collider?.notApplied, !left.isEmpty, let x0 = xs.first {  // legend entries only: what is not drawn, and why
            func limit(_ u: UnappliedConstraint, _ shown: String) -> String? {
                left.contains(u) ? u.limitValue.map { "\(shown) < \(TickFormat.scientific($0, digits: 2))" } : nil
            }
            let meg = [limit(.muToEGamma, "μ → eγ")].compactMap { $0 }
            let belle = [limit(.tauToMuGamma, "τ → μγ"), limit(.tauToEGamma, "τ → eγ")].compactMap { $0 }
            var lines = ["not drawn, no readable SU(2)_H rate formula:" + (meg.isEmpty ? "" : " \(meg.joined(separator: ", ")) (MEG II),")]
            lines.append((belle.isEmpty ? "" : "\(belle.joined(separator: ", ")) (Belle), ") + "LHC searches for h⁺, H⁺, H, A")
            for l in lines { el.append(LineSeries(x: [x0], y: [Double.nan], label: l, color: .gray, width: 0)) }
            el.append(LineSeries(x: [x0], y: [Double.nan], label: "the |μ_eμ| bands' |f f′| scale with μν's unverified 1/8π² (arXiv:2007.04291's body is not readable here); g−2's do not",
                                 color: .gray, width: 0))
        }
        el.append(HorizontalLine(y: 4 * Double.pi, label: "|f f′| = 4π", color: .gray))
        func g(_ x: Double) -> String { String(format: "%g", x) }
        let title = "SU(2)_H: |μ_eμ| and muon g−2 (m_H⁺ = \(g(link.heavyChargedGeV)) GeV, sin 2α = \(g(link.sin2Alpha)), Δ = \(g(link.chargedSplittingGeV)) GeV, κ = \(g(link.kappa)))"
        let top = Panel(x: Axis("m_H0 [GeV]  (neutral scalar; charged partner m_h⁺ = m_H0 + Δ)", scale: .log10, lower: xs.min(), upper: xs.max()),
                        y: Axis("|f f′|", scale: .log10, lower: yLow, upper: yHigh),
                        title: title, legend: Legend(.auto, fontSize: legendFontSize), elements: el)
        guard let massSide, !massSide.rows.isEmpty else {
            return Figure(width: 760, height: 560, fontSize: fontSize, printWidthInches: pageWidthInches, panels: [top])
        }
        // the mass side: each band's naive m_ν ≈ Λ²|μ_eμ|/(2 m_e μB) at Λ = m_h⁺, against KATRIN's limit
        let mx = massSide.rows.map(\.neutralGeV)
        var mel: [any PlotElement] = []
        for (k, b) in bands.enumerated() {
            let lo = massSide.rows.map { k < $0.bands.count ? $0.bands[k].naiveMassEVMin : .nan }
            let hi = massSide.rows.map { k < $0.bands.count ? $0.bands[k].naiveMassEVMax : .nan }
            if b.isUpperLimit {
                mel.append(LineSeries(x: mx, y: hi, label: "naive m_ν of |μ_eμ| < \(muB(b.upperBohr)) (\(shown(b.label)))", color: .black, width: 1.6,
                                      dash: dashes[(limits.firstIndex { $0.label == b.label } ?? k) % dashes.count]))
            } else {
                mel.append(BandSeries(x: mx, lower: lo, upper: hi, label: "naive m_ν ≈ Λ²|μ_eμ|/(2m_eμ_B), Λ = m_h⁺ (\(shown(b.label)))",
                                      color: [Color.blue, .bluishGreen, .skyBlue][k % 3], opacity: 0.45))
            }
        }
        mel.append(HorizontalLine(y: massSide.katrinLimitEV, label: "KATRIN m_ν < \(fmt(massSide.katrinLimitEV)) eV (90 % CL)",
                                  color: .vermillion, dash: .dashed, width: 1.6))
        if massSide.modelMissing != nil {  // a legend entry only: the model's own m_ν is not drawn
            for l in ["SU(2)_H's own m_ν not drawn (0 in the symmetric limit): its formula after SU(2)_H",
                      "breaking, in the body of arXiv:2007.04291, is not readable here (only the abstract is)"] {
                mel.append(LineSeries(x: [mx[0]], y: [Double.nan], label: l, color: .gray, width: 0))
            }
        }
        if let naturalness {  // Bell et al.'s bounds: legend entries only (they bound μ, not the plotted m_ν)
            let ratios = naturalness.bands.filter { $0.diracOverBoundMin > 0 }.map(\.diracOverBoundMin)
            if let r = ratios.min() {
                mel.append(LineSeries(x: [mx[0]], y: [Double.nan], label: "as Dirac moments the bands are ≥ \(TickFormat.scientific(r, digits: 2)) × Bell et al.'s bound μν ≲ 10⁻¹⁵ μB (PRL 95 (2005) 151802)",
                                      color: .gray, width: 0))
            }
            let free = naturalness.bands.filter { !$0.majoranaNotConstrainingSegmentsGeV.isEmpty }.map { shown($0.band) }
            if !free.isEmpty {
                let which = free.count == naturalness.bands.count ? "the bands" : free.joined(separator: ", ")
                mel.append(LineSeries(x: [mx[0]], y: [Double.nan], label: "as Majorana moments (SU(2)_H) Bell et al.'s bound spares \(which) for m_W ≤ m_h⁺ < 10 TeV (PLB 642 (2006) 377)",
                                      color: .gray, width: 0))
            }
        }
        let masses = massSide.rows.flatMap { $0.bands.flatMap { [$0.naiveMassEVMin, $0.naiveMassEVMax] } }.filter { $0 > 0 && $0.isFinite }
        let mLow = min(massSide.katrinLimitEV / 10, (masses.min() ?? 1) / 3), mHigh = max(massSide.katrinLimitEV * 10, (masses.max() ?? 1) * 3)
        let bottom = Panel(x: Axis("m_H0 [GeV]  (neutral scalar; charged partner m_h⁺ = m_H0 + Δ)", scale: .log10, lower: xs.min(), upper: xs.max()),
                           y: Axis("naive m_ν [eV]", scale: .log10, lower: mLow, upper: mHigh), relativeHeight: 0.45,
                           legend: Legend(.auto, fontSize: legendFontSize), elements: mel)
        return Figure(width: 760, height: 820, fontSize: fontSize, printWidthInches: pageWidthInches, panels: [top, bottom])
    }
}
