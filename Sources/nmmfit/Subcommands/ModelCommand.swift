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

    /// CLIErrors.run, plus the moment calculators' own errors (exit code 2).
    static func positive(_ x: Double?, _ name: String) throws {
        if let x, !(x.isFinite && x > 0) { throw ValidationError("\(name) must be a positive finite number, got \(x)") }
    }

    static func nonNegative(_ x: Double?, _ name: String) throws {
        if let x, !(x.isFinite && x >= 0) { throw ValidationError("\(name) must be ≥ 0 and finite, got \(x)") }
    }

    /// Upper ends of the model inputs (issue #17: beyond them squares overflow and the
    /// results are NaN): masses and scales up to the Planck scale, μν up to 10⁻⁶ μB, ν masses
    /// up to 1 GeV, Yukawa products up to 10⁶, recoil energies up to 10 MeV.
    static func atMost(_ x: Double?, _ limit: Double, _ name: String, _ unit: String) throws {
        if let x, x > limit { throw ValidationError("\(name) must be at most \(limit) \(unit), got \(x)") }
    }
    static let maxScaleGeV = 1.22e19, maxNeutrinoMassEV = 1e9, maxYukawa = 1e6, maxRecoilKeV = 1e4
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
            try MomentRange.check(mu, "--mu")
            try ModelCommand.positive(scaleGev, "--scale-gev")
            try ModelCommand.nonNegative(massEv, "--mass-ev")
            try ModelCommand.atMost(scaleGev, ModelCommand.maxScaleGeV, "--scale-gev", "GeV")
            try ModelCommand.atMost(massEv, ModelCommand.maxNeutrinoMassEV, "--mass-ev", "eV")
            let given = [mu, scaleGev, massEv].compactMap { $0 }.count
            guard given == 2 else { throw ValidationError("give exactly two of --mu, --scale-gev, --mass-ev (got \(given))") }
            if scaleGev == nil, mu == 0 { throw ValidationError("--mu must be > 0 to solve for the scale") }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var relation = "m_nu = Lambda^2 mu_nu / (2 m_e mu_B)  (Bell et al., PRL 95 (2005) 151802)"
            var muNuMuB: Double
            var scaleGeV: Double
            var massEV: Double
            var smDiracMomentMuB: Double
            enum CodingKeys: String, CodingKey {
                case relation, nmmfitOutput = "nmmfit_output"
                case muNuMuB = "mu_nu_muB", scaleGeV = "scale_GeV", massEV = "m_nu_eV", smDiracMomentMuB = "sm_dirac_moment_muB"
            }
        }

        func run() throws {
            try CLIErrors.run {
                var m = mu ?? 0, l = scaleGev ?? 0, mass = massEv ?? 0
                if massEv == nil { mass = try NaiveMassMomentRelation.massEV(muNuBohr: m, scaleGeV: l) }
                if mu == nil { m = try NaiveMassMomentRelation.momentBohr(massEV: mass, scaleGeV: l) }
                if scaleGev == nil { l = try NaiveMassMomentRelation.scaleGeV(muNuBohr: m, massEV: mass) }
                let out = Output(muNuMuB: m, scaleGeV: l, massEV: mass, smDiracMomentMuB: try StandardModelDiracMoment.momentBohr(massEV: mass))
                try output.emit(out) {
                    """
                    naive relation m_ν ≈ Λ² μν / (2 m_e μB)   (Bell et al., PRL 95 (2005) 151802)
                    μν  = \(Format.g(m, 4)) μB
                    Λ   = \(Format.g(l, 4)) GeV
                    m_ν = \(Format.g(mass, 4)) eV
                    (the SM Dirac moment of this mass would be \(Format.g(out.smDiracMomentMuB, 3)) μB)

                    """
                }
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
            try ModelCommand.nonNegative(massEv, "--mass-ev")
            try MomentRange.check(mu, "--mu")
            guard (massEv == nil) != (mu == nil) else { throw ValidationError("give exactly one of --mass-ev, --mu") }
            try ModelCommand.atMost(massEv, ModelCommand.maxNeutrinoMassEV, "--mass-ev", "eV")
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var formula = "mu_nu/mu_B = 3 G_F m_e m_nu / (4 sqrt(2) pi^2)  (Fujikawa & Shrock, PRL 45 (1980) 963)"
            var massEV: Double
            var muNuMuB: Double
            enum CodingKeys: String, CodingKey { case formula, nmmfitOutput = "nmmfit_output", massEV = "m_nu_eV", muNuMuB = "mu_nu_muB" }
        }

        func run() throws {
            try CLIErrors.run {
                let mass = try massEv ?? StandardModelDiracMoment.massEV(momentBohr: mu!)
                let m = try mu ?? StandardModelDiracMoment.momentBohr(massEV: mass)
                try output.emit(Output(massEV: mass, muNuMuB: m)) {
                    "SM Dirac moment: m_ν = \(Format.g(mass, 4)) eV  →  μν = \(Format.g(m, 4)) μB   (\(Format.g(StandardModelDiracMoment.bohrPerEV, 5)) μB per eV)\n"
                }
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
            try ModelCommand.positive(mh, "--mh")
            try ModelCommand.positive(mH, "--mH")
            guard mH > mh else {
                throw ValidationError("--mH (\(Format.g(mH)) GeV) must be above --mh (\(Format.g(mh)) GeV): m_h⁺ is the lighter charged scalar, m_H⁺ the heavier; swap the two")
            }
            guard ffprime.isFinite else { throw ValidationError("--ffprime must be finite") }
            guard sin2alpha.isFinite, abs(sin2alpha) <= 1 else { throw ValidationError("--sin2alpha must be in [-1, 1], got \(sin2alpha)") }
            try ModelCommand.positive(targetMu, "--target-mu")
            try ModelCommand.atMost(mh, ModelCommand.maxScaleGeV, "--mh", "GeV")
            try ModelCommand.atMost(mH, ModelCommand.maxScaleGeV, "--mH", "GeV")
            try ModelCommand.atMost(abs(ffprime), ModelCommand.maxYukawa, "|--ffprime|", "")
            try MomentRange.check(targetMu, "--target-mu")
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var model = "SU(2)_H, Babu-Jana-Lindner JHEP 10 (2020) 040"
            var verification = HorizontalSymmetryModel.prefactorVerification
            var mhPlusGeV: Double
            var mHPlusGeV: Double
            var ffprime: Double
            var sin2alpha: Double
            var loop: ChargedScalarLoop
            var loopLightPerGeV2: Double
            var loopHeavyPerGeV2: Double
            var approximateLoopErrorLight: Double
            var muOverEPerGeV: Double
            var muNuMuB: Double
            var targetMuMuB: Double?
            var ffprimeForTarget: Double?
            enum CodingKeys: String, CodingKey {
                case model, verification, ffprime, sin2alpha, loop, nmmfitOutput = "nmmfit_output"
                case approximateLoopErrorLight = "approximate_loop_relative_error_h"
                case mhPlusGeV = "m_h_plus_GeV", mHPlusGeV = "m_H_plus_GeV"
                case loopLightPerGeV2 = "loop_h_per_GeV2", loopHeavyPerGeV2 = "loop_H_per_GeV2"
                case muOverEPerGeV = "mu_over_e_per_GeV", muNuMuB = "mu_nu_muB"
                case targetMuMuB = "target_mu_muB", ffprimeForTarget = "ffprime_for_target"
            }
        }

        func run() throws {
            try CLIErrors.run {
                let m = try HorizontalSymmetryModel(lightScalarGeV: mh, heavyScalarGeV: mH, yukawaProduct: ffprime, sin2Alpha: sin2alpha, loop: loop)
                let need = try targetMu.map {
                    try HorizontalSymmetryModel.requiredYukawaProduct(muBohr: $0, lightScalarGeV: mh, heavyScalarGeV: mH, sin2Alpha: sin2alpha, loop: loop)
                }
                let out = Output(mhPlusGeV: mh, mHPlusGeV: mH, ffprime: ffprime, sin2alpha: sin2alpha, loop: loop,
                                 loopLightPerGeV2: HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: mh, loop: loop),
                                 loopHeavyPerGeV2: HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: mH, loop: loop),
                                 approximateLoopErrorLight: ChargedScalarLoop.approximationError(massGeV: mh),
                                 muOverEPerGeV: m.momentPerGeV, muNuMuB: m.momentBohr, targetMuMuB: targetMu, ffprimeForTarget: need)
                try output.emit(out) {
                    var s = "SU(2)_H transition moment (Babu, Jana, Lindner, JHEP 10 (2020) 040)\n(\(HorizontalSymmetryModel.prefactorVerification))\n"
                    s += "m_h⁺ = \(Format.g(mh)) GeV, m_H⁺ = \(Format.g(mH)) GeV, f f′ = \(Format.g(ffprime)), sin2α = \(Format.g(sin2alpha))\n"
                    s += "loop F(m) (\(loop.rawValue)): h⁺ \(Format.g(out.loopLightPerGeV2, 5)) GeV⁻², H⁺ \(Format.g(out.loopHeavyPerGeV2, 5)) GeV⁻²"
                    s += "   (the approximate (ln(m²/m_τ²) − 1)/m² is \(Format.g(100 * out.approximateLoopErrorLight, 2)) % off at m_h⁺)\n"
                    s += "μ/e  = \(Format.g(m.momentPerGeV, 5)) GeV⁻¹\n"
                    s += "μν   = \(Format.g(m.momentBohr, 5)) μB  (= \(Format.mu11(m.momentBohr)) × 10⁻¹¹ μB)\n"
                    if let t = targetMu, let need { s += "|μν| = \(Format.g(t, 4)) μB needs |f f′| = \(Format.g(need, 5))\n" }
                    return s
                }
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
            try MomentRange.check(muLo, "--mu-lo")
            try ModelCommand.positive(muHi, "--mu-hi")
            try MomentRange.check(muHi, "--mu-hi")
            guard muHi > muLo else { throw ValidationError("--mu-hi (\(muHi)) must be above --mu-lo (\(muLo))") }
            guard sin2alpha.isFinite, abs(sin2alpha) <= 1, sin2alpha != 0 else {
                throw ValidationError("--sin2alpha must be in [-1, 1] and non-zero, got \(sin2alpha)")
            }
            for (n, v) in [("--mh-min", mhMin), ("--mh-max", mhMax), ("--mH-min", mHMin), ("--mH-max", mHMax)] { try ModelCommand.positive(v, n) }
            for (n, v) in [("--mh-max", mhMax), ("--mH-max", mHMax)] { try ModelCommand.atMost(v, ModelCommand.maxScaleGeV, n, "GeV") }
            guard mhMax >= mhMin else { throw ValidationError("--mh-max must be ≥ --mh-min") }
            guard mHMax >= mHMin else { throw ValidationError("--mH-max must be ≥ --mH-min") }
            guard steps >= 1, steps <= 200 else { throw ValidationError("--steps must be in 1…200, got \(steps)") }
            if csv && output.json { throw ValidationError("--csv and --json exclude each other") }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var model = "SU(2)_H, Babu-Jana-Lindner JHEP 10 (2020) 040"
            var verification = HorizontalSymmetryModel.prefactorVerification
            var muLoMuB: Double
            var muHiMuB: Double
            var sin2alpha: Double
            var loop: ChargedScalarLoop
            var rows: [HorizontalSymmetryModel.RegionRow]
            enum CodingKeys: String, CodingKey { case model, verification, sin2alpha, loop, rows, nmmfitOutput = "nmmfit_output", muLoMuB = "mu_lo_muB", muHiMuB = "mu_hi_muB" }
        }

        func run() throws {
            try CLIErrors.run {
                let rows = try HorizontalSymmetryModel.region(muLowerBohr: muLo, muUpperBohr: muHi, sin2Alpha: sin2alpha,
                                                              lightScalarGeV: mhMin...mhMax, heavyScalarGeV: mHMin...mHMax, steps: steps, loop: loop)
                let out = Output(muLoMuB: muLo, muHiMuB: muHi, sin2alpha: sin2alpha, loop: loop, rows: rows)
                if let svg {
                    try FigureFiles.write(Figures.horizontalRegion(rows, muLo: muLo, muHi: muHi, sin2Alpha: sin2alpha),
                                          to: svg, force: output.force)
                }
                if csv {
                    var s = "# SU(2)_H region: |ffprime| with |mu_nu| in [\(muLo), \(muHi)] muB, sin2alpha = \(sin2alpha)\n"
                    s += "m_h_plus_GeV,m_H_plus_GeV,mu_per_ffprime_muB,ffprime_min,ffprime_max,perturbative\n"
                    for r in rows {
                        s += [Format.g(r.lightScalarGeV, 6), Format.g(r.heavyScalarGeV, 6), Format.g(r.muPerYukawaBohr, 6),
                              r.yukawaProductMin.map { Format.g($0, 6) } ?? "", r.yukawaProductMax.map { Format.g($0, 6) } ?? "",
                              r.perturbative ? "1" : "0"].joined(separator: ",") + "\n"
                    }
                    if let o = output.output { try OutputFile.write(try output.encode(out), to: o, force: output.force) }
                    print(s, terminator: "")
                    return
                }
                try output.emit(out) {
                    var s = "(\(HorizontalSymmetryModel.prefactorVerification))\n"
                    s += "SU(2)_H: |f f′| that gives |μν| in [\(Format.g(muLo, 3)), \(Format.g(muHi, 3))] μB at sin2α = \(Format.g(sin2alpha))\n"
                    s += Format.table(["m_h⁺ [GeV]", "m_H⁺ [GeV]", "μ per f f′ [μB]", "|f f′| min", "|f f′| max", "perturbative"], rows.map { r in
                        [Format.g(r.lightScalarGeV, 4), Format.g(r.heavyScalarGeV, 4), Format.g(r.muPerYukawaBohr, 4),
                         r.yukawaProductMin.map { Format.g($0, 4) } ?? "—", r.yukawaProductMax.map { Format.g($0, 4) } ?? "—",
                         r.perturbative ? "yes" : "no"]
                    })
                    if plot { s += "\n" + Self.map(rows, upper: muLo == 0) }
                    return s
                }
            }
        }

        /// A text heat map: rows m_H⁺ (largest on top), columns m_h⁺, cells log10 |f f′|_min
        /// (log10 |f f′|_max for an upper limit, `upper`); "·" no solution (m_h = m_H), "*"
        /// marks non-perturbative cells.
        static func map(_ rows: [HorizontalSymmetryModel.RegionRow], upper: Bool) -> String {
            let hs = Array(Set(rows.map(\.lightScalarGeV))).sorted()
            let Hs = Array(Set(rows.map(\.heavyScalarGeV))).sorted(by: >)
            var cell = [String: HorizontalSymmetryModel.RegionRow]()
            for r in rows { cell["\(r.lightScalarGeV)|\(r.heavyScalarGeV)"] = r }
            let header = ["m_H⁺ \\ m_h⁺"] + hs.map { Format.g($0, 4) }
            let body = Hs.map { H in
                [Format.g(H, 4)] + hs.map { h -> String in
                    guard let r = cell["\(h)|\(H)"], let ff = upper ? r.yukawaProductMax : r.yukawaProductMin else { return "·" }
                    return Format.f(log10(ff), 1) + (r.perturbative ? " " : "*")
                }
            }
            let what = upper ? "log10 |f f′|_max (largest |f f′| below the limit)" : "log10 |f f′|_min (smallest |f f′| reaching --mu-lo)"
            return "\(what); masses in GeV; · no solution (m_h = m_H), * non-perturbative |f f′| > 4π\n" + Format.table(header, body)
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
        var muLo: Double { muLoOption ?? 0 }
        var emin: Double { eminOption ?? 1 }
        var emax: Double { emaxOption ?? 30 }
        @OptionGroup var physics: PhysicsOptions
        @OptionGroup var output: OutputOptions

        func validate() throws {
            try ModelCommand.positive(recoilKev, "--recoil-kev")
            try MomentRange.check(muLo, "--mu-lo")
            try ModelCommand.positive(muHi, "--mu-hi")
            try MomentRange.check(muHi, "--mu-hi")
            if let h = muHi, h < muLo { throw ValidationError("--mu-hi (\(h)) must be ≥ --mu-lo (\(muLo))") }
            try ModelCommand.atMost(recoilKev, ModelCommand.maxRecoilKeV, "--recoil-kev", "keV")
            try ModelCommand.atMost(emax, ModelCommand.maxRecoilKeV, "--emax", "keV")
            if (element == nil) != (muHi == nil) { throw ValidationError("--element and --mu-hi go together") }
            try OptionApplicability.check([
                .init(option: "--mu-lo", given: muLoOption != nil, acts: element != nil, when: "with --element and --mu-hi"),
                .init(option: "--emin", given: eminOption != nil, acts: element != nil, when: "with --element (the window of the element constraint)"),
                .init(option: "--emax", given: emaxOption != nil, acts: element != nil, when: "with --element (the window of the element constraint)"),
            ])
            if let e = element { _ = try Self.parseElement(e) }
            try ModelCommand.positive(emin, "--emin")
            guard emax.isFinite, emax > emin else { throw ValidationError("--emax must be above --emin") }
        }

        /// The matrix element named by --element (a usage error when it is not one).
        static func parseElement(_ s: String) throws -> (MomentBasis, Int, Int) {
            do {
                let e = try MatrixElement(parsing: s)
                return (e.basis, e.row, e.column)
            } catch let e as MatrixElement.ParseError {
                throw ValidationError("--element \(e)")
            }
        }

        struct SourceRow: Codable {
            var source: String
            var pee: Double
            var pemu: Double
            var petau: Double
            var muEffSquaredMuB2: Double
            var muEffMuB: Double
            var muEffFlavourContentMuB: Double
            enum CodingKeys: String, CodingKey {
                case source, pee = "p_ee", pemu = "p_emu", petau = "p_etau"
                case muEffSquaredMuB2 = "mu_eff_squared_muB2", muEffMuB = "mu_eff_muB", muEffFlavourContentMuB = "mu_eff_flavour_content_muB"
            }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var momentsFile: String
            var basis: String
            var type: String
            var pmns: String
            var recoilKeV: Double?
            var weighting: String
            var sources: [SourceRow]
            var constraint: MomentElementConstraint?
            var windowMeanMuEffSquaredMuB2: Double?
            enum CodingKeys: String, CodingKey {
                case basis, type, pmns, weighting, sources, constraint, nmmfitOutput = "nmmfit_output"
                case momentsFile = "moments_file", recoilKeV = "recoil_keV", windowMeanMuEffSquaredMuB2 = "window_mean_mu_eff_squared_muB2"
            }
        }

        func run() throws {
            try CLIErrors.run {
                let matrix = try MomentMatrixFile.load(path: moments)
                let mixing = pmns.mixing
                let eff = EffectiveMoment(pmns: mixing)
                let rows = try eff.sourceAverages(matrix, recoilKeV: recoilKev, fermiFunction: physics.recoilModel().fermiFunction).map { a in
                    SourceRow(source: a.source.rawValue, pee: a.pee, pemu: a.pemu, petau: a.petau, muEffSquaredMuB2: a.muEffSquared,
                              muEffMuB: a.muEff, muEffFlavourContentMuB: a.muEffFlavourContent)
                }
                var constraint: MomentElementConstraint?
                var windowMean: Double?
                if let element, let muHi {
                    let (b, i, j) = try Self.parseElement(element)
                    let shape = matrix.converted(to: b, pmns: mixing)
                    let calc = try MomentRateCalculator(model: try physics.recoilModel(), effective: eff)
                    let w = try calc.windowAverage(matrix: shape, fromKeV: emin, toKeV: emax)
                    windowMean = w.mean
                    constraint = try MomentElementConstraint(element: (i, j), shape: shape, averagedSquared: w.mean, muIntervalBohr: muLo...muHi)
                    if (w.maximum - w.minimum) / w.mean > 0.02 {
                        output.note("note: μ_eff² varies by \(Format.f(100 * (w.maximum - w.minimum) / w.mean, 1)) % across \(Format.g(emin))–\(Format.g(emax)) keV; the constraint uses its rate-weighted mean")
                    }
                }
                let weighting = recoilKev.map { "magnetic rate at T = \($0) keV" } ?? "flux average (T -> 0 limit of the magnetic-rate weighting)"
                let out = Output(momentsFile: moments, basis: matrix.basis.rawValue, type: matrix.nature.rawValue, pmns: mixing.name,
                                 recoilKeV: recoilKev, weighting: weighting, sources: rows, constraint: constraint, windowMeanMuEffSquaredMuB2: windowMean)
                try output.emit(out) { Self.table(out) }
            }
        }

        static func table(_ o: Output) -> String {
            // three decimals in 10⁻¹¹ μB, or significant digits for moments far below that
            // (e.g. SM transition moments, ~10⁻²⁵ μB), which would otherwise print as 0.000
            func mu11(_ x: Double) -> String { x == 0 || abs(x) >= 1e-13 ? Format.mu11(x) : Format.g(x / 1e-11, 4) }
            var s = "moment matrix \(o.momentsFile): \(o.type), \(o.basis) basis; mixing \(o.pmns)\n"
            s += "weighting: \(o.weighting)\n"
            s += Format.table(["source", "⟨Pee⟩", "⟨Peμ⟩", "⟨Peτ⟩", "μ_eff [10⁻¹¹ μB]", "flavour-content [10⁻¹¹ μB]"], o.sources.map { r in
                [r.source, Format.f(r.pee, 4), Format.f(r.pemu, 4), Format.f(r.petau, 4), mu11(r.muEffMuB), mu11(r.muEffFlavourContentMuB)]
            })
            if let c = o.constraint {
                let name = c.elementName
                s += "\nconstraint on |\(name)| (\(c.basis.rawValue) basis, matrix shape of the file) from a universal μν in "
                s += "[\(Format.g(c.muLowerBohr, 3)), \(Format.g(c.muUpperBohr, 3))] μB:\n"
                s += "  sensitivity s = ⟨μ_eff²⟩ / |\(name)|² = \(Format.g(c.sensitivity, 4))   (rate-weighted over the recoil window)\n"
                s += "  \(Format.region("|\(name)|", lower: c.elementLowerBohr, upper: c.elementUpperBohr))\n"
            }
            return s
        }
    }
}

extension ChargedScalarLoop: ExpressibleByArgument {}
