import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// The SU(2)_H joint μν–g−2 region (issue 16) and the fit-result reader it uses.
@Suite("SU(2)_H joint μν and g−2 region")
struct HorizontalJointRegionTests {
    /// At m_H0 = m_h⁺ = 100 GeV, m_H⁺ = 1000 GeV, sin2α = 1: K = 1.597064e-8 μB per f f′
    /// (ModelCalculatorTests), G = Δa_μ(y_L = y_R = 1) = 4.68516e-9 + 1.561592e-6 = 1.566277e-6
    /// (mpmath). XENON1T band [1.4, 2.9]e-11 μB (physics.md) → |f f′| ∈ [8.766086e-4, 1.815832e-3];
    /// 2021 g−2 at 2σ, [133, 369]e-11 → [8.491474e-4, 2.355905e-3]; joint [8.766086e-4, 1.815832e-3].
    /// WP2025 (Run 1–3) at 2σ, [−106, 158]e-11 → [0, 1.008762e-3]; joint [8.766086e-4, 1.008762e-3].
    @Test("bands by hand at m_H0 = 100 GeV for XENON1T and both g−2 values")
    func byHand() throws {
        let link = try HorizontalJointRegion(heavyChargedGeV: 1000, sin2Alpha: 1, loop: .approximate)  // K by hand: the paper's loop
        let band = try MuNuBand(label: "XENON1T", lowerBohr: 1.4e-11, upperBohr: 2.9e-11)
        let rows = try link.rows(neutralGeV: 100...100, steps: 1, bands: [band],
                                 measurements: [.bnlFnal2021, .wp2025Run1to3])
        let r = try #require(rows.first)
        #expect(abs(r.muPerYukawaBohr / 1.597064e-8 - 1) < 1e-6)
        #expect(abs(r.deltaAMuPerYukawa / 1.56627700703e-6 - 1) < 1e-8)
        func close(_ a: Double, _ b: Double) -> Bool { b == 0 ? a == 0 : abs(a / b - 1) < 3e-6 }
        #expect(close(r.muNu[0].ffprimeMin, 8.766086e-4) && close(r.muNu[0].ffprimeMax, 1.815832e-3))
        #expect(close(r.g2[0].ffprimeMin, 8.491474e-4) && close(r.g2[0].ffprimeMax, 2.355905e-3))
        #expect(close(r.g2[1].ffprimeMin, 0) && close(r.g2[1].ffprimeMax, 1.008762e-3))
        #expect(r.joint.count == 2)
        #expect(close(r.joint[0].ffprimeMin, 8.766086e-4) && close(r.joint[0].ffprimeMax, 1.815832e-3))
        #expect(close(r.joint[1].ffprimeMin, 8.766086e-4) && close(r.joint[1].ffprimeMax, 1.008762e-3))
    }

    @Test("an upper limit keeps the part of the g−2 band below it; no overlap when the band lies above")
    func upperLimit() throws {
        let link = try HorizontalJointRegion(heavyChargedGeV: 1000, sin2Alpha: 1, loop: .approximate)
        let limit = try MuNuBand(label: "limit", lowerBohr: 0, upperBohr: 1e-12)
        let r = try #require(try link.rows(neutralGeV: 100...100, steps: 1, bands: [limit], measurements: [.bnlFnal2021]).first)
        // limit → |f f′| ≤ 1e-12/1.597064e-8 = 6.2615e-5, below the 2021 band's 8.49e-4: empty
        #expect(r.joint.isEmpty)
        let r2 = try #require(try link.rows(neutralGeV: 100...100, steps: 1, bands: [limit], measurements: [.wp2025Run1to3]).first)
        #expect(r2.joint.count == 1 && r2.joint[0].ffprimeMin == 0)
        #expect(abs(r2.joint[0].ffprimeMax * r2.muPerYukawaBohr - 1e-12) < 1e-24)
    }

    @Test("grid, degenerate masses and unavailable data")
    func edges() throws {
        let link = try HorizontalJointRegion(heavyChargedGeV: 300, sin2Alpha: 0.5)
        let band = try MuNuBand(label: "b", lowerBohr: 1e-11, upperBohr: 2e-11)
        let rows = try link.rows(neutralGeV: 100...300, steps: 3, bands: [band], measurements: [.bnlFnal2021])
        #expect(rows.count == 3 && abs(rows[2].neutralGeV - 300) < 1e-9)
        #expect(rows[2].muPerYukawaBohr == 0 && rows[2].muNu.isEmpty && rows[2].joint.isEmpty)  // m_h⁺ = m_H⁺: no moment
        // there an upper limit allows every |f f′|: the joint range is the whole g−2 range
        let limit = try MuNuBand(label: "lim", lowerBohr: 0, upperBohr: 1e-12)
        let atDegenerate = try link.rows(neutralGeV: 300...300, steps: 1, bands: [limit], measurements: [.bnlFnal2021])[0]
        #expect(atDegenerate.joint.count == 1 && atDegenerate.joint[0].ffprimeMin == atDegenerate.g2[0].ffprimeMin
                && atDegenerate.joint[0].ffprimeMax == atDegenerate.g2[0].ffprimeMax)
        let unavailable = MuonAnomalyMeasurement(id: "x", label: "x", deltaAMu1e11: nil, sigma1e11: nil, source: "none", quote: "")
        #expect(throws: MomentError.self) { try link.rows(neutralGeV: 100...300, steps: 3, bands: [band], measurements: [unavailable]) }
        #expect(throws: MomentError.self) { try HorizontalJointRegion(heavyChargedGeV: 300, sin2Alpha: 0) }
        #expect(throws: MomentError.self) { try link.rows(neutralGeV: 1...300, steps: 3, bands: [band], measurements: []) }
    }

    @Test("fit-result reader: interval, best fit, label; clear errors naming the field")
    func fitReader() throws {
        let ok = #"{"nmmfit_output": 2, "datasets": ["xenon1t_sr1"], "interval_muB": [1.4e-11, 2.9e-11], "cl": 0.9, "mu_nu_best_muB": 2.1e-11}"#
        let b = try MuNuBand.parse(fitResult: Data(ok.utf8), file: "fit.json")
        #expect(b.lowerBohr == 1.4e-11 && b.upperBohr == 2.9e-11 && b.bestBohr == 2.1e-11 && b.label == "xenon1t_sr1 90% CL")
        // a version-1 file (same units, older key names) is still read
        let v1 = #"{"nmmfit_output": 1, "datasets": ["xenon1t_sr1"], "interval": [1.4e-11, 2.9e-11], "cl": 0.9, "mu_nu_best": 2.1e-11}"#
        #expect(try MuNuBand.parse(fitResult: Data(v1.utf8)).upperBohr == 2.9e-11)
        for (bad, field) in [(#"{"cl": 0.9}"#, "interval_muB"), (#"{"interval_muB": [3e-11, 1e-11]}"#, "interval_muB"),
                             (#"{"interval_muB": [true, 1e-11]}"#, "interval_muB"), (#"{"interval_muB": [0, 1e-11], "mu_nu_best_muB": "x"}"#, "mu_nu_best_muB"),
                             (#"{"interval": [3e-11, 1e-11]}"#, "interval")] {
            #expect(throws: InputError.self) { try MuNuBand.parse(fitResult: Data(bad.utf8), file: "f.json") }
            do { _ = try MuNuBand.parse(fitResult: Data(bad.utf8), file: "f.json") } catch let e as InputError { #expect(e.field == field) }
        }
        #expect(throws: InputError.self) { try MuNuBand.parse(fitResult: Data("[1,2]".utf8)) }
        #expect(throws: InputError.self) { try MuNuBand.load(fitResult: "/nonexistent/fit.json") }
    }
}
