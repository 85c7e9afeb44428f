import ArgumentParser
import Formats
import Foundation
import MomentModels

// MARK: - sm-transition

extension ModelCommand {
    struct SMTransition: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sm-transition",
            abstract: "SM Dirac moments: transition μ_ij = −(3eG_F/32√2π²)(m_i ± m_j) Σ_ℓ U*_ℓi U_ℓj m_ℓ²/m_W² and diagonal μ_ii.",
            discussion: """
            Pal & Wolfenstein, PRD 25 (1982) 766; Shrock, Nucl. Phys. B206 (1982) 359 (reviewed in \
            Giunti & Studenikin, RMP 87 (2015) 531; the review's equation number could not be read \
            here). "+" magnetic, "−" electric. The diagonal is the Dirac moment of Fujikawa & \
            Shrock, PRL 45 (1980) 963, μ_ii = (3eG_F m_i/8√2π²)(1 − ½ Σ_ℓ |U_ℓi|² m_ℓ²/m_W²) \
            ≈ 3.2×10⁻¹⁹ μB (m_i/eV). --write-moments writes the whole magnetic matrix, diagonal \
            included (mass basis, Dirac, units 1e-11 μB), for `nmmfit model effective --moments`.
            """)

        @Option(help: ArgumentHelp("Neutrino masses m1,m2,m3 (eV), e.g. 0,0.0086,0.0502.", valueName: "m1,m2,m3"))
        var massesEv: String
        @Option(help: "Mixing matrix: the solar angles of the recoil spectrum's Pee, or NuFIT 5.1.")
        var pmns: PMNSChoice = .standard
        @Option(help: "Write the magnetic transition-moment matrix as a moment-matrix JSON file (units 1e-11 μB).")
        var writeMoments: String?
        @OptionGroup var output: OutputOptions

        /// The masses as given (numbers separated by commas); their rule is the library's.
        func masses() throws -> [Double] {
            let v = massesEv.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.allSatisfy({ $0 != nil }) else {
                throw ValidationError("--masses-ev '\(massesEv)': expected three numbers ≥ 0 (eV) separated by commas")
            }
            let m = v.map { $0! }
            try ModelCommand.check(ModelInputs.SMTransition(massesEV: m)) { _ in "--masses-ev" }
            return m
        }

        func validate() throws {
            _ = try masses()
        }

        typealias Element = SMTransitionResult.Element
        typealias Output = SMTransitionResult

        func run() throws {
            try CLIErrors.run {
                try OutputTargets.check(files: [output.output, writeMoments], force: output.force)
                let m = try masses(), mix = pmns.mixing
                let out = try SMTransitionResult(massesEV: m, pmns: mix)
                if let path = writeMoments {
                    let mat = try StandardModelTransitionMoment.matrix(massesEV: m, pmns: mix)
                    let comment = "SM Dirac magnetic transition moments (nmmfit model sm-transition), masses \(m) eV, \(mix.name), units 1e-11 muB"
                    try OutputFile.write(try MomentMatrixFile.data(mat, basis: .mass, nature: .dirac, comment: comment), to: path, force: output.force)
                }
                try output.emit(out) { out.text }
            }
        }
    }
}

// MARK: - lr-mixing

extension ModelCommand {
    struct LRMixing: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lr-mixing",
            abstract: "Left–right moment μν = (eG_F/2√2π²)[m_ℓ(1 − M²_W1/M²_W2) sin 2ξ + ¾ m_ν(1 + M²_W1/M²_W2)]; give --sin2xi, or --mu for the sin 2ξ it needs.",
            discussion: """
            General one-loop formula as reviewed by Giunti & Studenikin, RMP 87 (2015) 531 (Kim, \
            PRD 14 (1976) 3000; Shrock, Nucl. Phys. B206 (1982) 359); the review's text could not be \
            read here, so it is printed as unverified — its limits are Kim's m_ℓ sin 2ξ term and \
            the Fujikawa–Shrock Dirac moment. Default ℓ = e (solar ν_e); --mw2-gev the heavier W \
            (absent: M_W2 → ∞), --mass-ev the neutrino mass (default 0).
            """)

        @Option(help: "Charged lepton in the loop: e, mu or tau (e: the flavour of solar ν_e).")
        var lepton: String = "e"
        @Option(name: .customLong("sin2xi"), help: "sin 2ξ of the W_L–W_R mixing (dimensionless, |·| ≤ 1).")
        var sin2xi: Double?
        @Option(help: "Invert: the sin 2ξ this |μν| (μB) needs.")
        var mu: Double?
        @Option(name: .customLong("mw2-gev"), help: "Mass of the heavier charged gauge boson W₂ (GeV, above m_W); absent: M_W2 → ∞.")
        var mw2Gev: Double?
        @Option(name: .customLong("mass-ev"), help: "Neutrino mass m_ν (eV, ≥ 0) of the m_ν term.")
        var massEv: Double = 0
        @OptionGroup var output: OutputOptions

        var input: ModelInputs.LRMixing {
            .init(lepton: lepton, sin2xi: sin2xi, muNuMuB: mu, heavyWMassGeV: mw2Gev, neutrinoMassEV: massEv)
        }

        func validate() throws {
            try ModelCommand.check(input) {
                switch $0 {
                case .lepton: "--lepton"
                case .sin2xi: "--sin2xi"
                case .muNu: "--mu"
                case .heavyW: "--mw2-gev"
                case .mass: "--mass-ev"
                }
            }
        }

        typealias Output = LRMixingResult

        func run() throws {
            try CLIErrors.run {
                let out = try LRMixingResult(lepton: try input.leptonFlavour(), sin2xi: sin2xi, muNuMuB: mu, heavyWMassGeV: mw2Gev, neutrinoMassEV: massEv)
                if abs(out.sin2xi) > 1 { output.note("note: |sin 2ξ| = \(Format.g(abs(out.sin2xi), 4)) > 1: no mixing angle gives this moment with \(out.flavour)") }
                if mw2Gev == nil { output.note("note: assumption: M_W2 → ∞ (M²_W1/M²_W2 = 0); give --mw2-gev for a finite W₂") }
                try output.emit(out) { out.text }
            }
        }
    }
}
