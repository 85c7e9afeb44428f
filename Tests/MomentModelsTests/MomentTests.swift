import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// The tests of issue 8's effective moment: PMNS, moment matrices, μ_eff, rates and files.
@Suite("Neutrino magnetic-moment matrices")
struct MomentTests {}

/// A named mixing for parameterised tests.
struct MixingCase: Sendable, CustomTestStringConvertible {
    var pmns: PMNS
    var testDescription: String { pmns.name }

    /// The defaults and a maximally CP-violating variant (δ = 90°, so U is genuinely complex).
    static let all: [MixingCase] = [
        MixingCase(pmns: .standard), MixingCase(pmns: .nufit51),
        MixingCase(pmns: try! PMNS(name: "NuFIT 5.1 angles, δ = 90°", sin2Theta12: 0.304, sin2Theta13: 0.02246,
                                   sin2Theta23: 0.450, deltaCPDegrees: 90, deltaM2_21eV2: 7.42e-5)),
    ]
}

/// Solar sources and neutrino energies (keV) spanning vacuum-like (pp) to matter-dominated (⁸B).
let momentSources: [SolarSource] = [.pp, .be7, .pep, .b8]
let momentEnergiesKeV: [Double] = [1, 150, 384.3, 861.8, 1_442.2, 10_000]

extension MomentTests {
    @Suite("PMNS matrix and moment-matrix bases")
    struct PMNSAndBasis {
        @Test("U is unitary: U U† = U† U = 𝟙 to 1e-15", arguments: MixingCase.all)
        func unitarity(c: MixingCase) {
            let u = c.pmns.matrix
            #expect((u * u.adjoint).maxDifference(.identity) < 1e-15)
            #expect((u.adjoint * u).maxDifference(.identity) < 1e-15)
        }

        /// NuFIT 5.1 NO: |U_e1|² = c12² c13² = 0.696 × 0.97754 = 0.680368; |U_e2|² = 0.304 × 0.97754
        /// = 0.297172; |U_e3|² = s13² = 0.02246; |U_μ3|² = s23² c13² = 0.450 × 0.97754 = 0.439893;
        /// |U_τ3|² = 0.550 × 0.97754 = 0.537647.
        @Test("NuFIT 5.1 |U_αi|² by hand")
        func handElements() {
            let u2 = EffectiveMoment(pmns: .nufit51).mixingSquared
            #expect(abs(u2[0][0] - 0.680368) < 1e-6)
            #expect(abs(u2[0][1] - 0.297172) < 1e-6)
            #expect(abs(u2[0][2] - 0.02246) < 1e-12)
            #expect(abs(u2[1][2] - 0.439893) < 1e-6)
            #expect(abs(u2[2][2] - 0.537647) < 1e-6)
            let d = PMNS.nufit51.matrix[0, 2]  // s13 e^{−iδ}, δ = 230°
            #expect(abs(d.re - 0.02246.squareRoot() * cos(230 * Double.pi / 180)) < 1e-15)
            #expect(abs(d.im + 0.02246.squareRoot() * sin(230 * Double.pi / 180)) < 1e-15)
        }

        @Test("PMNS rejects sin²θ outside [0, 1] and Δm²21 ≤ 0")
        func pmnsValidation() {
            #expect(throws: MomentError.self) { try PMNS(name: "x", sin2Theta12: 1.2, sin2Theta13: 0.02, sin2Theta23: 0.5, deltaCPDegrees: 0, deltaM2_21eV2: 7e-5) }
            #expect(throws: MomentError.self) { try PMNS(name: "x", sin2Theta12: 0.3, sin2Theta13: 0.02, sin2Theta23: 0.5, deltaCPDegrees: 0, deltaM2_21eV2: 0) }
        }

        static func sampleMatrix(_ nature: NeutrinoNature) throws -> MagneticMomentMatrix {
            switch nature {
            case .majorana:
                return try .majorana(eMu: Complex(1.3e-11, 0.4e-11), eTau: Complex(-0.7e-11, 0.2e-11), muTau: Complex(0.5e-11, -0.9e-11))
            case .dirac:
                var m = ComplexMatrix3.diagonal(Complex(2e-11), Complex(-1e-11), Complex(0.5e-11))
                m[0, 1] = Complex(0.3e-11, 0.8e-11); m[1, 0] = m[0, 1].conjugate
                m[0, 2] = Complex(-0.6e-11, 0.1e-11); m[2, 0] = m[0, 2].conjugate
                m[1, 2] = Complex(0.2e-11, -0.4e-11); m[2, 1] = m[1, 2].conjugate
                return try MagneticMomentMatrix(m, basis: .flavour, nature: .dirac)
            }
        }

        @Test("flavour → mass → flavour round trip is the identity, and the mass-basis matrix keeps its symmetry",
              arguments: NeutrinoNature.allCases, MixingCase.all)
        func roundTrip(nature: NeutrinoNature, c: MixingCase) throws {
            let f = try PMNSAndBasis.sampleMatrix(nature)
            let m = f.converted(to: .mass, pmns: c.pmns)
            #expect(m.basis == .mass)
            let back = m.converted(to: .flavour, pmns: c.pmns)
            #expect(back.matrix.maxDifference(f.matrix) < 1e-26)  // 1e-15 relative to 1e-11 μB
            // the mass-basis matrix passes the same validation (antisymmetric / hermitian)
            _ = try MagneticMomentMatrix(m.matrix, basis: .mass, nature: nature)
            // λ†λ transforms as U† (λ†λ) U for both natures
            let u = c.pmns.matrix
            #expect(m.gram.maxDifference(u.adjoint * f.gram * u) < 1e-37)
        }

        /// U†λU would break antisymmetry for complex U; the Majorana rule UᵀλU keeps it.
        @Test("Majorana basis change is Uᵀ λ U (U† λ U is not antisymmetric when δ ≠ 0)")
        func majoranaConvention() throws {
            let pmns = MixingCase.all[2].pmns
            let f = try PMNSAndBasis.sampleMatrix(.majorana)
            let u = pmns.matrix
            let wrong = u.adjoint * f.matrix * u
            #expect((wrong + wrong.transpose).maxMagnitude > 1e-13)
            #expect(f.converted(to: .mass, pmns: pmns).matrix.maxDifference(u.transpose * f.matrix * u) < 1e-27)
        }

        @Test("a universal moment μ·𝟙 is the same in both bases")
        func universalInvariant() throws {
            let m = try MagneticMomentMatrix.universal(3e-12).converted(to: .mass, pmns: .nufit51)
            #expect(m.matrix.maxDifference(3e-12 * ComplexMatrix3.identity) < 1e-27)
        }

        struct BadMatrix: Sendable, CustomTestStringConvertible {
            var name: String
            var matrix: ComplexMatrix3
            var nature: NeutrinoNature
            var testDescription: String { name }
        }

        static let badMatrices: [BadMatrix] = [
            BadMatrix(name: "Majorana, symmetric λ_eμ = λ_μe", matrix: ComplexMatrix3(real: [[0, 1, 0], [1, 0, 0], [0, 0, 0]]), nature: .majorana),
            BadMatrix(name: "Majorana, diagonal λ_ee ≠ 0", matrix: ComplexMatrix3(real: [[1, 0, 0], [0, 0, 0], [0, 0, 0]]), nature: .majorana),
            BadMatrix(name: "Majorana, λ_μτ ≠ −λ_τμ by 1 %", matrix: ComplexMatrix3(real: [[0, 0, 0], [0, 0, 1], [0, -0.99, 0]]), nature: .majorana),
            BadMatrix(name: "Dirac, complex diagonal", matrix: .diagonal(Complex(1, 0.1), Complex(1), Complex(1)), nature: .dirac),
            BadMatrix(name: "Dirac, λ_eμ ≠ λ_μe*", matrix: ComplexMatrix3(rows: [[.zero, Complex(1, 1), .zero], [Complex(1, 1), .zero, .zero], [.zero, .zero, .zero]]), nature: .dirac),
            BadMatrix(name: "non-finite element", matrix: .diagonal(Complex(.nan), Complex(1), Complex(1)), nature: .dirac),
        ]

        @Test("validation rejects matrices that break their type's symmetry", arguments: badMatrices)
        func rejects(bad: BadMatrix) {
            #expect(throws: MomentError.self) { try MagneticMomentMatrix(bad.matrix, basis: .flavour, nature: bad.nature) }
        }

        @Test("validation accepts antisymmetric Majorana and hermitian Dirac matrices; Majorana has no diagonal moment")
        func accepts() throws {
            _ = try MagneticMomentMatrix(ComplexMatrix3(real: [[0, 2, -1], [-2, 0, 3], [1, -3, 0]]), basis: .mass, nature: .majorana)
            _ = try MagneticMomentMatrix.diracDiagonal(1e-11, 2e-11, 0)
            #expect(throws: MomentError.self) { try MagneticMomentMatrix.single(1, 1, value: Complex(1e-11), nature: .majorana) }
            let s = try MagneticMomentMatrix.single(0, 2, value: Complex(1e-11, 2e-11), nature: .majorana)
            #expect(s[2, 0] == Complex(-1e-11, -2e-11))
        }
    }
}

extension MomentTests {
    @Suite("Effective moment for solar neutrinos at Earth")
    struct Effective {
        @Test("P_i and P_eα are probabilities; Pee from P_i equals SurvivalProbability's MSW-LMA Pee",
              arguments: momentSources, momentEnergiesKeV)
        func probabilities(source: SolarSource, energy: Double) {
            for c in MixingCase.all {
                let eff = EffectiveMoment(pmns: c.pmns)
                let p = eff.massStateProbabilities(neutrinoEnergyKeV: energy, source: source)
                #expect(p.allSatisfy { $0 >= 0 && $0 <= 1 })
                #expect(abs(p.reduce(0, +) - 1) < 1e-15)
                let pa = eff.flavourProbabilities(neutrinoEnergyKeV: energy, source: source)
                #expect(abs(pa.reduce(0, +) - 1) < 1e-14)
                let pee = SurvivalProbability.mswLMA(c.pmns.oscillationParameters).pee(neutrinoEnergyKeV: energy, source: source)
                #expect(abs(pa[0] - pee) < 1e-14)
            }
            // the default mixing reproduces the recoil spectrum's Pee exactly
            let pee = EffectiveMoment().flavourProbabilities(neutrinoEnergyKeV: energy, source: source)[0]
            #expect(abs(pee - SurvivalProbability.standard.pee(neutrinoEnergyKeV: energy, source: source)) < 1e-15)
        }

        @Test("issue identity 1: a flavour-universal diagonal μ gives μ_eff = μ (both formulations)",
              arguments: momentSources, momentEnergiesKeV)
        func universal(source: SolarSource, energy: Double) throws {
            for c in MixingCase.all {
                let eff = EffectiveMoment(pmns: c.pmns)
                for mu in [1e-12, 2.3e-11] {
                    let m = try MagneticMomentMatrix.universal(mu)
                    for f in EffectiveMoment.Formulation.allCases {
                        #expect(abs(eff.moment(m, neutrinoEnergyKeV: energy, source: source, formulation: f) / mu - 1) < 1e-14)
                    }
                    // the same matrix entered in the mass basis
                    let mm = try MagneticMomentMatrix(mu * ComplexMatrix3.identity, basis: .mass, nature: .dirac)
                    #expect(abs(eff.moment(mm, neutrinoEnergyKeV: energy, source: source) / mu - 1) < 1e-14)
                }
            }
        }

        struct Transition: Sendable, CustomTestStringConvertible {
            var a: LeptonFlavour
            var b: LeptonFlavour
            var nature: NeutrinoNature
            var testDescription: String { "\(nature) λ_\(a)\(b)" }
        }

        static let transitions: [Transition] = [
            Transition(a: .e, b: .mu, nature: .majorana), Transition(a: .e, b: .tau, nature: .majorana),
            Transition(a: .mu, b: .tau, nature: .majorana), Transition(a: .e, b: .mu, nature: .dirac),
        ]

        /// λ_ab alone: λ†λ = diag with |λ_ab|² at a and b, so μ_eff² = (P_ea + P_eb)|λ_ab|² exactly
        /// in both formulations; for a = e, b = μ this is the issue's (Pee + Peμ) μ_eμ².
        @Test("issue identity 2: a single flavour transition moment gives μ_eff² = (P_ea + P_eb)|λ_ab|²",
              arguments: transitions, momentEnergiesKeV)
        func singleTransition(t: Transition, energy: Double) throws {
            let value = Complex(1.7e-11, -0.6e-11)  // complex: a magnetic and an electric part
            let m = try MagneticMomentMatrix.single(t.a.rawValue, t.b.rawValue, value: value, nature: t.nature)
            for c in MixingCase.all {
                let eff = EffectiveMoment(pmns: c.pmns)
                for source in momentSources {
                    let pa = eff.flavourProbabilities(neutrinoEnergyKeV: energy, source: source)
                    let expected = (pa[t.a.rawValue] + pa[t.b.rawValue]) * value.magnitudeSquared
                    for f in EffectiveMoment.Formulation.allCases {
                        let got = eff.squared(m, neutrinoEnergyKeV: energy, source: source, formulation: f)
                        #expect(abs(got / expected - 1) < 1e-13, "\(f) \(source) got \(got) expected \(expected)")
                    }
                }
            }
        }

        @Test("pp at 300 keV, λ_eμ = 10⁻¹¹ μB: μ_eff² = (Pee + Peμ)·10⁻²² with Pee ≈ 0.55, Peμ ≈ 0.2")
        func ppNumbers() throws {
            let eff = EffectiveMoment()
            let pa = eff.flavourProbabilities(neutrinoEnergyKeV: 300, source: .pp)
            #expect(abs(pa[0] - 0.55) < 0.02)
            #expect(pa[1] > 0.15 && pa[1] < 0.3)
            let m = try MagneticMomentMatrix.majorana(eMu: Complex(1e-11), eTau: .zero, muTau: .zero)
            #expect(abs(eff.squared(m, neutrinoEnergyKeV: 300, source: .pp) / ((pa[0] + pa[1]) * 1e-22) - 1) < 1e-13)
        }

        /// With λ_eμ and λ_eτ both on, (λ†λ)_μτ = λ*_eμ λ_eτ ≠ 0 and the formulations differ by
        /// Σ_{α≠β} Σ_i P_i U*_αi U_βi (λ†λ)_αβ, checked here term by term.
        @Test("mass-state and flavour-content formulations differ by the flavour interference terms",
              arguments: MixingCase.all)
        func interference(c: MixingCase) throws {
            let eff = EffectiveMoment(pmns: c.pmns)
            let m = try MagneticMomentMatrix.majorana(eMu: Complex(1e-11), eTau: Complex(1e-11), muTau: .zero)
            let u = c.pmns.matrix, g = m.gram
            for e in [100.0, 861.8] {
                let p = eff.massStateProbabilities(neutrinoEnergyKeV: e, source: .be7)
                var diff = Complex.zero
                for a in 0..<3 { for b in 0..<3 where a != b { for i in 0..<3 { diff += p[i] * (u[a, i].conjugate * u[b, i] * g[a, b]) } } }
                let mass = eff.squared(m, neutrinoEnergyKeV: e, source: .be7, formulation: .massStates)
                let flav = eff.squared(m, neutrinoEnergyKeV: e, source: .be7, formulation: .flavourContent)
                #expect(abs(diff.im) < 1e-36)
                #expect(abs((mass - flav) - diff.re) < 1e-35)
                #expect(abs(mass / flav - 1) > 1e-3, "the example should show a visible difference")
            }
        }

        @Test("spectrum averages: universal μ averages to μ²; T → 0 is the flux average; ⁷Be/pep lines need no integral")
        func averages() throws {
            let eff = EffectiveMoment()
            let u = try MagneticMomentMatrix.universal(1e-11)
            #expect(abs(try eff.averagedSquared(u, source: .pp) / 1e-22 - 1) < 1e-9)
            #expect(abs(try eff.averagedSquared(u, source: .pp, recoilKeV: 5) / 1e-22 - 1) < 1e-9)
            let m = try MagneticMomentMatrix.majorana(eMu: Complex(1e-11), eTau: .zero, muTau: .zero)
            let flux = try eff.averagedSquared(m, source: .pp)
            let atT = try eff.averagedSquared(m, source: .pp, recoilKeV: 1)
            let lo = eff.squared(m, neutrinoEnergyKeV: 423.41, source: .pp), hi = eff.squared(m, neutrinoEnergyKeV: 1, source: .pp)
            #expect(flux > min(lo, hi) && flux < max(lo, hi))
            #expect(abs(atT / flux - 1) < 2e-3)
            // pep: one line, so the average is the value at 1442.2 keV
            #expect(abs(try eff.averagedSquared(m, source: .pep, recoilKeV: 10) / eff.squared(m, neutrinoEnergyKeV: 1442.2, source: .pep) - 1) < 1e-14)
            // ⁷Be: at T = 240 keV only the 861.8 keV line reaches (T_max(384.3) = 2·384.3²/(511.0 + 768.6) = 230.8 keV)
            #expect(abs(try eff.averagedSquared(m, source: .be7, recoilKeV: 240) / eff.squared(m, neutrinoEnergyKeV: 861.8, source: .be7) - 1) < 1e-14)
            #expect(throws: MomentError.self) { try eff.averagedSquared(m, source: .pp, recoilKeV: 300) }
        }
    }
}

extension MomentTests {
    @Suite("Recoil rate and fit constraints with a moment matrix")
    struct Rate {
        static let model = RecoilModel(sources: [.pp, .be7, .pep])

        @Test("λ = μ·𝟙 reproduces RecoilCalculator's magnetic rate", arguments: [1.0, 5, 20])
        func universalRate(t: Double) throws {
            let ref = try RecoilCalculator(model: Self.model).components(recoilKeV: t)
            let calc = try MomentRateCalculator(model: Self.model)
            let rates = try calc.magneticRates(recoilKeV: t, matrix: try .universal(1e-11))
            for (a, b) in zip(rates, ref.magneticAtReference) { #expect(abs(a / b - 1) < 1e-7) }
            #expect(abs(try calc.effectiveSquared(recoilKeV: t, matrix: try .universal(2e-11)) / 4e-22 - 1) < 1e-9)
        }

        @Test("λ_eμ alone: window-averaged μ_eff² lies between its pointwise extremes and gives the element constraint")
        func elementConstraint() throws {
            let calc = try MomentRateCalculator(model: Self.model)
            let shape = try MagneticMomentMatrix.majorana(eMu: Complex(1e-11), eTau: .zero, muTau: .zero)
            let avg = try calc.windowAverage(matrix: shape, fromKeV: 1, toKeV: 30, points: 12)
            #expect(avg.minimum <= avg.mean && avg.mean <= avg.maximum)
            #expect((avg.maximum - avg.minimum) / avg.mean < 0.01)
            let s = avg.mean / 1e-22  // ⟨Pee + Peμ⟩
            #expect(s > 0.7 && s < 0.85)
            let c = try MomentElementConstraint(element: (0, 1), shape: shape, averagedSquared: avg.mean, muIntervalBohr: 0...6.3e-12)
            #expect(abs(c.sensitivity - s) < 1e-12)
            #expect(abs(c.elementUpperBohr - 6.3e-12 / s.squareRoot()) < 1e-24)
            // a zero element cannot be constrained in this shape
            #expect(throws: MomentError.self) {
                try MomentElementConstraint(element: (1, 2), shape: shape, averagedSquared: avg.mean, muIntervalBohr: 0...1e-11)
            }
            // universal: the element interval is the fitted interval
            let u = try MomentElementConstraint(element: (0, 0), shape: try .universal(1), averagedSquared: 1, muIntervalBohr: 1.4e-11...2.9e-11)
            #expect(u.elementLowerBohr == 1.4e-11 && u.elementUpperBohr == 2.9e-11)
        }
    }
}

extension MomentTests {
    @Suite("Moment-matrix JSON files")
    struct File {
        func parse(_ json: String) throws -> MagneticMomentMatrix {
            try MomentMatrixFile.parse(Data(json.utf8), file: "m.json")
        }

        @Test("a Majorana flavour-basis file in units of 1e-11 μB")
        func valid() throws {
            let m = try parse(#"{"basis":"flavour","type":"majorana","real":[[0,1.5,0],[-1.5,0,0],[0,0,0]],"imag":[[0,0,0.5],[0,0,0],[-0.5,0,0]]}"#)
            #expect(m.basis == .flavour && m.nature == .majorana)
            #expect(abs(m[.e, .mu].re - 1.5e-11) < 1e-26 && abs(m[.e, .tau].im - 0.5e-11) < 1e-26)
            let d = try parse(#"{"basis":"mass","type":"Dirac","real":[[1,0,0],[0,2,0],[0,0,3]],"comment":"diagonal"}"#)
            #expect(d.basis == .mass && d.nature == .dirac && abs(d[2, 2].re - 3e-11) < 1e-26)
        }

        struct BadFile: Sendable, CustomTestStringConvertible {
            var json: String
            var field: String?
            var testDescription: String { field ?? "(top level)" }
        }

        static let badFiles: [BadFile] = [
            BadFile(json: #"{"basis":"flavour","real":[[0,1,0],[-1,0,0],[0,0,0]]}"#, field: "type"),
            BadFile(json: #"{"basis":"flavour","type":"majorana","real":[[0,1,0],[-1,0,"x"],[0,0,0]]}"#, field: "real[1][2]"),
            BadFile(json: #"{"basis":"flavour","type":"majorana","real":[[0,1,0],[-1,0],[0,0,0]]}"#, field: "real[1]"),
            BadFile(json: #"{"basis":"flavour","type":"majorana","real":[[0,1,0],[1,0,0],[0,0,0]]}"#, field: "real"),
            BadFile(json: #"{"basis":"up","type":"majorana","real":[[0,1,0],[-1,0,0],[0,0,0]]}"#, field: "basis"),
            BadFile(json: #"{"basis":"mass","type":"sterile","real":[[0,1,0],[-1,0,0],[0,0,0]]}"#, field: "type"),
            BadFile(json: #"{"basis":"mass","type":"dirac","real":[[1,0,0],[0,1,0],[0,0,1]],"rael":1}"#, field: "rael"),
            BadFile(json: #"[1, 2]"#, field: nil),
        ]

        @Test("bad files fail with the file and the field named", arguments: badFiles)
        func invalid(bad: BadFile) {
            do {
                _ = try parse(bad.json)
                Issue.record("accepted \(bad.json)")
            } catch let e as InputError {
                #expect(e.file == "m.json")
                #expect(e.field == bad.field, "\(e)")
            } catch {
                Issue.record("unexpected error \(error)")
            }
        }

        @Test("a missing file is an InputError naming it")
        func missing() {
            #expect(throws: InputError.self) { try MomentMatrixFile.load(path: "/nonexistent/moments.json") }
        }
    }
}
