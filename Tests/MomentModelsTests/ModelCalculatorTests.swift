import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// Issue 8's model calculators, against hand-computed values.
@Suite("Model calculators (nmmfit model …)")
struct ModelCalculatorTests {
    /// μν/μB = 3 G_F m_e m_ν / (4√2 π²): 3 × 1.1663787e-5 GeV⁻² × 0.51099895e-3 GeV × 1e-9 GeV
    /// = 1.788054e-17; 4√2 π² = 55.83091; ratio 3.202625e-19 per eV (the issue's ≈ 3.2×10⁻¹⁹).
    @Test("SM Dirac moment: 3.20×10⁻¹⁹ μB at m_ν = 1 eV (1 %), 3.2026×10⁻¹⁹ by hand (1e-5)")
    func smDirac() throws {
        let mu = try StandardModelDiracMoment.momentBohr(massEV: 1)
        #expect(abs(mu / 3.20e-19 - 1) < 0.01)
        #expect(abs(mu / 3.202625e-19 - 1) < 1e-5)
        #expect(abs(try StandardModelDiracMoment.momentBohr(massEV: 0.05) / (0.05 * mu) - 1) < 1e-14)
        #expect(abs(try StandardModelDiracMoment.massEV(momentBohr: mu) - 1) < 1e-14)
        #expect(throws: MomentError.self) { try StandardModelDiracMoment.momentBohr(massEV: -1) }
    }

    struct NaiveCase: Sendable, CustomTestStringConvertible {
        var mu: Double
        var scaleGeV: Double
        var massEV: Double
        var testDescription: String { "μν = \(mu) μB, Λ = \(scaleGeV) GeV → \(massEV) eV" }
    }

    /// m_ν = Λ² μν / (2 m_e μB), 2 m_e = 1 021 997.9 eV:
    /// - Λ = 100 GeV, μν = 1e-11: (1e11 eV)² / 1 021 997.9 eV × 1e-11 = 9.784756e4 eV (≈ 0.1 MeV)
    /// - Λ = 1 TeV, μν = 1e-11: 100 × that = 9.784756e6 eV
    /// - Λ = 1 TeV, μν = 1.021998e-18: 1.000000 eV (the "μν/10⁻¹⁸ μB (Λ/TeV)² eV" rule)
    static let naive: [NaiveCase] = [
        NaiveCase(mu: 1e-11, scaleGeV: 100, massEV: 9.784756e4),
        NaiveCase(mu: 1e-11, scaleGeV: 1000, massEV: 9.784756e6),
        NaiveCase(mu: 1.0219979e-18, scaleGeV: 1000, massEV: 1.0),
    ]

    @Test("naive mass–moment relation by hand, and its inverses", arguments: naive)
    func naiveRelation(c: NaiveCase) throws {
        let m = try NaiveMassMomentRelation.massEV(muNuBohr: c.mu, scaleGeV: c.scaleGeV)
        #expect(abs(m / c.massEV - 1) < 1e-6)
        #expect(abs(try NaiveMassMomentRelation.momentBohr(massEV: m, scaleGeV: c.scaleGeV) / c.mu - 1) < 1e-13)
        #expect(abs(try NaiveMassMomentRelation.scaleGeV(muNuBohr: c.mu, massEV: m) / c.scaleGeV - 1) < 1e-13)
    }

    @Test("naive relation rejects Λ ≤ 0 and μν < 0")
    func naiveValidation() {
        #expect(throws: MomentError.self) { try NaiveMassMomentRelation.massEV(muNuBohr: 1e-11, scaleGeV: 0) }
        #expect(throws: MomentError.self) { try NaiveMassMomentRelation.massEV(muNuBohr: -1e-11, scaleGeV: 100) }
    }

    struct HorizontalCase: Sendable, CustomTestStringConvertible {
        var mh: Double
        var mH: Double
        var bracketPerGeV2: Double
        var muBohr: Double
        var testDescription: String { "m_h = \(mh), m_H = \(mH) GeV" }
    }

    /// Babu–Jana–Lindner (JHEP 10 (2020) 040), f f′ = 1, sin2α = 1, m_τ = 1.77686 GeV:
    /// - m_h = 100: ln(100²/1.77686²) = 8.060645; (8.060645 − 1)/100² = 7.060645e-4 GeV⁻²
    /// - m_H = 1000: ln(1000²/1.77686²) = 12.665815; (12.665815 − 1)/1000² = 1.166582e-5 GeV⁻²
    /// - bracket = 7.060645e-4 − 1.166582e-5 = 6.943987e-4 GeV⁻²
    /// - μ/e = m_τ × bracket / (8π²) = 1.77686 × 6.943987e-4 / 78.956835 = 1.562688e-5 GeV⁻¹
    /// - μ/μB = 2 m_e × μ/e = 1.0219979e-3 GeV × 1.562688e-5 GeV⁻¹ = 1.597064e-8
    /// - m_H = 200: ln(200²/m_τ²) = 9.446939; (9.446939 − 1)/200² = 2.111735e-4;
    ///   bracket = 4.948910e-4; μ/μB = 1.0219979e-3 × 1.77686 × 4.948910e-4 / 78.956835 = 1.138212e-8
    /// - m_h = 300, m_H = 1000: ln(300²/m_τ²) = 10.257869; (10.257869 − 1)/9e4 = 1.028652e-4;
    ///   bracket = 9.119940e-5; μ/μB = 2.097517e-9
    static let horizontal: [HorizontalCase] = [
        HorizontalCase(mh: 100, mH: 1000, bracketPerGeV2: 6.943987e-4, muBohr: 1.597064e-8),
        HorizontalCase(mh: 100, mH: 200, bracketPerGeV2: 4.948910e-4, muBohr: 1.138212e-8),
        HorizontalCase(mh: 300, mH: 1000, bracketPerGeV2: 9.119940e-5, muBohr: 2.097517e-9),
    ]

    @Test("SU(2)_H transition moment by hand (f f′ = 1, sin2α = 1)", arguments: horizontal)
    func horizontalHand(c: HorizontalCase) throws {
        // the paper's approximate loop, computed by hand above
        let bracket = HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: c.mh, loop: .approximate)
            - HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: c.mH, loop: .approximate)
        #expect(abs(bracket / c.bracketPerGeV2 - 1) < 1e-6)
        let m = try HorizontalSymmetryModel(lightScalarGeV: c.mh, heavyScalarGeV: c.mH, yukawaProduct: 1, sin2Alpha: 1, loop: .approximate)
        #expect(abs(m.momentBohr / c.muBohr - 1) < 1e-6)
        #expect(abs(m.momentPerGeV * 2 * 0.51099895e-3 / m.momentBohr - 1) < 1e-14)
    }

    @Test("SU(2)_H moment: linear in f f′ and sin2α, odd under m_h ↔ m_H, zero at m_h = m_H")
    func horizontalStructure() throws {
        let base = try HorizontalSymmetryModel(lightScalarGeV: 100, heavyScalarGeV: 1000, yukawaProduct: 1, sin2Alpha: 1).momentBohr
        let scaled = try HorizontalSymmetryModel(lightScalarGeV: 100, heavyScalarGeV: 1000, yukawaProduct: 2e-3, sin2Alpha: 0.5).momentBohr
        #expect(abs(scaled / (1e-3 * base) - 1) < 1e-14)
        let swapped = try HorizontalSymmetryModel(lightScalarGeV: 1000, heavyScalarGeV: 100, yukawaProduct: 1, sin2Alpha: 1).momentBohr
        #expect(abs(swapped + base) < 1e-22)
        #expect(try HorizontalSymmetryModel(lightScalarGeV: 300, heavyScalarGeV: 300, yukawaProduct: 1, sin2Alpha: 1).momentBohr == 0)
    }

    /// μ = 2×10⁻¹¹ μB at (100, 1000 GeV, sin2α = 1) needs f f′ = 2e-11 / 1.597064e-8 = 1.252298e-3.
    @Test("inverse: the f f′ a μν needs, and the region table over (m_h, m_H)")
    func horizontalInverse() throws {
        let ff = try HorizontalSymmetryModel.requiredYukawaProduct(muBohr: 2e-11, lightScalarGeV: 100, heavyScalarGeV: 1000, sin2Alpha: 1, loop: .approximate)
        #expect(abs(ff / 1.252298e-3 - 1) < 1e-6)
        let rows = try HorizontalSymmetryModel.region(muLowerBohr: 1.4e-11, muUpperBohr: 2.9e-11, sin2Alpha: 1,
                                                      lightScalarGeV: 100...1000, heavyScalarGeV: 100...1000, steps: 3, loop: .approximate)
        #expect(rows.count == 9)
        // grid 100, 316.2, 1000 GeV: row 2 is (100, 1000)
        let r = rows[2]
        #expect(abs(r.lightScalarGeV - 100) < 1e-9 && abs(r.heavyScalarGeV - 1000) < 1e-9)
        #expect(abs(r.yukawaProductMin! / (1.4e-11 / 1.597064e-8) - 1) < 1e-6)
        #expect(abs(r.yukawaProductMax! / (2.9e-11 / 1.597064e-8) - 1) < 1e-6)
        #expect(r.perturbative)
        // the diagonal m_h = m_H has no solution
        #expect(rows[0].yukawaProductMin == nil && rows[4].yukawaProductMin == nil && !rows[0].perturbative)
        for row in rows where row.yukawaProductMin != nil {
            let mu = row.yukawaProductMax! * row.muPerYukawaBohr
            #expect(abs(mu / 2.9e-11 - 1) < 1e-12)
        }
    }

    @Test("SU(2)_H inputs are validated: approximate loop only where valid, masses > 0, |sin2α| ≤ 1, μν interval ordered")
    func horizontalValidation() {
        // 1 GeV: the approximate loop has the wrong sign there (refused); the exact loop needs only m > 0
        #expect(throws: MomentError.self) { try HorizontalSymmetryModel(lightScalarGeV: 1, heavyScalarGeV: 1000, yukawaProduct: 1, sin2Alpha: 1, loop: .approximate) }
        #expect(throws: MomentError.self) { try HorizontalSymmetryModel(lightScalarGeV: 0, heavyScalarGeV: 1000, yukawaProduct: 1, sin2Alpha: 1) }
        #expect(throws: MomentError.self) { try HorizontalSymmetryModel(lightScalarGeV: 100, heavyScalarGeV: 1000, yukawaProduct: 1, sin2Alpha: 1.5) }
        #expect(throws: MomentError.self) { try HorizontalSymmetryModel.requiredYukawaProduct(muBohr: 1e-11, lightScalarGeV: 200, heavyScalarGeV: 200, sin2Alpha: 1) }
        #expect(throws: MomentError.self) {
            try HorizontalSymmetryModel.region(muLowerBohr: 3e-11, muUpperBohr: 1e-11, sin2Alpha: 1, lightScalarGeV: 100...200, heavyScalarGeV: 300...400, steps: 2)
        }
    }
}
