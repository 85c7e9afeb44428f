import ArgumentParser
import Formats
import Foundation
import MomentModels
import Report

/// `nmmfit model …`: what a magnetic moment means for neutrino mass and for models, and what a
/// detector sees of a moment matrix (issue 8).
struct ModelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "model",
        abstract: "Model calculators: mass–moment relations, the SU(2)_H model and its g−2 link, transition moments, effective moments.",
        subcommands: [MassMoment.self, SMDirac.self, SMTransition.self, LRMixing.self, Horizontal.self, HorizontalRegion.self,
                      G2Data.self, G2Scalar.self, G2Horizontal.self, Joint.self, Effective.self, SolarFluxes.self])

    /// A calculator's input rules (``ModelInput``: written once in the library, shared with the
    /// C interface) with this command's option names: a usage error (exit 64) "OPTION message".
    static func check<I: ModelInput>(_ input: I, _ option: (I.Field) -> String) throws {
        try usage { try input.check(naming: option) }
    }

    /// A library input rule's ``InputError`` as a usage error naming the option.
    static func usage(_ body: () throws -> Void) throws {
        do { try body() } catch let e as InputError { let m = e.message(in: CLIErrors.wording); throw ValidationError(e.field.map { "\($0) \(m)" } ?? m) }
    }

    // The single rules, for options outside a calculator's input (``ModelInputLimits``).
    static func positive(_ x: Double?, _ name: String) throws { try usage { try ModelInputLimits.positive(x, name) } }
    static func nonNegative(_ x: Double?, _ name: String) throws { try usage { try ModelInputLimits.nonNegative(x, name) } }
    static func atMost(_ x: Double?, _ limit: Double, _ name: String, _ unit: String) throws {
        try usage { try ModelInputLimits.atMost(x, limit, name, unit) }
    }
    static let maxScaleGeV = ModelInputLimits.scaleGeV, maxNeutrinoMassEV = ModelInputLimits.neutrinoMassEV
    static let maxYukawa = ModelInputLimits.yukawa, maxRecoilKeV = ModelInputLimits.recoilKeV
}

// MARK: - mass-moment

extension ModelCommand {
    struct MassMoment: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "mass-moment",
            abstract: "Naive mass–moment relation m_ν ≈ Λ² μν / (2 m_e μB): give two of --mu, --scale-gev, --mass-ev.",
            discussion: """
            Bell et al., PRL 95 (2005) 151802 and PLB 642 (2006) 377: a moment made by new physics \
            at scale Λ makes a mass of this size when the photon is removed from the loop \
            (≈ (μν/10⁻¹⁸ μB)(Λ/TeV)² eV). Also prints the SM Dirac moment of that mass.
            """)

        @Option(help: "Magnetic moment μν (μB), e.g. 1e-11.")
        var mu: Double?
        @Option(help: "New-physics scale Λ (GeV).")
        var scaleGev: Double?
        @Option(help: "Neutrino mass m_ν (eV).")
        var massEv: Double?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.check(ModelInputs.MassMoment(muNuMuB: mu, scaleGeV: scaleGev, massEV: massEv)) {
                switch $0 {
                case .muNu: "--mu"
                case .scale: "--scale-gev"
                case .mass: "--mass-ev"
                }
            }
        }

        typealias Output = MassMomentResult

        func run() throws {
            try CLIErrors.run {
                let out = try MassMomentResult.solve(muNuMuB: mu, scaleGeV: scaleGev, massEV: massEv)
                try output.emit(out) { out.text }
            }
        }
    }
}

// MARK: - sm-dirac

extension ModelCommand {
    struct SMDirac: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sm-dirac",
            abstract: "Standard-Model Dirac moment μν = 3 e G_F m_ν / (8√2 π²) ≈ 3.20×10⁻¹⁹ μB (m_ν/eV).",
            discussion: "Fujikawa & Shrock, PRL 45 (1980) 963. Give --mass-ev, or --mu for the mass that would give it.")

        @Option(help: "Neutrino mass m_ν (eV).")
        var massEv: Double?
        @Option(help: "Invert: the mass (eV) whose SM moment is this μν (μB).")
        var mu: Double?
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.check(ModelInputs.SMDirac(massEV: massEv, muNuMuB: mu)) {
                switch $0 {
                case .mass: "--mass-ev"
                case .muNu: "--mu"
                }
            }
        }

        typealias Output = SMDiracResult

        func run() throws {
            try CLIErrors.run {
                let out = try SMDiracResult.solve(massEV: massEv, muNuMuB: mu)
                try output.emit(out) { out.text }
            }
        }
    }
}

// MARK: - horizontal

extension ModelCommand {
    struct Horizontal: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "SU(2)_H model (Babu, Jana, Lindner, JHEP 10 (2020) 040): the νe–νμ transition moment.",
            discussion: """
            μ = e (f f′/8π²) m_τ sin2α [F(m_h) − F(m_H)], in μB = e/(2 m_e): μ/μB = 2 m_e × (…) \
            with masses in GeV. --loop exact (default): F(m) = ∫₀¹ x dx/(x m_τ² + (1 − x) m²), the \
            one-loop function for any m > 0; --loop approximate: the paper's (ln(m²/m_τ²) − 1)/m², \
            accepted only where it is within 1 % of the exact one.
            """)

        @Option(name: .customLong("mh"), help: "Lighter charged-scalar mass m_h⁺ (GeV).")
        var mh: Double
        @Option(name: .customLong("mH"), help: "Heavier charged-scalar mass m_H⁺ (GeV).")
        var mH: Double
        @Option(name: .customLong("ffprime"), help: "Yukawa product f f′ (dimensionless).")
        var ffprime: Double = 1
        @Option(name: .customLong("sin2alpha"), help: "sin 2α of the charged-scalar mixing (dimensionless).")
        var sin2alpha: Double = 1
        @Option(help: "Also print the f f′ needed for this |μν| (μB).")
        var targetMu: Double?
        @Option(help: "Loop function of μν: the full one-loop F(m), or the paper's heavy-scalar form (ln(m²/m_τ²) − 1)/m² (refused where it is more than 1 % off).")
        var loop: ChargedScalarLoop = .exact
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.check(ModelInputs.Horizontal(lightScalarGeV: mh, heavyScalarGeV: mH, yukawaProduct: ffprime, sin2Alpha: sin2alpha, targetMuB: targetMu)) {
                switch $0 {
                case .light: "--mh"
                case .heavy: "--mH"
                case .yukawa: "--ffprime"
                case .sin2alpha: "--sin2alpha"
                case .targetMu: "--target-mu"
                }
            }
        }

        typealias Output = HorizontalMomentResult

        func run() throws {
            try CLIErrors.run {
                let out = try HorizontalMomentResult(lightScalarGeV: mh, heavyScalarGeV: mH, yukawaProduct: ffprime, sin2Alpha: sin2alpha,
                                                     loop: loop, targetMuB: targetMu)
                try output.emit(out) { out.text }
            }
        }
    }
}

// MARK: - horizontal-region

extension ModelCommand {
    struct HorizontalRegion: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "horizontal-region",
            abstract: "SU(2)_H: the |f f′| range that puts μν in [--mu-lo, --mu-hi] on a (m_h⁺, m_H⁺) grid.",
            discussion: """
            μ is linear in f f′, so at each grid point |f f′| ∈ [μ_lo/K, μ_hi/K] with K = |μ/μB per \
            unit f f′|. The grid is log-spaced, --steps points per mass. 'perturbative' marks \
            |f f′|_min ≤ 4π (|f|, |f′| ≤ √4π). --plot adds a text map of log10 |f f′|_min; --csv \
            prints CSV for plotting elsewhere.
            """)

        @Option(help: "Lower edge of the μν interval (μB), e.g. 1.4e-11 (0 for an upper limit).")
        var muLo: Double = 0
        @Option(help: "Upper edge of the μν interval (μB), e.g. 2.9e-11.")
        var muHi: Double
        @Option(name: .customLong("sin2alpha"), help: "sin 2α of the charged-scalar mixing (dimensionless).")
        var sin2alpha: Double = 1
        @Option(name: .customLong("mh-min"), help: "Smallest m_h⁺ (GeV).")
        var mhMin: Double = 100
        @Option(name: .customLong("mh-max"), help: "Largest m_h⁺ (GeV).")
        var mhMax: Double = 1000
        @Option(name: .customLong("mH-min"), help: "Smallest m_H⁺ (GeV).")
        var mHMin: Double = 200
        @Option(name: .customLong("mH-max"), help: "Largest m_H⁺ (GeV).")
        var mHMax: Double = 5000
        @Option(help: "Grid points per mass axis (log-spaced; a count).")
        var steps: Int = 8
        @Flag(help: "Print CSV instead of the table.")
        var csv = false
        @Flag(help: "Add a text map of log10 |f f′|_min over the grid.")
        var plot = false
        @Option(help: "Write an SVG plot of the allowed |f f′| bands versus m_H⁺ (one per m_h⁺) to this file.")
        var svg: String?
        @Option(help: "Loop function of μν: the full one-loop F(m), or the paper's heavy-scalar form (ln(m²/m_τ²) − 1)/m² (refused where it is more than 1 % off).")
        var loop: ChargedScalarLoop = .exact
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.check(ModelInputs.HorizontalRegion(muLowerBohr: muLo, muUpperBohr: muHi, sin2Alpha: sin2alpha, lightScalarGeV: (mhMin, mhMax),
                                                                heavyScalarGeV: (mHMin, mHMax), steps: steps)) {
                switch $0 {
                case .muLower: "--mu-lo"
                case .muUpper: "--mu-hi"
                case .sin2alpha: "--sin2alpha"
                case .lightMin: "--mh-min"
                case .lightMax: "--mh-max"
                case .heavyMin: "--mH-min"
                case .heavyMax: "--mH-max"
                case .steps: "--steps"
                }
            }
            if csv && output.json { throw ValidationError("--csv and --json exclude each other") }
        }

        typealias Output = HorizontalRegionResult

        func run() throws {
            try CLIErrors.run {
                let out = try HorizontalRegionResult.compute(muLoMuB: muLo, muHiMuB: muHi, sin2alpha: sin2alpha, lightScalarGeV: mhMin...mhMax,
                                                             heavyScalarGeV: mHMin...mHMax, steps: steps, loop: loop)
                if let svg {
                    try FigureFiles.write(Figures.horizontalRegion(out.rows, muLo: muLo, muHi: muHi, sin2Alpha: sin2alpha),
                                         to: svg, force: output.force, provenance: .thisRun())
                }
                if csv {
                    if let o = output.output { try OutputFile.write(try output.encode(out), to: o, force: output.force) }
                    print(out.csv, terminator: "")
                    return
                }
                try output.emit(out) { out.text(map: plot) }
            }
        }
    }
}

// MARK: - effective

extension ModelCommand {
    struct Effective: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Effective μν of a moment matrix for pp, ⁷Be and pep neutrinos at the detector.",
            discussion: """
            --moments FILE is JSON: {"basis": "flavour"|"mass", "type": "majorana"|"dirac", \
            "real": [[…3×3…]], "imag": [[…]] (optional)}, elements in units of 1e-11 μB. Solar \
            neutrinos arrive as an incoherent mixture of mass states (adiabatic MSW-LMA): \
            μ_eff² = Σ_i P_i (λ†λ)_ii; the flavour-content form Σ_α P_eα (λ†λ)_αα is shown too. \
            Averages are over each source's spectrum, weighted by the magnetic rate at --recoil-kev \
            (default: the T → 0 limit, a flux average). With --element and --mu-hi, the fitted \
            universal μν interval is turned into an interval on that element over --emin…--emax.
            """)

        @Option(help: "Moment-matrix JSON file.")
        var moments: String
        @Option(help: "Mixing matrix: the solar angles of the recoil spectrum's Pee, or NuFIT 5.1.")
        var pmns: PMNSChoice = .standard
        @Option(help: "Recoil energy T (keV) for the rate weighting (default: flux average, T → 0).")
        var recoilKev: Double?
        @Option(help: "Element to constrain, e.g. e-mu, e-tau, mu-tau (flavour) or 1-2 (mass).")
        var element: String?
        @Option(name: .customLong("mu-lo"), help: "With --element: lower edge of the fitted universal μν interval (μB; 0 when not given).")
        var muLoOption: Double?
        @Option(help: "Upper edge (or upper limit) of the fitted universal μν interval (μB), e.g. 6.3e-12.")
        var muHi: Double?
        @Option(name: .customLong("emin"), help: "With --element: recoil window lower edge (keV; 1 when not given).")
        var eminOption: Double?
        @Option(name: .customLong("emax"), help: "With --element: recoil window upper edge (keV; 30 when not given).")
        var emaxOption: Double?
        var muLo: Double { muLoOption ?? ModelInputs.Effective.defaultMuLowerBohr }
        var emin: Double { eminOption ?? ModelInputs.Effective.defaultWindowKeV.min }
        var emax: Double { emaxOption ?? ModelInputs.Effective.defaultWindowKeV.max }
        var input: ModelInputs.Effective {
            .init(recoilKeV: recoilKev, element: element, muLowerBohr: muLoOption, muUpperBohr: muHi, eminKeV: eminOption, emaxKeV: emaxOption)
        }
        @OptionGroup var physics: PhysicsOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.check(input) {
                switch $0 {
                case .recoil: "--recoil-kev"
                case .element: "--element"
                case .muLower: "--mu-lo"
                case .muUpper: "--mu-hi"
                case .emin: "--emin"
                case .emax: "--emax"
                }
            }
            try OptionApplicability.check([
                .init(option: "--mu-lo", given: muLoOption != nil, acts: element != nil, when: "with --element and --mu-hi"),
                .init(option: "--emin", given: eminOption != nil, acts: element != nil, when: "with --element (the window of the element constraint)"),
                .init(option: "--emax", given: emaxOption != nil, acts: element != nil, when: "with --element (the window of the element constraint)"),
            ])
        }

        /// The matrix element named by --element (a usage error when it is not one).
        static func parseElement(_ s: String) throws -> (MomentBasis, Int, Int) {
            var e: MatrixElement?
            try ModelCommand.usage { e = try ModelInputs.Effective.parseElement(s, field: "--element") }
            return (e!.basis, e!.row, e!.column)
        }

        typealias SourceRow = EffectiveMomentResult.SourceRow
        typealias Output = EffectiveMomentResult

        func run() throws {
            try CLIErrors.run {
                let request = try input.elementRequest()
                let out = try EffectiveMomentResult.compute(matrix: try MomentMatrixFile.load(path: moments), momentsFile: moments, pmns: pmns.mixing,
                                                            recoilKeV: recoilKev, recoil: try physics.recoilModel(), element: request)
                if let spread = out.windowRelativeSpread, spread > 0.02 {
                    output.note("note: μ_eff² varies by \(Format.f(100 * spread, 1)) % across \(Format.g(emin))–\(Format.g(emax)) keV; the constraint uses its rate-weighted mean")
                }
                var provenance = RunProvenance.thisRun()
                try provenance.digest(files: [moments])
                try output.emit(out, provenance: provenance) { out.text }
            }
        }

    }
}

extension ChargedScalarLoop: ExpressibleByArgument {}
extension NeutralScalarCouplingAssumption: ExpressibleByArgument {}
