import Foundation
import Testing
@testable import Formats
@testable import GSL
@testable import MomentModels

/// The joint χ² region of the SU(2)_H link against values computed by hand from its pieces.
@Suite("SU(2)_H joint χ² region")
struct HorizontalJointChi2Tests {
    /// A parabolic profile −2ΔlnL = ((μ − 2e-11)/0.4e-11)² sampled every 0.01e-11 μB.
    static func profile() throws -> ProfileLikelihoodCurve {
        let mus = (0...600).map { Double($0) * 1e-13 }
        return try ProfileLikelihoodCurve(muBohr: mus, minusTwoDeltaLnL: mus.map { pow(($0 - 2e-11) / 0.4e-11, 2) })
    }

    @Test("profile curve: linear interpolation, nil outside, bad points refused")
    func curve() throws {
        let c = try ProfileLikelihoodCurve(muBohr: [2e-11, 0, 1e-11], minusTwoDeltaLnL: [4, 0, 1])
        #expect(abs(c.value(atBohr: 0.5e-11)! - 0.5) < 1e-12 && abs(c.value(atBohr: 1.5e-11)! - 2.5) < 1e-12 && c.value(atBohr: 3e-11) == nil)
        #expect(throws: MomentError.self) { try ProfileLikelihoodCurve(muBohr: [0], minusTwoDeltaLnL: [0]) }
        #expect(throws: MomentError.self) { try ProfileLikelihoodCurve(muBohr: [0, -1], minusTwoDeltaLnL: [0, 1]) }
    }

    @Test("χ² = profile(√s K y) + pull² at the best point; the region edges sit at χ²_min + F⁻¹χ²₂(0.9) = +4.605")
    func region() throws {
        let link = try HorizontalJointRegion(heavyChargedGeV: 1000, sin2Alpha: 1)
        let s = 0.7756
        let joint = try HorizontalJointChi2(link: link, profile: try Self.profile(), sensitivity: s)
        let r = try joint.region(masses: [100], measurement: .bnlFnal2021, cl: 0.9)
        #expect(abs(r.deltaChi2 - 4.60517) < 1e-4)  // −2 ln(0.1)
        let k = link.muPerYukawaBohr(neutralGeV: 100), g = try link.deltaAMuPerYukawa(neutralGeV: 100)
        func chi2(_ y: Double) -> Double { pow((s.squareRoot() * k * y - 2e-11) / 0.4e-11, 2) + pow((g * y - 251e-11) / 59e-11, 2) }
        // by hand: both terms quadratic in y, minimum y* = (a₁b₁/σ₁² + a₂b₂/σ₂²)/(a₁²/σ₁² + a₂²/σ₂²)
        let a1 = s.squareRoot() * k, a2 = g
        let yStar = (a1 * 2e-11 / pow(0.4e-11, 2) + a2 * 251e-11 / pow(59e-11, 2)) / (a1 * a1 / pow(0.4e-11, 2) + a2 * a2 / pow(59e-11, 2))
        #expect(abs(r.ffprimeAtMin / yStar - 1) < 5e-3)  // χ² is flat at its minimum: its value is the sharp check
        #expect(abs(r.chi2Min - chi2(yStar)) < 1e-3)
        let row = try #require(r.rows.first)
        let lo = try #require(row.ffprimeMin), hi = try #require(row.ffprimeMax)
        #expect(abs(chi2(lo) - (r.chi2Min + r.deltaChi2)) < 0.02 && abs(chi2(hi) - (r.chi2Min + r.deltaChi2)) < 0.02)
    }
}

/// The assumed complex neutral state H + iA of the joint link.
@Suite("SU(2)_H link with a CP-odd partner")
struct PseudoscalarLinkTests {
    @Test("m_A = m_H0: the τ-enhanced parts cancel and twice H's chirality-conserving part is left; m_A → heavy: H alone")
    func cancellation() throws {
        var link = try HorizontalJointRegion(heavyChargedGeV: 1000, sin2Alpha: 1)
        let hOnly = try link.deltaAMuPerYukawa(neutralGeV: 100)
        let h = try NeutralScalarLoop(scalarMassGeV: 100, leftCoupling: 1, rightCoupling: 1).parts()
        link.pseudoscalarGeV = 100
        let degenerate = try link.deltaAMuPerYukawa(neutralGeV: 100)
        #expect(abs(degenerate / (2 * h.chiralityConserving) - 1) < 1e-9)
        #expect(degenerate < 0.01 * hOnly)
        link.pseudoscalarGeV = 1e5
        #expect(abs(try link.deltaAMuPerYukawa(neutralGeV: 100) / hOnly - 1) < 1e-4)
    }
}
