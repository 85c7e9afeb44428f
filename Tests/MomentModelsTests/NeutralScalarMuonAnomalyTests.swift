import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// The neutral-scalar Δa_μ (issue 16) against a second implementation (mpmath), its
/// closed-form limits, and the textbook Higgs-loop result.
@Suite("Neutral-scalar muon g−2 (nmmfit model g2-scalar)")
struct NeutralScalarMuonAnomalyTests {
    struct Reference: Sendable, CustomTestStringConvertible {
        var massGeV: Double
        var conserving: Double
        var flipping: Double
        var testDescription: String { "M = \(massGeV) GeV" }
    }

    /// Second implementation: mpmath `quad` at 30 digits of the same Feynman-parameter
    /// integrals, m_F = m_τ = 1.77686, m_μ = 0.1056583755 GeV, y_L = y_R = 1:
    /// ```python
    /// from mpmath import mp, mpf, quad, pi; mp.dps = 30
    /// mmu, mtau = mpf('0.1056583755'), mpf('1.77686')
    /// def da(M, mF, yL, yR):
    ///     l2 = (mmu/M)**2; e = mF/mmu; r = e*e*l2; S = (yL**2 + yR**2)/2; P = yL*yR
    ///     D = lambda x: (1-x)*(1-l2*x) + r*x
    ///     pts = [0, 1-100*r if 100*r < 0.5 else 0.5, 1-r, 1]
    ///     c = quad(lambda x: x*x*(1-x)/D(x), pts); f = quad(lambda x: e*x*x/D(x), pts)
    ///     return l2/(8*pi*pi)*S*c, l2/(8*pi*pi)*P*f
    /// ```
    static let references: [Reference] = [
        Reference(massGeV: 100, conserving: 4.68515961138e-9, flipping: 1.56159184742e-6),
        Reference(massGeV: 200, conserving: 1.17612376817e-9, flipping: 4.72518565089e-7),
        Reference(massGeV: 1000, conserving: 4.71251029971e-11, flipping: 2.65498578552e-8),
        Reference(massGeV: 10000, conserving: 4.7129869382e-13, flipping: 3.74995689133e-10),
    ]

    @Test("exact integrals agree with an mpmath implementation to 1e-8", arguments: references)
    func againstMpmath(r: Reference) throws {
        let p = try NeutralScalarLoop(scalarMassGeV: r.massGeV, leftCoupling: 1, rightCoupling: 1).parts()
        #expect(abs(p.chiralityConserving / r.conserving - 1) < 1e-8)
        #expect(abs(p.chiralityFlipping / r.flipping - 1) < 1e-8)
    }

    @Test("heavy-scalar limit: y_L y_R m_μ m_τ [ln(M²/m_τ²) − 3/2]/(8π²M²) and (y_L²+y_R²) m_μ²/(48π²M²)")
    func heavyLimit() throws {
        var previous = Double.infinity
        for m in [1e3, 1e4, 1e5] {
            let loop = try NeutralScalarLoop(scalarMassGeV: m, leftCoupling: 0.7, rightCoupling: 0.3)
            let exact = try loop.parts(), limit = loop.heavyScalarLimit
            let dev = abs(exact.chiralityFlipping / limit.chiralityFlipping - 1)
            #expect(dev < 2e-3)
            #expect(dev < previous)  // the corrections O(m_τ²/M² ln) shrink with M
            previous = dev
            #expect(abs(exact.chiralityConserving / limit.chiralityConserving - 1) < 1e-3)
        }
        // at 100 TeV the flip part is the limit to ~1e-8
        let far = try NeutralScalarLoop(scalarMassGeV: 1e5, leftCoupling: 1, rightCoupling: 1)
        #expect(abs(try far.parts().chiralityFlipping / far.heavyScalarLimit.chiralityFlipping - 1) < 1e-6)
    }

    @Test("m_F → 0: exact closed form [−ln(1−λ²) − λ² − λ⁴/2]/λ⁶, and continuity as m_F → 0")
    func masslessFermion() throws {
        for m in [0.3, 1.0, 100.0] {
            let loop = try NeutralScalarLoop(scalarMassGeV: m, fermionMassGeV: 0, leftCoupling: 1, rightCoupling: 0.5)
            let p = try loop.parts()
            #expect(p.chiralityFlipping == 0)
            #expect(abs(p.chiralityConserving / loop.masslessFermionExact - 1) < 1e-9)
        }
        // mpmath, M = 0.3 GeV, m_F = 0, (y_L, y_R) = (1, 0.5): 3.61110428257e-4
        let at03 = try NeutralScalarLoop(scalarMassGeV: 0.3, fermionMassGeV: 0, leftCoupling: 1, rightCoupling: 0.5)
        #expect(abs(at03.masslessFermionExact / 3.61110428257e-4 - 1) < 1e-9)
        // a tiny m_F: the flip part vanishes like m_F ln(M/m_F) (≈ 3e-6 of the τ value at 1 keV),
        // the conserving part approaches the m_F = 0 value
        let tiny = try NeutralScalarLoop(scalarMassGeV: 100, fermionMassGeV: 1e-6, leftCoupling: 1, rightCoupling: 0.5).parts()
        let zero = try NeutralScalarLoop(scalarMassGeV: 100, fermionMassGeV: 0, leftCoupling: 1, rightCoupling: 0.5)
        #expect(abs(tiny.chiralityConserving / zero.masslessFermionExact - 1) < 1e-6)
        #expect(abs(tiny.chiralityFlipping) < 1e-5 * abs(try NeutralScalarLoop(scalarMassGeV: 100, leftCoupling: 1, rightCoupling: 0.5).parts().chiralityFlipping))
    }

    /// An independent code: GAMBIT's general-2HDM one-loop FFS amplitudes (GambitBSM/gambit,
    /// FlavBit, `Amplitudes::A_loop1L/A_loop1R` with the loop functions
    /// E(x) = 2(2 + 3x − 6x² + x³ + 6x ln x)/(1 − x)⁴ and F(x) = 3(−3 + 4x − x² − 2 ln x)/(2(1 − x)³),
    /// x = m_F²/M², exact in x but to leading order in m_μ²/M²). For y_L = y_R = y their
    /// A_L + A_R is (m_μ²/16π²M²) y² [4 E(x)/24 + 2 (m_F/m_μ) F(x)/3]: conserving and flipping parts.
    @Test("agrees with GAMBIT's gTHDM loop functions E(x), F(x) up to O(m_μ²/M²), also where m_τ/M is not small")
    func againstGambit() throws {
        func e(_ x: Double) -> Double { 2 * (2 + 3 * x - 6 * x * x + x * x * x + 6 * x * log(x)) / pow(1 - x, 4) }
        func f(_ x: Double) -> Double { 3 * (-3 + 4 * x - x * x - 2 * log(x)) / (2 * pow(1 - x, 3)) }
        let mmu = ModelMasses.muonGeV, mtau = ModelMasses.tauGeV
        for m in [5.0, 10, 30, 100, 1000] {
            let x = mtau * mtau / (m * m), pref = mmu * mmu / (16 * Double.pi * Double.pi * m * m)
            let p = try NeutralScalarLoop(scalarMassGeV: m, leftCoupling: 1, rightCoupling: 1).parts()
            let tolerance = mmu * mmu / (m * m)
            #expect(abs(p.chiralityConserving / (pref * 4 * e(x) / 24) - 1) < tolerance, "M = \(m)")
            #expect(abs(p.chiralityFlipping / (pref * 2 * (mtau / mmu) * f(x) / 3) - 1) < tolerance, "M = \(m)")
        }
    }

    /// F = μ with y = m_μ/v, y² = √2 G_F m_μ²: the SM Higgs loop, heavy limit
    /// G_F m_μ⁴ [ln(M²/m_μ²) − 7/6] / (4√2 π² M²) (the −7/6 = −3/2 + 1/3 from the two parts).
    @Test("F = μ, scalar coupling: the Higgs-loop heavy limit with ln(M²/m_μ²) − 7/6")
    func higgsLike() throws {
        let gf = 1.1663787e-5, mmu = 0.1056583755, m = 2000.0
        let y = (2.0.squareRoot() * gf * mmu * mmu).squareRoot()
        let exact = try NeutralScalarLoop(scalarMassGeV: m, fermionMassGeV: mmu, leftCoupling: y, rightCoupling: y).deltaAMu()
        let textbook = gf * pow(mmu, 4) / (4 * 2.0.squareRoot() * Double.pi * Double.pi * m * m) * (log(m * m / (mmu * mmu)) - 7.0 / 6)
        #expect(abs(exact / textbook - 1) < 1e-4)
    }

    @Test("sign: the chirality flip follows y_L y_R; the conserving part is positive")
    func signs() throws {
        let s = try NeutralScalarLoop(scalarMassGeV: 150, leftCoupling: 0.5, rightCoupling: 0.5).parts()
        let a = try NeutralScalarLoop(scalarMassGeV: 150, leftCoupling: 0.5, rightCoupling: -0.5).parts()
        #expect(s.chiralityFlipping > 0 && a.chiralityFlipping < 0)
        #expect(abs(s.chiralityFlipping + a.chiralityFlipping) < 1e-20)
        #expect(s.chiralityConserving == a.chiralityConserving && s.chiralityConserving > 0)
        // one chirality only: no flip, mpmath 2.34257980569e-9 at M = 100 GeV, y_L = 1
        let one = try NeutralScalarLoop(scalarMassGeV: 100, leftCoupling: 1, rightCoupling: 0).parts()
        #expect(one.chiralityFlipping == 0)
        #expect(abs(one.chiralityConserving / 2.34257980569e-9 - 1) < 1e-8)
    }

    @Test("inputs: M above m_μ and at most 10⁶ GeV, finite couplings")
    func validation() {
        #expect(throws: MomentError.self) { try NeutralScalarLoop(scalarMassGeV: 0.1, leftCoupling: 1, rightCoupling: 1) }
        #expect(throws: MomentError.self) { try NeutralScalarLoop(scalarMassGeV: 2e6, leftCoupling: 1, rightCoupling: 1) }
        #expect(throws: MomentError.self) { try NeutralScalarLoop(scalarMassGeV: 100, leftCoupling: .nan, rightCoupling: 1) }
        #expect(throws: MomentError.self) { try NeutralScalarLoop(scalarMassGeV: 100, fermionMassGeV: -1, leftCoupling: 1, rightCoupling: 1) }
    }
}
