import Foundation
import Testing
@testable import GSL
@testable import MomentModels

/// The exact τ–h⁺ loop function of the SU(2)_H transition moment against an independent
/// numerical integration, and the paper's approximate form inside and outside its regime.
@Suite("SU(2)_H exact loop function")
struct ChargedScalarLoopTests {
    /// F(m) = ∫₀¹ x dx/[x m_τ² + (1 − x) m²] by GSL QAGS (independent of the closed form).
    static func integrated(_ m: Double) throws -> Double {
        let mt2 = ModelMasses.tauGeV * ModelMasses.tauGeV, m2 = m * m
        return try Integrator().qags(from: 0, to: 1, absTol: 0, relTol: 1e-12) { x in x / (x * mt2 + (1 - x) * m2) }.value
    }

    static let masses: [Double] = {
        let lo = 2 * ModelMasses.tauGeV, hi = 1e4
        return (0...40).map { lo * pow(hi / lo, Double($0) / 40) }
    }()

    @Test("closed form = numerical integral to 1e-9, and μν(exact) agrees with μν from the integral to 1e-6 for m_h from 2 m_τ to 10 TeV")
    func againstIntegration() throws {
        for m in Self.masses + [0.3, 1.0, ModelMasses.tauGeV, ModelMasses.tauGeV * 1.0005, 3.0] {
            let f = HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: m)
            #expect(abs(f / (try Self.integrated(m)) - 1) < 1e-9, "m = \(m) GeV")
        }
        let mH = 2e4, fH = try Self.integrated(mH)
        for mh in Self.masses {
            let exact = try HorizontalSymmetryModel(lightScalarGeV: mh, heavyScalarGeV: mH, yukawaProduct: 1e-3, sin2Alpha: 1).momentBohr
            let byIntegral = 1e-3 * 2 * ModelMasses.electronGeV * ModelMasses.tauGeV / (8 * Double.pi * Double.pi) * ((try Self.integrated(mh)) - fH)
            #expect(abs(exact / byIntegral - 1) < 1e-6, "m_h = \(mh) GeV")
        }
    }

    /// The independent implementation: 0.07 % at 100 GeV, 1.8 % at 20 GeV, 32 % at
    /// 5 GeV, wrong sign below ~2.9 GeV; the limit is analytic: sign change at m = m_τ √e.
    @Test("approximate form: agrees with the exact one where m ≫ m_τ, fails where it should")
    func approximateRegime() throws {
        for m in [1e3, 3e3, 1e4] { #expect(abs(ChargedScalarLoop.approximationError(massGeV: m)) < 2e-5) }
        #expect(abs(abs(ChargedScalarLoop.approximationError(massGeV: 100)) - 0.0007) < 0.0001)
        #expect(abs(abs(ChargedScalarLoop.approximationError(massGeV: 20)) - 0.018) < 0.001)
        #expect(abs(abs(ChargedScalarLoop.approximationError(massGeV: 5)) - 0.32) < 0.01)
        let flip = ModelMasses.tauGeV * exp(0.5)
        #expect(ChargedScalarLoop.approximate.valuePerGeV2(massGeV: flip * 0.999) < 0)
        #expect(ChargedScalarLoop.approximate.valuePerGeV2(massGeV: flip * 1.001) > 0)
        #expect(ChargedScalarLoop.exact.valuePerGeV2(massGeV: flip * 0.999) > 0)
        // the validity edge used to refuse the approximate form: 1 % there, more below
        let edge = ChargedScalarLoop.approximateValidFromGeV
        #expect(abs(abs(ChargedScalarLoop.approximationError(massGeV: edge)) - 0.01) < 1e-6)
        #expect(edge > 20 && edge < 100)
    }
}

/// Where the g2-scalar heavy-scalar line may be printed.
@Suite("Neutral-scalar g−2: heavy-scalar limit validity")
struct HeavyScalarLimitValidityTests {
    @Test("valid for M ≥ 10 m_τ with F = τ (and then within a few % of the exact), not at M = 0.5 GeV or for F = μ, e")
    func validity() throws {
        let inside = try NeutralScalarLoop(scalarMassGeV: 100, leftCoupling: 1, rightCoupling: 1)
        #expect(inside.heavyScalarLimitIsValid)
        let exactInside = try inside.deltaAMu()
        #expect(abs(inside.heavyScalarLimit.total / exactInside - 1) < 0.05)
        let light = try NeutralScalarLoop(scalarMassGeV: 0.5, leftCoupling: 1, rightCoupling: 1)
        #expect(!light.heavyScalarLimitIsValid)
        // there the limit's flipping part has the wrong sign: ln(M²/m_τ²) − 3/2 < 0, the exact is > 0
        let exactLight = try light.parts()
        #expect(light.heavyScalarLimit.chiralityFlipping < 0 && exactLight.chiralityFlipping > 0)
        let muonLoop = try NeutralScalarLoop(scalarMassGeV: 100, fermionMassGeV: ModelMasses.muonGeV, leftCoupling: 1, rightCoupling: 1)
        #expect(!muonLoop.heavyScalarLimitIsValid)
    }
}
