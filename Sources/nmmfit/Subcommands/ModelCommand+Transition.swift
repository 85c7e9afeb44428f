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

        func masses() throws -> [Double] {
            let v = massesEv.split(separator: ",").map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard v.count == 3, v.allSatisfy({ $0 != nil && $0!.isFinite && $0! >= 0 }) else {
                throw ValidationError("--masses-ev '\(massesEv)': expected three numbers ≥ 0 (eV) separated by commas")
            }
            return v.map { $0! }
        }

        func validate() throws {
            _ = try masses()
        }

        struct Element: Codable {
            var element: String
            var magneticRe: Double
            var magneticIm: Double
            var magneticAbsMuB: Double
            var electricAbsMuB: Double
            enum CodingKeys: String, CodingKey {
                case element
                case magneticRe = "magnetic_re_muB", magneticIm = "magnetic_im_muB", magneticAbsMuB = "magnetic_abs_muB", electricAbsMuB = "electric_abs_muB"
            }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var formula = "mu_ij = -(3 e G_F / 32 sqrt2 pi^2)(m_i +- m_j) sum_l U*_li U_lj m_l^2/m_W^2 (Pal & Wolfenstein 1982; Shrock 1982); mu_ii = (3 e G_F m_i / 8 sqrt2 pi^2)(1 - sum_l |U_li|^2 m_l^2/2m_W^2) (Fujikawa & Shrock 1980)"
            var pmns: String
            var massesEV: [Double]
            var wMassGeV = ModelMasses.wBosonGeV
            var elements: [Element]
            var diagonalMuB: [Double]
            enum CodingKeys: String, CodingKey {
                case nmmfitOutput = "nmmfit_output", formula, pmns, elements, diagonalMuB = "diagonal_muB"
                case massesEV = "masses_eV", wMassGeV = "m_W_GeV"
            }
        }

        func run() throws {
            try CLIErrors.run {
                try OutputTargets.check(files: [output.output, writeMoments], force: output.force)
                let m = try masses(), mix = pmns.mixing
                let els = try [(0, 1), (0, 2), (1, 2)].map { i, j in
                    let mag = try StandardModelTransitionMoment.momentBohr(i, j, massesEV: m, kind: .magnetic, pmns: mix)
                    let ele = try StandardModelTransitionMoment.momentBohr(i, j, massesEV: m, kind: .electric, pmns: mix)
                    return Element(element: "\(i + 1)\(j + 1)", magneticRe: mag.re, magneticIm: mag.im, magneticAbsMuB: mag.magnitude, electricAbsMuB: ele.magnitude)
                }
                if let path = writeMoments {
                    let mat = try StandardModelTransitionMoment.matrix(massesEV: m, pmns: mix)
                    let comment = "SM Dirac magnetic transition moments (nmmfit model sm-transition), masses \(m) eV, \(mix.name), units 1e-11 muB"
                    try OutputFile.write(try MomentMatrixFile.data(mat, basis: .mass, nature: .dirac, comment: comment), to: path, force: output.force)
                }
                let diag = try (0..<3).map { try StandardModelTransitionMoment.diagonalBohr($0, massesEV: m, pmns: mix) }
                try output.emit(Output(pmns: mix.name, massesEV: m, elements: els, diagonalMuB: diag)) {
                    var s = "SM Dirac transition moments, m = (\(m.map { Format.g($0, 4) }.joined(separator: ", "))) eV, \(mix.name), m_W = \(ModelMasses.wBosonGeV) GeV\n"
                    s += Format.table(["ij", "magnetic μ_ij [μB]", "|μ_ij| [μB]", "|electric ε_ij| [μB]"], els.map {
                        [$0.element, "\(Format.g($0.magneticRe, 4)) \($0.magneticIm < 0 ? "−" : "+") \(Format.g(abs($0.magneticIm), 4)) i", Format.g($0.magneticAbsMuB, 4), Format.g($0.electricAbsMuB, 4)]
                    })
                    s += "\ndiagonal (Dirac) moments μ_11, μ_22, μ_33 = \(diag.map { Format.g($0, 4) }.joined(separator: ", ")) μB  (Fujikawa & Shrock 1980)\n"
                    return s
                }
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

        func validate() throws {
            guard LeptonFlavour(name: lepton) != nil else { throw ValidationError("--lepton must be e, mu or tau, got '\(lepton)'") }
            guard (sin2xi == nil) != (mu == nil) else { throw ValidationError("give exactly one of --sin2xi, --mu") }
            if let s = sin2xi, !(s.isFinite && abs(s) <= 1) { throw ValidationError("--sin2xi must be in [-1, 1]") }
            try MomentRange.check(mu, "--mu")
            if let w = mw2Gev, !(w.isFinite && w > ModelMasses.wBosonGeV) {
                throw ValidationError("--mw2-gev must be a finite mass above m_W = \(ModelMasses.wBosonGeV) GeV")
            }
            guard massEv.isFinite, massEv >= 0 else { throw ValidationError("--mass-ev must be ≥ 0 (eV)") }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var formula = "mu_nu = (e G_F / 2 sqrt2 pi^2) [m_l (1 - M_W1^2/M_W2^2) sin(2 xi) + (3/4) m_nu (1 + M_W1^2/M_W2^2)]"
            var verification = LeftRightMixingMoment.verification
            var lepton: String
            var sin2xi: Double
            var wMassRatioSquared: Double
            var heavyWMassGeV: Double?
            var neutrinoMassEV: Double
            var muNuMuB: Double
            enum CodingKeys: String, CodingKey {
                case nmmfitOutput = "nmmfit_output", formula, verification, lepton, sin2xi, muNuMuB = "mu_nu_muB"
                case wMassRatioSquared = "w_mass_ratio_squared", heavyWMassGeV = "m_W2_GeV", neutrinoMassEV = "neutrino_mass_eV"
            }
        }

        func run() throws {
            try CLIErrors.run {
                let l = LeptonFlavour(name: lepton)!
                let r = mw2Gev.map { (ModelMasses.wBosonGeV / $0) * (ModelMasses.wBosonGeV / $0) } ?? 0
                let s = try sin2xi ?? LeftRightMixingMoment.requiredSin2Xi(muBohr: mu!, lepton: l, wMassRatioSquared: r, neutrinoMassEV: massEv)
                let m = try mu ?? LeftRightMixingMoment.momentBohr(lepton: l, sin2Xi: s, wMassRatioSquared: r, neutrinoMassEV: massEv)
                if abs(s) > 1 { output.note("note: |sin 2ξ| = \(Format.g(abs(s), 4)) > 1: no mixing angle gives this moment with \(l)") }
                if mw2Gev == nil { output.note("note: assumption: M_W2 → ∞ (M²_W1/M²_W2 = 0); give --mw2-gev for a finite W₂") }
                try output.emit(Output(lepton: l.asciiName, sin2xi: s, wMassRatioSquared: r, heavyWMassGeV: mw2Gev, neutrinoMassEV: massEv, muNuMuB: m)) {
                    var t = "left–right mixing (\(LeftRightMixingMoment.verification))\n"
                    t += "ℓ = \(l), M²_W1/M²_W2 = \(Format.g(r, 4)), m_ν = \(Format.g(massEv, 4)) eV: sin 2ξ = \(Format.g(s, 4)) ↔ μν = \(Format.g(m, 4)) μB\n"
                    t += "(\(Format.g(LeftRightMixingMoment.perSin2XiBohr(lepton: l) * (1 - r), 4)) μB per unit sin 2ξ; m_ν term \(Format.g(LeftRightMixingMoment.massTermBohr(neutrinoMassEV: massEv, wMassRatioSquared: r), 4)) μB)\n"
                    return t
                }
            }
        }
    }
}
