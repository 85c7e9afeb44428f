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

        /// This command's name of each input of the library's rules.
        static func option(_ f: ModelInputs.Joint.Field) -> String {
            switch f {
            case .fits: "--fit"
            case .muRanges: "--mu-range"
            case .muRangeLower: "--mu-range LO"
            case .muRangeUpper: "--mu-range HI"
            case .neutralMin: "--m0-min"
            case .neutralMax: "--m0-max"
            case .steps: "--steps"
            case .heavy: "--mH"
            case .sin2alpha: "--sin2alpha"
            case .splitting: "--splitting-gev"
            case .kappa: "--kappa"
            case .pseudoscalar: "--pseudoscalar-gev"
            case .profile: "--profile"
            case .cl: "--cl"
            }
        }

        /// The inputs of the library's rules (the --mu-range texts read as numbers).
        func input() throws -> ModelInputs.Joint {
            ModelInputs.Joint(fits: fit, muRanges: try muRange.map { try Self.parseNumbers($0) }, neutralMinGeV: m0Min, neutralMaxGeV: m0Max, steps: steps,
                              heavyChargedGeV: mH, sin2Alpha: sin2alpha, splittingGeV: splitting, kappa: kappa, pseudoscalarGeV: pseudoscalarGev,
                              profile: profile, cl: cl)
        }

        func validate() throws {
            try ModelCommand.check(try input(), Self.option)
        }

        /// "1.4e-11,2.9e-11,XENON1T" → (lower, upper) in μB.
        static func parseNumbers(_ s: String) throws -> (lowerBohr: Double, upperBohr: Double) {
            let parts = s.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count >= 2, let lo = Double(parts[0]), let hi = Double(parts[1]) else {
                throw ValidationError("--mu-range '\(s)': expected LO,HI[,LABEL] with numbers in μB")
            }
            return (lo, hi)
        }

        /// "1.4e-11,2.9e-11,XENON1T" → band (labelled by LABEL, else by the numbers as given).
        static func parseRange(_ s: String) throws -> MuNuBand {
            let (lo, hi) = try parseNumbers(s)
            try ModelCommand.usage { try ModelInputs.Joint.checkRange(lowerBohr: lo, upperBohr: hi, naming: option) }
            let parts = s.split(separator: ",", maxSplits: 2).map { $0.trimmingCharacters(in: .whitespaces) }
            return try MuNuBand(label: parts.count == 3 && !parts[2].isEmpty ? parts[2] : "[\(parts[0]), \(parts[1])] μB", lowerBohr: lo, upperBohr: hi)
        }

        typealias Summary = JointResult.Summary
        typealias Output = JointResult

        func run() throws {
            try CLIErrors.run {
                let bands = try fit.map { try MuNuBand.load(modelElementFit: $0) } + muRange.map { try Self.parseRange($0) }
                let ms = try g2.measurements()
                let link = try input().link(loop: loop)
                if let a = pseudoscalarGev { output.note("note: assumption: complex neutral state H + iA with m_A = \(Format.g(a)) GeV, A's τ-enhanced g−2 part of opposite sign (unverified against arXiv:2104.03291)") }
                let curve = try profile.map { JointResult.Profile(curve: try ProfileLikelihoodCurve.load(scanResult: $0), cl: cl, firstBandFile: fit.first) }
                let out = try JointResult.compute(link: link, neutralGeV: m0Min...m0Max, steps: steps, bands: bands, measurements: ms, profile: curve)
                output.note("note: the μν–g−2 link (y_L y_R = κ|f f′|, m_h⁺ = m_H0 + Δ) is an assumption, unverified against arXiv:2104.03291")
                output.note("note: the mass side is the naive estimate m_ν ≈ Λ²|μ|/(2 m_e μB) at Λ = m_h⁺; the SU(2)_H model's own m_ν is not evaluated (missing: its m_ν formula after SU(2)_H breaking and the breaking parameter, in the body of arXiv:2007.04291, of which only the abstract is readable here; JSON: mass_side.model_m_nu_missing)")
                if let n = G2Options.unavailableNote { output.note(n) }
                // the files read (--fit results, a --profile scan), for the JSON and the figure's data files
                var provenance = RunProvenance.thisRun()
                try provenance.digest(files: fit + [profile].compactMap { $0 })
                if let svg {
                    // dataset ids in the bands' labels shown by their experiment names, when the data folder is found
                    let names = (try? DataLocator.dataDirectory(explicit: nil)).map { DatasetDisplayNames.load(ids: DataLocator.available(in: $0), dataDirectory: $0) } ?? [:]
                    try FigureFiles.write(Figures.horizontalJoint(out.rows, bands: bands, measurements: ms, link: link, displayNames: names,
                                                                 chi2Regions: out.chi2Regions ?? [], massSide: out.massSide, collider: out.collider,
                                                                 naturalness: out.naturalness),
                                         to: svg, force: output.force, provenance: provenance)
                }
                try output.emit(out, provenance: provenance) { out.text }
            }
        }
    }
}
