import ArgumentParser
import Formats
import Foundation
import MomentModels

/// Which measured Δa_μ values a g−2 command compares with (`--g2`, or a user value).
struct G2Options: ParsableArguments {
    @Option(name: .customLong("g2"), help: ArgumentHelp("Measured Δa_μ to compare with (repeatable): \(MuonAnomalyMeasurement.all.map(\.id).joined(separator: ", ")); or all; see `nmmfit model g2-data`. Default: \(MuonAnomalyMeasurement.defaultMeasurement.id) (WP2025 SM vs the E821 + E989 Run 1–6 average).", valueName: "id"))
    var ids: [String] = []
    @Option(help: "A user Δa_μ = a_μ(exp) − a_μ(SM), in units of 1e-11 (e.g. the final 2025 world average minus WP2025).")
    var deltaAmu: Double?
    @Option(help: "1σ error of --delta-amu, in units of 1e-11.")
    var deltaAmuSigma: Double?

    func validate() throws {
        for id in ids where id.lowercased() != "all" {
            guard let m = MuonAnomalyMeasurement.named(id) else {
                throw ValidationError("--g2 '\(id)' is not one of: \(MuonAnomalyMeasurement.all.map(\.id).joined(separator: ", ")), all")
            }
            guard m.isAvailable else { throw ValidationError("--g2 '\(id)': \(m.source)") }
        }
        guard (deltaAmu == nil) == (deltaAmuSigma == nil) else { throw ValidationError("--delta-amu and --delta-amu-sigma go together") }
        if let d = deltaAmu, !d.isFinite { throw ValidationError("--delta-amu must be finite (units of 1e-11)") }
        if let s = deltaAmuSigma, !(s.isFinite && s > 0) { throw ValidationError("--delta-amu-sigma must be > 0 (units of 1e-11)") }
    }

    /// The selected measurements (today's value when none is named; `all` for every available one).
    func measurements() throws -> [MuonAnomalyMeasurement] {
        var out = ids.isEmpty && deltaAmu == nil ? [MuonAnomalyMeasurement.defaultMeasurement]
            : ids.contains { $0.lowercased() == "all" } ? MuonAnomalyMeasurement.all.filter(\.isAvailable)
            : ids.compactMap(MuonAnomalyMeasurement.named)
        if let d = deltaAmu, let s = deltaAmuSigma { out.append(try .custom(deltaAMu1e11: d, sigma1e11: s)) }
        return out
    }

    /// A note on the unavailable entries, for stderr.
    static var unavailableNote: String? {
        let u = MuonAnomalyMeasurement.all.filter { !$0.isAvailable }
        return u.isEmpty ? nil : u.map { "note: Δa_μ '\($0.id)' (\($0.label)) — \($0.source)" }.joined(separator: "\n")
    }
}

/// One comparison of a predicted Δa_μ with a measurement.
struct G2Comparison: Codable {
    var id: String
    var label: String
    var deltaAMu1e11: Double
    var sigma1e11: Double
    var pullSigma: Double
    var within2Sigma: Bool
    var source: String
    enum CodingKeys: String, CodingKey {
        case id, label, source
        case deltaAMu1e11 = "delta_amu_1e-11", sigma1e11 = "sigma_1e-11", pullSigma = "pull_sigma", within2Sigma = "within_2_sigma"
    }

    static func make(predicted: Double, _ ms: [MuonAnomalyMeasurement]) -> [G2Comparison] {
        ms.compactMap { m in
            guard let d = m.deltaAMu1e11, let s = m.sigma1e11 else { return nil }
            let pull = (predicted / 1e-11 - d) / s
            return G2Comparison(id: m.id, label: m.label, deltaAMu1e11: d, sigma1e11: s, pullSigma: pull, within2Sigma: abs(pull) <= 2, source: m.source)
        }
    }

    static func table(_ cs: [G2Comparison]) -> String {
        Format.table(["measurement", "Δa_μ [1e-11]", "(prediction − Δa_μ)/σ", "within 2σ"], cs.map {
            ["\($0.id): \($0.label)", "\(Format.g($0.deltaAMu1e11, 4)) ± \(Format.g($0.sigma1e11, 3))", Format.f($0.pullSigma, 2), $0.within2Sigma ? "yes" : "no"]
        })
    }
}

// MARK: - g2-data

extension ModelCommand {
    struct G2Data: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "g2-data",
            abstract: "The measured Δa_μ = a_μ(exp) − a_μ(SM) values the g−2 commands can select, with sources.",
            discussion: "Values in units of 1e-11, each with the sentence it was read from (sources also in data/muon_g2/README.md). The default of the g−2 commands is marked.")
        @OptionGroup var output: OutputOptions

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var measurements: [MuonAnomalyMeasurement]
            enum CodingKeys: String, CodingKey { case nmmfitOutput = "nmmfit_output", measurements }
        }

        func run() throws {
            try CLIErrors.run {
                try output.emit(Output(measurements: MuonAnomalyMeasurement.all)) {
                    Format.table(["id", "Δa_μ [1e-11]", "σ [1e-11]", "comparison", "source"], MuonAnomalyMeasurement.all.map {
                        [$0.id + ($0.id == MuonAnomalyMeasurement.defaultMeasurement.id ? " (default)" : ""),
                         $0.deltaAMu1e11.map { Format.g($0, 4) } ?? "unavailable", $0.sigma1e11.map { Format.g($0, 3) } ?? "—", $0.label, $0.source]
                    }) + "\n" + MuonAnomalyMeasurement.all.map { "\($0.id): read from \"\($0.quote)\"" }.joined(separator: "\n") + "\n"
                }
            }
        }
    }
}

// MARK: - g2-scalar

extension ModelCommand {
    struct G2Scalar: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "g2-scalar",
            abstract: "One-loop Δa_μ of a neutral scalar coupling μ to a charged lepton ℓ (φ μ̄ (y_L P_L + y_R P_R) ℓ + h.c.).",
            discussion: """
            Exact Feynman-parameter integrals (Leveille, Nucl. Phys. B137 (1978) 63; see the doc \
            comment of NeutralScalarLoop) and their heavy-scalar limit y_L y_R m_μ m_ℓ \
            [ln(M²/m_ℓ²) − 3/2]/(8π²M²) + (y_L² + y_R²) m_μ²/(48π²M²), compared with measured Δa_μ.
            """)

        @Option(help: "Neutral scalar mass M (GeV), above m_μ.")
        var massGev: Double
        @Option(help: "Internal charged lepton: e, mu or tau (tau: the SU(2)_H loop).")
        var lepton: String = "tau"
        @Option(help: "Coupling y_L to μ̄ P_L ℓ (dimensionless).")
        var yLeft: Double
        @Option(help: "Coupling y_R to μ̄ P_R ℓ (dimensionless).")
        var yRight: Double
        @OptionGroup var g2: G2Options
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.positive(massGev, "--mass-gev")
            guard LeptonFlavour(name: lepton) != nil else { throw ValidationError("--lepton must be e, mu or tau, got '\(lepton)'") }
            guard yLeft.isFinite, yRight.isFinite else { throw ValidationError("--y-left and --y-right must be finite") }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var formula = "Leveille, Nucl. Phys. B137 (1978) 63: exact one-loop neutral-scalar integrals (NeutralScalarLoop)"
            var scalarMassGeV: Double
            var leptonMassGeV: Double
            var yLeft: Double
            var yRight: Double
            var deltaAMu: Double
            var chiralityFlipping: Double
            var chiralityConserving: Double
            var heavyLimitDeltaAMu: Double?
            var comparisons: [G2Comparison]
            enum CodingKeys: String, CodingKey {
                case nmmfitOutput = "nmmfit_output", formula, comparisons
                case scalarMassGeV = "scalar_mass_GeV", leptonMassGeV = "lepton_mass_GeV", yLeft = "y_left", yRight = "y_right"
                case deltaAMu = "delta_amu", chiralityFlipping = "delta_amu_chirality_flipping", chiralityConserving = "delta_amu_chirality_conserving"
                case heavyLimitDeltaAMu = "delta_amu_heavy_scalar_limit"
            }
        }

        func run() throws {
            try CLIErrors.run {
                let l = LeptonFlavour(name: lepton)!
                let loop = try NeutralScalarLoop(scalarMassGeV: massGev, fermionMassGeV: ModelMasses.chargedLeptonGeV(l),
                                                 leftCoupling: yLeft, rightCoupling: yRight)
                let p = try loop.parts()
                let out = Output(scalarMassGeV: massGev, leptonMassGeV: loop.fermionMassGeV, yLeft: yLeft, yRight: yRight, deltaAMu: p.total,
                                 chiralityFlipping: p.chiralityFlipping, chiralityConserving: p.chiralityConserving,
                                 heavyLimitDeltaAMu: loop.heavyScalarLimitIsValid ? loop.heavyScalarLimit.total : nil, comparisons: G2Comparison.make(predicted: p.total, try g2.measurements()))
                if let n = G2Options.unavailableNote { output.note(n) }
                try output.emit(out) {
                    var s = "neutral scalar M = \(Format.g(massGev)) GeV, internal \(l) (m = \(Format.g(loop.fermionMassGeV, 6)) GeV), y_L = \(Format.g(yLeft)), y_R = \(Format.g(yRight))\n"
                    s += "Δa_μ = \(Format.g(p.total / 1e-11, 5)) × 10⁻¹¹   (chirality flip \(Format.g(p.chiralityFlipping / 1e-11, 5)), conserving \(Format.g(p.chiralityConserving / 1e-11, 5)))\n"
                    if let h = out.heavyLimitDeltaAMu {
                        s += "heavy-scalar limit (M ≫ m_F ≫ m_μ): \(Format.g(h / 1e-11, 5)) × 10⁻¹¹  (\(Format.g(100 * (h / p.total - 1), 2)) % from the exact)\n"
                    } else {
                        s += "heavy-scalar limit: not shown (valid only for M ≥ \(Format.g(NeutralScalarLoop.limitRatio)) m_F and m_F ≥ \(Format.g(NeutralScalarLoop.limitRatio)) m_μ)\n"
                    }
                    return s + G2Comparison.table(out.comparisons) + "\n"
                }
            }
        }
    }
}

// MARK: - g2-horizontal

extension ModelCommand {
    struct G2Horizontal: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "g2-horizontal",
            abstract: "SU(2)_H: Δa_μ from the neutral scalar H0 and μν from its charged partner, for one set of masses and f f′.",
            discussion: """
            Link (an assumption; arXiv:2104.03291's equations could not be read): H0 couples μ̄τ \
            with y_L = y_R, y_L y_R = κ|f f′|; its charged partner is the lighter charged state, \
            m_h⁺ = m_H0 + Δ; μν is the Babu–Jana–Lindner moment with m_h⁺, m_H⁺, sin2α, f f′. \
            See `nmmfit model joint` for the region over m_H0 and f f′.
            """)

        @Option(name: .customLong("m-neutral-gev"), help: "Neutral scalar mass m_H0 (GeV).")
        var mNeutral: Double
        @Option(name: .customLong("mH"), help: "Heavier charged-scalar mass m_H⁺ (GeV).")
        var mH: Double
        @Option(name: .customLong("sin2alpha"), help: "sin 2α of the charged-scalar mixing (dimensionless).")
        var sin2alpha: Double = 1
        @Option(name: .customLong("splitting-gev"), help: "m_h⁺ − m_H0 (GeV); 0 = one degenerate doublet.")
        var splitting: Double = 0
        @Option(help: "κ in y_L y_R = κ |f f′| (dimensionless, > 0).")
        var kappa: Double = 1
        @Option(name: .customLong("pseudoscalar-gev"), help: "Mass m_A (GeV) of a CP-odd partner A of the neutral scalar (assumed complex φ⁰ = (H + iA)/√2: A's τ-enhanced g−2 part has the opposite sign); absent: H0 alone.")
        var pseudoscalarGev: Double?
        @Option(name: .customLong("ffprime"), help: "Yukawa product |f f′| (dimensionless).")
        var ffprime: Double
        @OptionGroup var g2: G2Options
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.positive(mNeutral, "--m-neutral-gev")
            try ModelCommand.positive(mH, "--mH")
            try ModelCommand.positive(kappa, "--kappa")
            if let a = pseudoscalarGev, !(a.isFinite && a > ModelMasses.muonGeV && a <= NeutralScalarLoop.maximumScalarMassGeV) {
                throw ValidationError("--pseudoscalar-gev must be a mass above m_μ and at most \(NeutralScalarLoop.maximumScalarMassGeV) GeV")
            }
            try ModelCommand.nonNegative(ffprime, "--ffprime")
            guard splitting.isFinite else { throw ValidationError("--splitting-gev must be finite") }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var model = "SU(2)_H (Babu, Jana, Lindner, JHEP 10 (2020) 040; Babu, Jana, Lindner, Vishnu P.K., arXiv:2104.03291)"
            var link = "assumed: y_L = y_R, y_L y_R = kappa |f f'|; m_h+ = m_H0 + splitting (unverified against the paper)"
            var neutralGeV: Double
            var lightChargedGeV: Double
            var heavyChargedGeV: Double
            var sin2alpha: Double
            var kappa: Double
            var pseudoscalarGeV: Double?
            var ffprime: Double
            var muNuMuB: Double
            var deltaAMu: Double
            var comparisons: [G2Comparison]
            enum CodingKeys: String, CodingKey {
                case nmmfitOutput = "nmmfit_output", model, link, sin2alpha, kappa, ffprime, comparisons
                case neutralGeV = "m_H0_GeV", lightChargedGeV = "m_h_plus_GeV", heavyChargedGeV = "m_H_plus_GeV"
                case muNuMuB = "mu_nu_muB", deltaAMu = "delta_amu", pseudoscalarGeV = "m_A_GeV"
            }
        }

        func run() throws {
            try CLIErrors.run {
                var link = try HorizontalJointRegion(heavyChargedGeV: mH, sin2Alpha: sin2alpha, chargedSplittingGeV: splitting, kappa: kappa)
                link.pseudoscalarGeV = pseudoscalarGev
                if let a = pseudoscalarGev { output.note("note: assumption: complex neutral state H + iA with m_A = \(Format.g(a)) GeV, A's τ-enhanced g−2 part of opposite sign (unverified against arXiv:2104.03291)") }
                _ = try HorizontalSymmetryModel(lightScalarGeV: mNeutral + splitting, heavyScalarGeV: mH, yukawaProduct: ffprime, sin2Alpha: sin2alpha)
                let mu = ffprime * link.muPerYukawaBohr(neutralGeV: mNeutral)
                let da = ffprime * (try link.deltaAMuPerYukawa(neutralGeV: mNeutral))
                let out = Output(neutralGeV: mNeutral, lightChargedGeV: mNeutral + splitting, heavyChargedGeV: mH, sin2alpha: sin2alpha, kappa: kappa, pseudoscalarGeV: pseudoscalarGev,
                                 ffprime: ffprime, muNuMuB: mu, deltaAMu: da, comparisons: G2Comparison.make(predicted: da, try g2.measurements()))
                output.note("note: the μν–g−2 link (y_L y_R = κ|f f′|, m_h⁺ = m_H0 + Δ) is an assumption, unverified against arXiv:2104.03291")
                if let n = G2Options.unavailableNote { output.note(n) }
                try output.emit(out) {
                    var s = "SU(2)_H: m_H0 = \(Format.g(mNeutral)) GeV, m_h⁺ = \(Format.g(mNeutral + splitting)) GeV, m_H⁺ = \(Format.g(mH)) GeV, sin2α = \(Format.g(sin2alpha)), κ = \(Format.g(kappa)), |f f′| = \(Format.g(ffprime, 4))\n"
                    s += "|μν|  = \(Format.g(mu, 4)) μB  (= \(Format.mu11(mu)) × 10⁻¹¹ μB)\n"
                    s += "Δa_μ  = \(Format.g(da / 1e-11, 4)) × 10⁻¹¹\n"
                    return s + G2Comparison.table(out.comparisons) + "\n"
                }
            }
        }
    }
}
