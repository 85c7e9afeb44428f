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

    var input: ModelInputs.G2Measurements { .init(ids: ids, deltaAMu1e11: deltaAmu, sigma1e11: deltaAmuSigma) }

    func validate() throws {
        try ModelCommand.check(input) {
            switch $0 {
            case .ids: "--g2"
            case .deltaAMu: "--delta-amu"
            case .sigma: "--delta-amu-sigma"
            }
        }
    }

    /// The selected measurements (today's value when none is named; `all` for every available one).
    func measurements() throws -> [MuonAnomalyMeasurement] { try input.measurements() }

    /// A note on the unavailable entries, for stderr.
    static var unavailableNote: String? {
        let u = MuonAnomalyMeasurement.all.filter { !$0.isAvailable }
        return u.isEmpty ? nil : u.map { "note: Δa_μ '\($0.id)' (\($0.label)) — \($0.source)" }.joined(separator: "\n")
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

        typealias Output = G2DataResult

        func run() throws {
            try CLIErrors.run {
                let out = G2DataResult()
                try output.emit(out) { out.text }
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

        var input: ModelInputs.G2Scalar { .init(massGeV: massGev, lepton: lepton, yLeft: yLeft, yRight: yRight) }

        func validate() throws {
            try ModelCommand.check(input) {
                switch $0 {
                case .mass: "--mass-gev"
                case .lepton: "--lepton"
                case .yLeft: "--y-left"
                case .yRight: "--y-right"
                }
            }
        }

        typealias Output = G2ScalarResult

        func run() throws {
            try CLIErrors.run {
                let out = try G2ScalarResult(massGeV: massGev, lepton: try input.leptonFlavour(), yLeft: yLeft, yRight: yRight,
                                             measurements: try g2.measurements())
                if let n = G2Options.unavailableNote { output.note(n) }
                try output.emit(out) { out.text }
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
        @Option(name: .customLong("ffprime"), help: "Yukawa product |f f′| (dimensionless); or give --f and --fprime.")
        var ffprime: Double?
        @Option(name: .customLong("f"), help: "The singlet's Yukawa f (dimensionless), with --fprime instead of --ffprime.")
        var f: Double?
        @Option(name: .customLong("fprime"), help: "The doublet's Yukawa f′ (dimensionless), with --f instead of --ffprime.")
        var fprime: Double?
        @Option(name: .customLong("neutral-coupling"), help: "How H0 couples μ̄τ (an assumption, printed): product (y_L = y_R, y_L y_R = κ|f f′|) or fprime-only (y_L = 0, y_R² = κ f′²; needs --f and --fprime).")
        var neutralCoupling: NeutralScalarCouplingAssumption = .product
        @OptionGroup var g2: G2Options
        @OptionGroup var output: OutputOptions

        var input: ModelInputs.G2Horizontal {
            .init(neutralGeV: mNeutral, heavyChargedGeV: mH, sin2alpha: sin2alpha, splittingGeV: splitting, kappa: kappa, pseudoscalarGeV: pseudoscalarGev,
                  ffprime: ffprime, f: f, fprime: fprime, coupling: neutralCoupling)
        }

        func validate() throws {
            try ModelCommand.check(input) {
                switch $0 {
                case .neutral: "--m-neutral-gev"
                case .heavy: "--mH"
                case .sin2alpha: "--sin2alpha"
                case .splitting: "--splitting-gev"
                case .kappa: "--kappa"
                case .pseudoscalar: "--pseudoscalar-gev"
                case .ffprime: "--ffprime"
                case .f: "--f"
                case .fprime: "--fprime"
                case .coupling: "--neutral-coupling"
                }
            }
        }

        typealias Output = G2HorizontalResult

        func run() throws {
            try CLIErrors.run {
                if let a = pseudoscalarGev { output.note("note: assumption: complex neutral state H + iA with m_A = \(Format.g(a)) GeV, A's τ-enhanced g−2 part of opposite sign (unverified against arXiv:2104.03291)") }
                let ms = try g2.measurements()
                let out = try input.result(measurements: ms)
                output.note("note: the μν–g−2 link (\(neutralCoupling.statement); m_h⁺ = m_H0 + Δ) is an assumption")
                if let n = G2Options.unavailableNote { output.note(n) }
                try output.emit(out) { out.text }
            }
        }
    }
}
