import Formats
import Foundation

/// SU(2)_H joint view (`nmmfit model joint`): over a grid of m_H0, the |f f′| ranges that put
/// |μ_eμ| in each band and Δa_μ within 2σ of each measurement, their overlaps as verdicts, and
/// optionally the joint χ² region of a profile likelihood and g−2 (``HorizontalJointChi2``).
public struct JointResult: Codable, Sendable {
    /// Where one band and one measurement both hold.
    public struct Summary: Codable, Sendable {
        public var band: String
        public var measurement: String
        /// [first, last] m_H0 (GeV) where both hold, nil when nowhere.
        public var jointMassRangeGeV: [Double]?
        /// Runs of consecutive grid masses where both hold, each [first, last] (GeV).
        public var segmentsGeV: [[Double]]
        public var verdict: String
        enum CodingKeys: String, CodingKey {
            case band, measurement, verdict
            case jointMassRangeGeV = "joint_m_H0_range_GeV", segmentsGeV = "joint_m_H0_segments_GeV"
        }
    }

    /// The naive neutrino mass of one band at one grid mass (``HorizontalMassSide``).
    public struct BandMass: Codable, Sendable {
        public var band: String
        /// m_ν (eV) at the band's lower and upper |μ_eμ| edges.
        public var naiveMassEVMin: Double
        public var naiveMassEVMax: Double
        enum CodingKeys: String, CodingKey { case band, naiveMassEVMin = "naive_m_nu_eV_min", naiveMassEVMax = "naive_m_nu_eV_max" }
    }

    /// The mass side at one grid mass: Λ = m_h⁺ and each band's naive m_ν.
    public struct MassSideRow: Codable, Sendable {
        public var neutralGeV: Double
        public var scaleGeV: Double
        public var bands: [BandMass]
        enum CodingKeys: String, CodingKey { case neutralGeV = "m_H0_GeV", scaleGeV = "scale_GeV", bands }
    }

    /// The mass side of the conundrum over the grid (``HorizontalMassSide``).
    public struct MassSide: Codable, Sendable {
        public var relation = HorizontalMassSide.naiveRelation
        public var modelStatus = HorizontalMassSide.modelStatement
        public var katrinLimitEV = HorizontalMassSide.katrinLimitEV
        public var katrinSource = HorizontalMassSide.katrinSource
        /// The text the model's own m_ν needs and where it was looked for (nil in older files).
        public var modelMissing: MissingText? = .su2hNeutrinoMass
        public var rows: [MassSideRow]
        enum CodingKeys: String, CodingKey {
            case relation, rows, modelStatus = "model_m_nu_status", katrinLimitEV = "katrin_limit_eV", katrinSource = "katrin_source"
            case modelMissing = "model_m_nu_missing"
        }
        public init(rows: [MassSideRow]) { self.rows = rows }

        /// Each band's naive m_ν at every grid mass with m_h⁺ > 0.
        public static func compute(rows: [HorizontalJointRegion.Row], splittingGeV: Double, bands: [MuNuBand]) throws -> MassSide {
            MassSide(rows: try rows.compactMap { r in
                let lambda = r.neutralGeV + splittingGeV
                guard lambda > 0 else { return nil }
                return MassSideRow(neutralGeV: r.neutralGeV, scaleGeV: lambda, bands: try bands.map { b in
                    BandMass(band: b.label, naiveMassEVMin: try HorizontalMassSide(muNuMuB: b.lowerBohr, lightScalarGeV: lambda).naiveMassEV,
                             naiveMassEVMax: try HorizontalMassSide(muNuMuB: b.upperBohr, lightScalarGeV: lambda).naiveMassEV)
                })
            })
        }
    }

    /// The collider bound on h⁺ and the grid masses it excludes.
    public struct Collider: Codable, Sendable {
        public var bound: ChargedScalarCollisionBound
        /// Runs of grid m_H0 (GeV) where m_h⁺ = m_H0 + Δ is below the bound, each [first, last].
        public var excludedSegmentsGeV: [[Double]]
        public var notBuiltIn = "LHC scalar searches and tau -> mu gamma, tau -> e gamma, mu -> e gamma: the model's rates need the seed papers' couplings and formulas, not readable here (of arXiv:2007.04291 and arXiv:2104.03291 only abstracts and the latter's introduction are stored; no thesis, talk or repository quoting them was found)"
        /// Each constraint left out: its measured limit where one was read, and the missing
        /// model text (``UnappliedConstraint``; nil in older files).
        public var notApplied: [UnappliedConstraint]? = UnappliedConstraint.su2h
        enum CodingKeys: String, CodingKey {
            case bound, excludedSegmentsGeV = "excluded_m_H0_segments_GeV", notBuiltIn = "not_built_in", notApplied = "not_applied"
        }
        public init(bound: ChargedScalarCollisionBound, excludedSegmentsGeV: [[Double]]) {
            self.bound = bound
            self.excludedSegmentsGeV = excludedSegmentsGeV
        }
    }

    public var nmmfitOutput = OutputVersion.current
    public var model = "SU(2)_H (Babu, Jana, Lindner, JHEP 10 (2020) 040; Babu, Jana, Lindner, Vishnu P.K., arXiv:2104.03291)"
    public var link = "assumed: y_L = y_R, y_L y_R = kappa |f f'|; m_h+ = m_H0 + splitting (unverified against the paper)"
    /// The μν loop's 1/8π² prefactor is unverified: the |f f′| of the |μ_eμ| bands scale with it,
    /// the g−2 bands do not, so where they meet depends on it (nil in older files).
    public var prefactorMissing: MissingText? = .su2hMomentPrefactor
    public var g2Sigmas = HorizontalJointRegion.g2Sigmas
    public var heavyChargedGeV: Double
    public var sin2alpha: Double
    public var splittingGeV: Double
    public var kappa: Double
    public var pseudoscalarGeV: Double?
    public var loop: ChargedScalarLoop
    public var bands: [MuNuBand]
    public var measurements: [MuonAnomalyMeasurement]
    public var summary: [Summary]
    public var rows: [HorizontalJointRegion.Row]
    public var chi2Regions: [HorizontalJointChi2.Result]?
    /// The naive neutrino mass of each band over the grid, next to the model's statement.
    public var massSide: MassSide?
    /// LEP's charged-scalar bound on h⁺ over the grid.
    public var collider: Collider?
    /// Bell et al.'s naturalness bounds for each band over the grid (``Naturalness``).
    public var naturalness: Naturalness?
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output", model, link, sin2alpha, kappa, loop, bands, measurements, summary, rows
        case prefactorMissing = "prefactor_missing"
        case massSide = "mass_side", collider, naturalness
        case chi2Regions = "chi2_regions", pseudoscalarGeV = "m_A_GeV"
        case g2Sigmas = "g2_sigmas", heavyChargedGeV = "m_H_plus_GeV", splittingGeV = "splitting_GeV"
    }

    /// The profile likelihood of the first band's data and the file the first band came from
    /// (named when that band has no element sensitivity).
    public struct Profile {
        public var curve: ProfileLikelihoodCurve
        public var cl: Double
        public var firstBandFile: String?
        public init(curve: ProfileLikelihoodCurve, cl: Double, firstBandFile: String?) {
            self.curve = curve
            self.cl = cl
            self.firstBandFile = firstBandFile
        }
    }

    /// The joint view of `bands` and `measurements` under `link` on a log grid of `steps` m_H0
    /// values over `neutralGeV`, with the joint χ² regions when `profile` is given.
    public static func compute(link: HorizontalJointRegion, neutralGeV: ClosedRange<Double>, steps: Int, bands: [MuNuBand],
                               measurements ms: [MuonAnomalyMeasurement], profile: Profile?) throws -> JointResult {
        let rows = try link.rows(neutralGeV: neutralGeV, steps: steps, bands: bands, measurements: ms)
        let summary = bands.flatMap { b in ms.map { m in summarize(b, m, rows) } }
        var chi2: [HorizontalJointChi2.Result]?
        if let profile {
            guard let s = bands.first?.elementSensitivity else {
                throw InputError(file: profile.firstBandFile, field: "element.sensitivity", "missing: the joint χ² region needs the sensitivity of an element fit")
            }
            let joint = try HorizontalJointChi2(link: link, profile: profile.curve, sensitivity: s)
            chi2 = try ms.map { try joint.region(masses: rows.map(\.neutralGeV), measurement: $0, cl: profile.cl) }
        }
        var out = JointResult(heavyChargedGeV: link.heavyChargedGeV, sin2alpha: link.sin2Alpha, splittingGeV: link.chargedSplittingGeV,
                              kappa: link.kappa, pseudoscalarGeV: link.pseudoscalarGeV, loop: link.loop, bands: bands, measurements: ms,
                              summary: summary, rows: rows, chi2Regions: chi2)
        out.massSide = try MassSide.compute(rows: rows, splittingGeV: link.chargedSplittingGeV, bands: bands)
        out.naturalness = Naturalness.compute(rows: rows, splittingGeV: link.chargedSplittingGeV, bands: bands)
        let lep = ChargedScalarCollisionBound.lepChargedHiggs
        out.collider = Collider(bound: lep, excludedSegmentsGeV: segments(rows) { lep.excludes(chargedMassGeV: $0.neutralGeV + link.chargedSplittingGeV) })
        return out
    }

    public init(heavyChargedGeV: Double, sin2alpha: Double, splittingGeV: Double, kappa: Double, pseudoscalarGeV: Double?,
                loop: ChargedScalarLoop, bands: [MuNuBand], measurements: [MuonAnomalyMeasurement], summary: [Summary],
                rows: [HorizontalJointRegion.Row], chi2Regions: [HorizontalJointChi2.Result]?) {
        self.heavyChargedGeV = heavyChargedGeV
        self.sin2alpha = sin2alpha
        self.splittingGeV = splittingGeV
        self.kappa = kappa
        self.pseudoscalarGeV = pseudoscalarGeV
        self.loop = loop
        self.bands = bands
        self.measurements = measurements
        self.summary = summary
        self.rows = rows
        self.chi2Regions = chi2Regions
    }

    static func summarize(_ b: MuNuBand, _ m: MuonAnomalyMeasurement, _ rows: [HorizontalJointRegion.Row]) -> Summary {
        let tag = "\(b.label) & \(m.id)"
        let segs = segments(rows) { r in r.joint.contains { $0.source == tag } }
        let range = segs.isEmpty ? nil : [segs.first![0], segs.last![1]]
        let verdict: String
        switch (b.isUpperLimit, segs.isEmpty) {
        case (false, true): verdict = "no m_H0 on the grid where both hold: the |μ_eμ| band and g−2 (2σ) do not meet"
        case (false, false): verdict = "both hold for m_H0 in \(describe(segs))"
        case (true, true): verdict = "the limit excludes the whole g−2 (2σ) band at every grid mass"
        case (true, false):
            let excluded = segments(rows) { r in r.g2.contains { $0.source == m.id } && !r.joint.contains { $0.source == tag } }
            verdict = "part of the g−2 (2σ) band survives the limit for m_H0 in \(describe(segs))"
                + (excluded.isEmpty ? "" : "; the limit excludes the whole band for m_H0 in \(describe(excluded))")
        }
        return Summary(band: b.label, measurement: m.id, jointMassRangeGeV: range, segmentsGeV: segs, verdict: verdict)
    }

    /// Runs of consecutive grid masses where `holds` is true, as [first, last] (GeV).
    static func segments(_ rows: [HorizontalJointRegion.Row], _ holds: (HorizontalJointRegion.Row) -> Bool) -> [[Double]] {
        var out = [[Double]](), start: Double?, last = 0.0
        for r in rows {
            if holds(r) { if start == nil { start = r.neutralGeV }; last = r.neutralGeV } else if let s = start { out.append([s, last]); start = nil }
        }
        if let s = start { out.append([s, last]) }
        return out
    }

    static func describe(_ segs: [[Double]]) -> String {
        segs.map { $0[0] == $0[1] ? "{\(TextFormat.g($0[0], 4))}" : "[\(TextFormat.g($0[0], 4)), \(TextFormat.g($0[1], 4))]" }.joined(separator: " ∪ ") + " GeV"
    }

    public var text: String {
        var s = "SU(2)_H joint view: m_H⁺ = \(TextFormat.g(heavyChargedGeV)) GeV, sin2α = \(TextFormat.g(sin2alpha)), m_h⁺ − m_H0 = \(TextFormat.g(splittingGeV)) GeV, κ = \(TextFormat.g(kappa)), \(loop.rawValue) loop\n"
        s += "bands on |μ_eμ|: " + bands.map { "\($0.label) [\(TextFormat.mu11($0.lowerBohr)), \(TextFormat.mu11($0.upperBohr))] × 10⁻¹¹ μB" }.joined(separator: "; ") + "\n"
        s += "link: \(link)\n"
        if prefactorMissing != nil {
            s += "prefactor: the 1/8π² of μ_eμ is unverified (\(MissingText.su2hMomentPrefactor.missing), in the body of arXiv:2007.04291); the |f f′| of the |μ_eμ| bands scale with it, those of g−2 do not\n"
        }
        var header = ["m_H0 [GeV]", "μν/|ff′| [μB]", "Δa_μ/|ff′|"]
        header += bands.map { "|ff′| μ_eμ: \($0.label)" }
        header += measurements.map { "|ff′| g−2 2σ: \($0.id)" }
        func range(_ r: HorizontalJointRegion.YukawaRange?) -> String {
            r.map { "\(TextFormat.g($0.ffprimeMin, 3))–\(TextFormat.g($0.ffprimeMax, 3))" } ?? "—"
        }
        s += TextFormat.table(header, rows.map { r in
            [TextFormat.g(r.neutralGeV, 4), TextFormat.g(r.muPerYukawaBohr, 4), TextFormat.g(r.deltaAMuPerYukawa, 4)]
                + bands.map { b in range(r.muNu.first { $0.source == b.label }) }
                + measurements.map { m in range(r.g2.first { $0.source == m.id }) }
        })
        s += "\n"
        for x in summary { s += "\(x.band) with g−2 '\(x.measurement)': \(x.verdict)\n" }
        if let c = collider {
            s += "collider: m_h⁺ < \(TextFormat.g(c.bound.lowerMassGeV)) GeV is excluded at \(TextFormat.g(c.bound.cl * 100)) % CL by LEP (EPJC 73 (2013) 2463, 2HDM Type II; its use for h⁺ is an assumption): "
            s += c.excludedSegmentsGeV.isEmpty ? "no grid mass affected\n" : "m_H0 in \(Self.describe(c.excludedSegmentsGeV)) on the grid\n"
            if let left = c.notApplied {
                s += "  not applied:\n"
                for u in left { s += "    \(u.shortLine)\n" }
                var seen: [MissingText] = []
                for m in left.map(\.missing) where !seen.contains(m) { seen.append(m) }
                for m in seen { s += "    missing for \(m.quantity): \(m.missing), in \(m.source)\n" }
            } else {
                s += "  not built in: \(c.notBuiltIn)\n"
            }
        }
        if let m = massSide, let first = m.rows.first, let last = m.rows.last {
            s += "mass side (naive m_ν ≈ Λ²|μ_eμ|/(2 m_e μB) with Λ = m_h⁺; KATRIN: m_ν < \(TextFormat.g(m.katrinLimitEV)) eV, 90 % CL):\n"
            for (k, b) in bands.enumerated() where k < first.bands.count {
                let a = first.bands[k], z = last.bands[k]
                s += "  \(b.label): m_ν ≈ \(TextFormat.g(a.naiveMassEVMin, 3))–\(TextFormat.g(a.naiveMassEVMax, 3)) eV at Λ = \(TextFormat.g(first.scaleGeV, 4)) GeV, "
                s += "\(TextFormat.g(z.naiveMassEVMin, 3))–\(TextFormat.g(z.naiveMassEVMax, 3)) eV at Λ = \(TextFormat.g(last.scaleGeV, 4)) GeV\n"
            }
            s += "  the SU(2)_H model's own m_ν: \(m.modelStatus)\n"
            if m.modelMissing != nil {
                s += "  (looked for in the papers' stored pages, LaTeX archives, GitHub, later papers, the horizontal-symmetry originals, talks and theses; JSON: mass_side.model_m_nu_missing.looked_in)\n"
            }
        }
        if let n = naturalness { s += n.text }
        for r in chi2Regions ?? [] {
            let inside = r.rows.filter { $0.ffprimeMin != nil }.map(\.neutralGeV)
            s += "joint χ² (\(bands.first?.label ?? "") profile + g−2 '\(r.measurement)'): χ²_min = \(TextFormat.g(r.chi2Min, 4)) at m_H0 = \(TextFormat.g(r.neutralGeVAtMin, 4)) GeV, |f f′| = \(TextFormat.g(r.ffprimeAtMin, 4)); "
            s += "\(TextFormat.g(r.cl * 100, 3))% CL region (Δχ² ≤ \(TextFormat.g(r.deltaChi2, 4)), 2 parameters): "
            s += inside.isEmpty ? "empty on the grid\n" : "m_H0 in [\(TextFormat.g(inside.first!, 4)), \(TextFormat.g(inside.last!, 4))] GeV\n"
            if r.neutralGeVAtMin == rows.first?.neutralGeV || r.neutralGeVAtMin == rows.last?.neutralGeV {
                s += "  (the minimum is at the edge of the m_H0 grid: widen the m_H0 range; a large χ²_min means the data's moment and g−2 pull the model apart)\n"
            }
        }
        return s
    }
}
