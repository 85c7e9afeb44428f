import ArgumentParser
import Detector
import Formats
import Foundation
import MomentModels
import Report

// MARK: - joint

extension ModelCommand {
    struct Joint: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SU(2)_H joint view: where μν lies in fitted intervals and Δa_μ agrees with g−2 at 2σ, over m_H0 and |f f′|.",
            discussion: """
            The model predicts one Majorana transition moment, |μ_eμ|, so its μν bands are fits \
            of that element: `nmmfit fit --moments data/models/su2h_e_mu_majorana.json --element \
            e-mu --json -o FILE` (--fit FILE, repeatable; a fit of the flavour-universal effective \
            moment is refused), or --mu-range LO,HI[,LABEL] (μB, taken as a band on |μ_eμ|); \
            LO = 0 is an upper limit, whose region above is excluded. At each neutral mass m_H0 \
            (log grid) both observables are linear in |f f′|: |μ_eμ| = K |f f′| \
            (Babu–Jana–Lindner moment with the exact loop, m_h⁺ = m_H0 + Δ, m_H⁺, sin2α) and \
            Δa_μ = G |f f′| (neutral-scalar loop with y_L = y_R, y_L y_R = κ|f f′|, an assumed \
            link, unverified against arXiv:2104.03291). The table gives the |f f′| range of every \
            band, every g−2 measurement (2σ; default WP2025, --g2 2021 for the value the paper \
            used) and their overlaps; --svg draws them.
            """)

        @Option(help: ArgumentHelp("A fit of the e-mu element (`nmmfit fit --moments data/models/su2h_e_mu_majorana.json --element e-mu --json -o FILE`) whose |μ_eμ| interval is a band (repeatable).", valueName: "file"))
        var fit: [String] = []
        @Option(help: ArgumentHelp("A μν band LO,HI[,LABEL] in μB, e.g. 1.4e-11,2.9e-11,XENON1T (LO = 0: upper limit; repeatable).", valueName: "lo,hi[,label]"))
        var muRange: [String] = []
        @Option(name: .customLong("m0-min"), help: "Smallest neutral-scalar mass m_H0 (GeV).")
        var m0Min: Double = 50
        @Option(name: .customLong("m0-max"), help: "Largest neutral-scalar mass m_H0 (GeV).")
        var m0Max: Double = 800
        @Option(help: "Grid points in m_H0 (log-spaced; a count).")
        var steps: Int = 40
        @Option(name: .customLong("mH"), help: "Heavier charged-scalar mass m_H⁺ (GeV), held fixed.")
        var mH: Double = 1000
        @Option(name: .customLong("sin2alpha"), help: "sin 2α of the charged-scalar mixing (dimensionless, non-zero).")
        var sin2alpha: Double = 1
        @Option(name: .customLong("splitting-gev"), help: "m_h⁺ − m_H0 (GeV); 0 = one degenerate doublet.")
        var splitting: Double = 0
        @Option(help: "κ in y_L y_R = κ |f f′| (dimensionless, > 0).")
        var kappa: Double = 1
        @Option(name: .customLong("pseudoscalar-gev"), help: "Mass m_A (GeV) of a CP-odd partner A of the neutral scalar (assumed complex φ⁰ = (H + iA)/√2: A's τ-enhanced g−2 part has the opposite sign); absent: H0 alone.")
        var pseudoscalarGev: Double?
        @Option(help: "Loop function of μν: the full one-loop F(m), or the paper's heavy-scalar form (ln(m²/m_τ²) − 1)/m² (refused where it is more than 1 % off).")
        var loop: ChargedScalarLoop = .exact
        @OptionGroup var g2: G2Options
        @Option(help: ArgumentHelp("The profile likelihood of the first --fit's data (`nmmfit scan --json -o FILE`, same datasets and options): adds the joint χ² region over (m_H0, |f f′|) at --cl.", valueName: "file"))
        var profile: String?
        @Option(help: "Confidence level of the joint χ² region (fraction, two parameters).")
        var cl: Double = 0.9
        @Option(help: "Write an SVG figure of the bands to this file.")
        var svg: String?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            guard !(fit.isEmpty && muRange.isEmpty) else { throw ValidationError("give at least one μν band: --fit FILE or --mu-range LO,HI") }
            for r in muRange { _ = try Self.parseRange(r) }
            try ModelCommand.positive(m0Min, "--m0-min")
            try ModelCommand.positive(m0Max, "--m0-max")
            guard m0Max >= m0Min else { throw ValidationError("--m0-max must be ≥ --m0-min") }
            guard steps >= 1, steps <= 500 else { throw ValidationError("--steps must be in 1…500, got \(steps)") }
            try ModelCommand.positive(mH, "--mH")
            guard sin2alpha.isFinite, abs(sin2alpha) <= 1, sin2alpha != 0 else { throw ValidationError("--sin2alpha must be in [-1, 1] and non-zero") }
            guard splitting.isFinite else { throw ValidationError("--splitting-gev must be finite (GeV)") }
            try ModelCommand.positive(kappa, "--kappa")
            if let a = pseudoscalarGev, !(a.isFinite && a > ModelMasses.muonGeV && a <= NeutralScalarLoop.maximumScalarMassGeV) {
                throw ValidationError("--pseudoscalar-gev must be a mass above m_μ and at most \(NeutralScalarLoop.maximumScalarMassGeV) GeV")
            }
            if profile != nil && fit.isEmpty { throw ValidationError("--profile needs a --fit element fit of the same data (for its sensitivity s)") }
            guard cl.isFinite, cl > 0, cl < 1 else { throw ValidationError("--cl must be in (0, 1), got \(cl)") }
        }

        /// "1.4e-11,2.9e-11,XENON1T" → band.
        static func parseRange(_ s: String) throws -> MuNuBand {
            let parts = s.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, let lo = Double(parts[0]), let hi = Double(parts[1]) else {
                throw ValidationError("--mu-range '\(s)': expected LO,HI[,LABEL] with numbers in μB")
            }
            try MomentRange.check(lo, "--mu-range LO")
            try MomentRange.check(hi, "--mu-range HI")
            do {
                return try MuNuBand(label: parts.count == 3 && !parts[2].isEmpty ? parts[2] : "[\(parts[0]), \(parts[1])] μB", lowerBohr: lo, upperBohr: hi)
            } catch let e as MomentError { throw ValidationError("--mu-range '\(s)': \(e)") }
        }

        struct Summary: Codable {
            var band: String
            var measurement: String
            var jointMassRangeGeV: [Double]?
            var segmentsGeV: [[Double]]
            var verdict: String
            enum CodingKeys: String, CodingKey {
                case band, measurement, verdict
                case jointMassRangeGeV = "joint_m_H0_range_GeV", segmentsGeV = "joint_m_H0_segments_GeV"
            }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var model = "SU(2)_H (Babu, Jana, Lindner, JHEP 10 (2020) 040; Babu, Jana, Lindner, Vishnu P.K., arXiv:2104.03291)"
            var link = "assumed: y_L = y_R, y_L y_R = kappa |f f'|; m_h+ = m_H0 + splitting (unverified against the paper)"
            var g2Sigmas = HorizontalJointRegion.g2Sigmas
            var heavyChargedGeV: Double
            var sin2alpha: Double
            var splittingGeV: Double
            var kappa: Double
            var pseudoscalarGeV: Double?
            var loop: ChargedScalarLoop
            var bands: [MuNuBand]
            var measurements: [MuonAnomalyMeasurement]
            var summary: [Summary]
            var rows: [HorizontalJointRegion.Row]
            var chi2Regions: [HorizontalJointChi2.Result]?
            enum CodingKeys: String, CodingKey {
                case nmmfitOutput = "nmmfit_output", model, link, sin2alpha, kappa, loop, bands, measurements, summary, rows
                case chi2Regions = "chi2_regions", pseudoscalarGeV = "m_A_GeV"
                case g2Sigmas = "g2_sigmas", heavyChargedGeV = "m_H_plus_GeV", splittingGeV = "splitting_GeV"
            }
        }

        func run() throws {
            try CLIErrors.run {
                let bands = try fit.map { try MuNuBand.load(modelElementFit: $0) } + muRange.map { try Self.parseRange($0) }
                let ms = try g2.measurements()
                var link = try HorizontalJointRegion(heavyChargedGeV: mH, sin2Alpha: sin2alpha, chargedSplittingGeV: splitting, kappa: kappa, loop: loop)
                link.pseudoscalarGeV = pseudoscalarGev
                if let a = pseudoscalarGev { output.note("note: assumption: complex neutral state H + iA with m_A = \(Format.g(a)) GeV, A's τ-enhanced g−2 part of opposite sign (unverified against arXiv:2104.03291)") }
                let rows = try link.rows(neutralGeV: m0Min...m0Max, steps: steps, bands: bands, measurements: ms)
                let summary = bands.flatMap { b in ms.map { m in Self.summarize(b, m, rows) } }
                var chi2: [HorizontalJointChi2.Result]?
                if let profile {
                    guard let s = bands.first?.elementSensitivity else {
                        throw InputError(file: fit.first, field: "element.sensitivity", "missing: --profile needs the sensitivity of an element fit")
                    }
                    let joint = try HorizontalJointChi2(link: link, profile: try ProfileLikelihoodCurve.load(scanResult: profile), sensitivity: s)
                    chi2 = try ms.map { try joint.region(masses: rows.map(\.neutralGeV), measurement: $0, cl: cl) }
                }
                var out = Output(heavyChargedGeV: mH, sin2alpha: sin2alpha, splittingGeV: splitting, kappa: kappa, pseudoscalarGeV: pseudoscalarGev, loop: loop, bands: bands,
                                 measurements: ms, summary: summary, rows: rows)
                out.chi2Regions = chi2
                output.note("note: the μν–g−2 link (y_L y_R = κ|f f′|, m_h⁺ = m_H0 + Δ) is an assumption, unverified against arXiv:2104.03291")
                if let n = G2Options.unavailableNote { output.note(n) }
                if let svg {
                    // dataset ids in the bands' labels shown by their experiment names, when the data folder is found
                    let names = (try? DataLocator.dataDirectory(explicit: nil)).map { DatasetDisplayNames.load(ids: DataLocator.available(in: $0), dataDirectory: $0) } ?? [:]
                    try FigureFiles.write(Figures.horizontalJoint(rows, bands: bands, measurements: ms, link: link, displayNames: names,
                                                                  chi2Regions: chi2 ?? []),
                                          to: svg, force: output.force)
                }
                try output.emit(out) { Self.table(out) }
            }
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
            segs.map { $0[0] == $0[1] ? "{\(Format.g($0[0], 4))}" : "[\(Format.g($0[0], 4)), \(Format.g($0[1], 4))]" }.joined(separator: " ∪ ") + " GeV"
        }

        static func table(_ o: Output) -> String {
            var s = "SU(2)_H joint view: m_H⁺ = \(Format.g(o.heavyChargedGeV)) GeV, sin2α = \(Format.g(o.sin2alpha)), m_h⁺ − m_H0 = \(Format.g(o.splittingGeV)) GeV, κ = \(Format.g(o.kappa)), \(o.loop.rawValue) loop\n"
            s += "bands on |μ_eμ|: " + o.bands.map { "\($0.label) [\(Format.mu11($0.lowerBohr)), \(Format.mu11($0.upperBohr))] × 10⁻¹¹ μB" }.joined(separator: "; ") + "\n"
            s += "link: \(o.link)\n"
            var header = ["m_H0 [GeV]", "μν/|ff′| [μB]", "Δa_μ/|ff′|"]
            header += o.bands.map { "|ff′| μ_eμ: \($0.label)" }
            header += o.measurements.map { "|ff′| g−2 2σ: \($0.id)" }
            func range(_ r: HorizontalJointRegion.YukawaRange?) -> String {
                r.map { "\(Format.g($0.ffprimeMin, 3))–\(Format.g($0.ffprimeMax, 3))" } ?? "—"
            }
            s += Format.table(header, o.rows.map { r in
                [Format.g(r.neutralGeV, 4), Format.g(r.muPerYukawaBohr, 4), Format.g(r.deltaAMuPerYukawa, 4)]
                    + o.bands.map { b in range(r.muNu.first { $0.source == b.label }) }
                    + o.measurements.map { m in range(r.g2.first { $0.source == m.id }) }
            })
            s += "\n"
            for x in o.summary { s += "\(x.band) with g−2 '\(x.measurement)': \(x.verdict)\n" }
            for r in o.chi2Regions ?? [] {
                let inside = r.rows.filter { $0.ffprimeMin != nil }.map(\.neutralGeV)
                s += "joint χ² (\(o.bands.first?.label ?? "") profile + g−2 '\(r.measurement)'): χ²_min = \(Format.g(r.chi2Min, 4)) at m_H0 = \(Format.g(r.neutralGeVAtMin, 4)) GeV, |f f′| = \(Format.g(r.ffprimeAtMin, 4)); "
                s += "\(Format.g(r.cl * 100, 3))% CL region (Δχ² ≤ \(Format.g(r.deltaChi2, 4)), 2 parameters): "
                s += inside.isEmpty ? "empty on the grid\n" : "m_H0 in [\(Format.g(inside.first!, 4)), \(Format.g(inside.last!, 4))] GeV\n"
                if r.neutralGeVAtMin == o.rows.first?.neutralGeV || r.neutralGeVAtMin == o.rows.last?.neutralGeV {
                    s += "  (the minimum is at the edge of the m_H0 grid: widen --m0-min/--m0-max; a large χ²_min means the data's moment and g−2 pull the model apart)\n"
                }
            }
            return s
        }
    }
}
