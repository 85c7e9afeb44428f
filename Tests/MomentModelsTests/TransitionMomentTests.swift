import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// The SM Dirac transition moments and the left–right-mixing moment (issue 16).
@Suite("SM transition moment and left–right mixing moment")
struct TransitionMomentTests {
    /// Second implementation (numpy, standard PMNS: sin²θ12 = 0.307, sin²θ13 = 0.0220,
    /// sin²θ23 = 0.450, δ = 230°; m = (0, 0.0086, 0.0502) eV; G_F = 1.1663787e-5 GeV⁻²,
    /// m_W = 80.377 GeV), μ_ij/μB = −(3 G_F m_e/16√2 π²)(m_i ± m_j) Σ U*_ℓi U_ℓj m_ℓ²/m_W²:
    /// μ_12 = 7.440248e-26 − 1.895405e-26 i, μ_13 = −6.185970e-25 + 1.013471e-25 i,
    /// μ_23 = 8.726716e-25 + 7.901098e-26 i; electric ε_23 = −6.174003e-25 − 5.589892e-26 i.
    @Test("magnetic and electric transition moments agree with a numpy implementation (1e-6)")
    func againstNumpy() throws {
        let m = [0.0, 0.0086, 0.0502]
        let cases: [(Int, Int, StandardModelTransitionMoment.Kind, Complex)] = [
            (0, 1, .magnetic, Complex(7.440248296670764e-26, -1.8954047504737994e-26)),
            (0, 2, .magnetic, Complex(-6.185969523593346e-25, 1.0134708333610517e-25)),
            (1, 2, .magnetic, Complex(8.72671616459121e-25, 7.90109773613786e-26)),
            (1, 2, .electric, Complex(-6.174003272908066e-25, -5.589892275907057e-26)),
        ]
        for (i, j, kind, want) in cases {
            let got = try StandardModelTransitionMoment.momentBohr(i, j, massesEV: m, kind: kind)
            #expect((got - want).magnitude < 1e-6 * want.magnitude, "μ_\(i + 1)\(j + 1) \(kind)")
        }
    }

    @Test("GIM: with equal charged-lepton masses the off-diagonal sum vanishes (unitarity of U)")
    func gim() {
        for pmns in [PMNS.standard, .nufit51] {
            for (i, j) in [(0, 1), (0, 2), (1, 2)] {
                let equal = StandardModelTransitionMoment.gimSum(i, j, pmns: pmns, leptonMassesGeV: [1.7, 1.7, 1.7])
                #expect(equal.magnitude < 1e-15 * 1.7 * 1.7 / (80.377 * 80.377))
                // subtracting a common mass² changes nothing off the diagonal
                let real = StandardModelTransitionMoment.gimSum(i, j, pmns: pmns)
                let shifted = StandardModelTransitionMoment.gimSum(i, j, pmns: pmns, leptonMassesGeV: [0.5, 0.6, 1.9].map { ($0 * $0 + ModelMasses.tauGeV * ModelMasses.tauGeV).squareRoot() })
                let base = StandardModelTransitionMoment.gimSum(i, j, pmns: pmns, leptonMassesGeV: [0.5, 0.6, 1.9])
                #expect((shifted - base).magnitude < 1e-12 * base.magnitude)
                #expect(real.magnitude > 0)
            }
        }
    }

    @Test("prefactor: −(k/4)(m_i + m_j) with k the SM Dirac moment per eV; matrix is hermitian with the Dirac moments on the diagonal")
    func structure() throws {
        let m = [0.01, 0.02, 0.05]
        let mu12 = try StandardModelTransitionMoment.momentBohr(0, 1, massesEV: m)
        let s = StandardModelTransitionMoment.gimSum(0, 1, pmns: .standard)
        let expected = (-StandardModelDiracMoment.bohrPerEV / 4 * 0.03) * s
        #expect((mu12 - expected).magnitude < 1e-15 * expected.magnitude)
        let mat = try StandardModelTransitionMoment.matrix(massesEV: m)
        #expect(mat.maxDifference(mat.adjoint) < 1e-40)
        // diagonal (changed deliberately: it was 0): k m_i (1 − ½ Σ_ℓ |U_ℓi|² m_ℓ²/m_W²), by hand
        let u = PMNS.standard.matrix, w2 = ModelMasses.wBosonGeV * ModelMasses.wBosonGeV
        for i in 0..<3 {
            let a = LeptonFlavour.allCases.reduce(0.0) { acc, l in
                let ml = ModelMasses.chargedLeptonGeV(l)
                return acc + u[l.rawValue, i].magnitude * u[l.rawValue, i].magnitude * ml * ml / w2
            }
            let expected = StandardModelDiracMoment.bohrPerEV * m[i] * (1 - a / 2)
            #expect(abs(mat[i, i].re / expected - 1) < 1e-12 && mat[i, i].im == 0)
            #expect(abs(mat[i, i].re / (StandardModelDiracMoment.bohrPerEV * m[i]) - 1) < 6e-4)  // the correction is small
        }
        _ = try MagneticMomentMatrix(mat, basis: .mass, nature: .dirac)  // a valid Dirac moment matrix
        #expect(throws: MomentError.self) { try StandardModelTransitionMoment.momentBohr(0, 1, massesEV: [0, -1, 0]) }
    }

    @Test("left–right general formula: (1 − r) on the m_ℓ term, the m_ν term is the Fujikawa–Shrock moment × (1 + r), inverse consistent")
    func leftRightGeneral() throws {
        let r = 0.01, s = 1e-3, mnu = 0.2
        let full = try LeftRightMixingMoment.momentBohr(lepton: .e, sin2Xi: s, wMassRatioSquared: r, neutrinoMassEV: mnu)
        let lTerm = try LeftRightMixingMoment.momentBohr(lepton: .e, sin2Xi: s) * (1 - r)
        let dirac = try StandardModelDiracMoment.momentBohr(massEV: mnu)  // 3 G_F m_e m_ν/(4√2π²)
        #expect(abs(full / (lTerm + dirac * (1 + r)) - 1) < 1e-13)
        // sin 2ξ = 0, M_W2 → ∞: exactly the SM Dirac moment
        #expect(abs(try LeftRightMixingMoment.momentBohr(lepton: .tau, sin2Xi: 0, neutrinoMassEV: mnu) / dirac - 1) < 1e-14)
        let need = try LeftRightMixingMoment.requiredSin2Xi(muBohr: full, lepton: .e, wMassRatioSquared: r, neutrinoMassEV: mnu)
        #expect(abs(need / s - 1) < 1e-9)
        #expect(throws: MomentError.self) { try LeftRightMixingMoment.momentBohr(lepton: .e, sin2Xi: s, wMassRatioSquared: 1) }
        #expect(throws: MomentError.self) { try LeftRightMixingMoment.momentBohr(lepton: .e, sin2Xi: s, neutrinoMassEV: -1) }
    }

    /// numpy: G_F m_e m_ℓ/(√2 π²) = 7.587489e-10 (τ), 4.511789e-11 (μ), 2.182051e-13 (e).
    @Test("left–right moment G_F m_e m_ℓ sin2ξ/(√2π²) by hand, and μ_LR/μ_SM = (4/3)(m_ℓ/m_ν) sin2ξ")
    func leftRight() throws {
        #expect(abs(LeftRightMixingMoment.perSin2XiBohr(lepton: .tau) / 7.587488667606273e-10 - 1) < 1e-9)
        #expect(abs(LeftRightMixingMoment.perSin2XiBohr(lepton: .mu) / 4.51178892396665e-11 - 1) < 1e-9)
        #expect(abs(LeftRightMixingMoment.perSin2XiBohr(lepton: .e) / 2.1820507762478216e-13 - 1) < 1e-9)
        let mnu = 0.1, s = 1e-3
        let ratio = try LeftRightMixingMoment.momentBohr(lepton: .tau, sin2Xi: s) / StandardModelDiracMoment.momentBohr(massEV: mnu)
        #expect(abs(ratio / (4.0 / 3 * ModelMasses.tauGeV / (mnu * 1e-9) * s) - 1) < 1e-12)
        let need = try LeftRightMixingMoment.requiredSin2Xi(muBohr: 2e-11, lepton: .tau)
        #expect(abs(try LeftRightMixingMoment.momentBohr(lepton: .tau, sin2Xi: need) - 2e-11) < 1e-24)
        #expect(throws: MomentError.self) { try LeftRightMixingMoment.momentBohr(lepton: .tau, sin2Xi: 1.5) }
    }
}
