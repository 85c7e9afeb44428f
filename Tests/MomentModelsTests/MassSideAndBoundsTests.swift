import Foundation
import Testing
@testable import MomentModels

/// The E989 final g−2 input, the mass side of the SU(2)_H model and the LEP bound on h⁺,
/// against numbers recomputed here from the quoted source texts and by hand.
@Suite("SU(2)_H mass side, E989 final g−2, LEP bound")
struct MassSideAndBoundsTests {
    /// The value and error of "116 592 071 5(145) x 10^-12"-style text, in units of 10⁻¹¹.
    static func parse(_ text: String, scaleTo1e11 f: Double) throws -> (Double, Double) {
        let m = try #require(text.firstMatch(of: /([0-9 ]+)\(([0-9.]+)\)/))
        let digits = String(m.1).replacingOccurrences(of: " ", with: "")
        return (try #require(Double(digits)) * f, try #require(Double(String(m.2))) * f)
    }

    @Test("2025-e989-final = (exp average − WP2025 SM) read back from its own quotes, errors in quadrature; equals the published 38(63) to rounding")
    func e989Final() throws {
        let m = MuonAnomalyMeasurement.e989Final2025
        let parts = m.quote.components(separatedBy: ";")
        #expect(parts.count == 2)
        let (exp, se) = try Self.parse(parts[0], scaleTo1e11: 0.1)  // quoted in units of 10⁻¹²
        let (sm, ss) = try Self.parse(parts[1], scaleTo1e11: 1)
        #expect(abs(exp - 116_592_071.5) < 1e-6 && abs(se - 14.5) < 1e-9 && abs(sm - 116_592_033) < 1e-6 && ss == 62)
        let d = try #require(m.deltaAMu1e11), s = try #require(m.sigma1e11)
        #expect(abs(d - (exp - sm)) < 1e-6)
        #expect(abs(s - (se * se + ss * ss).squareRoot()) < 1e-9)
        // the published comparison rounds the same inputs: |38.5 − 38| ≤ 0.5, |63.67 − 63| ≤ 1
        let w = MuonAnomalyMeasurement.wp2025
        #expect(abs(d - w.deltaAMu1e11!) <= 0.5 && abs(s - w.sigma1e11!) <= 1)
        #expect(MuonAnomalyMeasurement.named("2025-e989-final") == m && MuonAnomalyMeasurement.defaultMeasurement == w)
    }

    @Test("naive m_ν = Λ²|μ|/(2 m_e μB) evaluated by hand (m_e = 0.51099895 MeV, PDG) and through the mass-moment calculator")
    func naiveMass() throws {
        let mu = 2e-11, lambda = 100.0
        let byHand = lambda * lambda * mu / (2 * 0.51099895e-3) * 1e9  // GeV² · μB/μB / GeV → GeV → eV
        let side = try HorizontalMassSide(muNuMuB: -mu, lightScalarGeV: lambda)
        #expect(abs(side.naiveMassEV / byHand - 1) < 1e-12)
        #expect(abs(side.naiveMassEV / (try MassMomentResult.solve(muNuMuB: mu, scaleGeV: lambda, massEV: nil)).massEV - 1) < 1e-12)
        #expect(abs(side.naiveOverKatrin - byHand / 0.45) / (byHand / 0.45) < 1e-12)
        #expect(side.modelMassEV == nil && side.modelStatus.contains("UNVERIFIED"))
        #expect(throws: MomentError.self) { try HorizontalMassSide(muNuMuB: mu, lightScalarGeV: 0) }
    }

    @Test("model horizontal carries the mass side of its moment at Λ = the lighter charged scalar")
    func horizontalResult() throws {
        let r = try HorizontalMomentResult(lightScalarGeV: 100, heavyScalarGeV: 1000, yukawaProduct: 1.25e-3, sin2Alpha: 1, loop: .exact, targetMuB: nil)
        let side = try #require(r.massSide)
        #expect(side.scaleGeV == 100 && abs(side.muNuMuB - abs(r.muNuMuB)) < 1e-30)
        #expect(r.text.contains("mass side"))
    }

    @Test("joint view: each band's naive m_ν at Λ = m_H0 + Δ on every row; LEP excludes exactly the rows with m_h⁺ < 80 GeV")
    func joint() throws {
        let link = try HorizontalJointRegion(heavyChargedGeV: 1000, sin2Alpha: 1, chargedSplittingGeV: 10)
        let bands = [try MuNuBand(label: "A", lowerBohr: 1.82e-11, upperBohr: 3.46e-11), try MuNuBand(label: "B", lowerBohr: 0, upperBohr: 7.94e-12)]
        let out = try JointResult.compute(link: link, neutralGeV: 50...800, steps: 9, bands: bands, measurements: [.wp2025], profile: nil)
        let side = try #require(out.massSide)
        #expect(side.rows.count == out.rows.count)
        for (row, ms) in zip(out.rows, side.rows) {
            let lambda = row.neutralGeV + 10
            #expect(ms.scaleGeV == lambda)
            #expect(abs(ms.bands[0].naiveMassEVMin / (lambda * lambda * 1.82e-11 / (2 * 0.51099895e-3) * 1e9) - 1) < 1e-12)
            #expect(ms.bands[1].naiveMassEVMin == 0)
        }
        let c = try #require(out.collider)
        let excluded = out.rows.filter { $0.neutralGeV + 10 < 80 }.map(\.neutralGeV)
        #expect(!excluded.isEmpty && c.excludedSegmentsGeV == [[excluded.first!, excluded.last!]])
        #expect(c.bound.lowerMassGeV == 80 && c.bound.cl == 0.95 && c.bound.source.contains("below 80 GeV"))
    }
}

/// f and f′ given separately, and the f′-only reading of the neutral coupling.
@Suite("SU(2)_H neutral coupling: f, f′ separately")
struct NeutralCouplingAssumptionTests {
    @Test("product coupling with f, f′ = the |f f′| result; f′-only: Δa_μ → κ f′² m_μ²/(48π² M²) for M ≫ m_τ (the y_L = 0 integrand → x²/2)")
    func fprimeOnly() throws {
        let ms = [MuonAnomalyMeasurement.wp2025]
        let a = try G2HorizontalResult(neutralGeV: 100, heavyChargedGeV: 1000, sin2alpha: 1, splittingGeV: 0, kappa: 1, pseudoscalarGeV: nil,
                                       ffprime: 1.25e-3, measurements: ms)
        let b = try G2HorizontalResult(neutralGeV: 100, heavyChargedGeV: 1000, sin2alpha: 1, splittingGeV: 0, kappa: 1, pseudoscalarGeV: nil,
                                       f: 0.05, fprime: -0.025, coupling: .product, measurements: ms)
        #expect(abs(b.deltaAMu / a.deltaAMu - 1) < 1e-12 && abs(b.muNuMuB / a.muNuMuB - 1) < 1e-12)
        let mMu = 0.1056583755  // GeV, PDG 2022 muon mass
        for (m, fp) in [(2000.0, 0.5), (5000.0, 1.0)] {
            let c = try G2HorizontalResult(neutralGeV: m, heavyChargedGeV: 2 * m, sin2alpha: 1, splittingGeV: 0, kappa: 2, pseudoscalarGeV: nil,
                                           f: 0.1, fprime: fp, coupling: .fprimeOnly, measurements: ms)
            let limit = 2 * fp * fp * mMu * mMu / (48 * Double.pi * Double.pi * m * m)
            #expect(c.deltaAMu > 0 && abs(c.deltaAMu / limit - 1) < 2e-3, "M = \(m): \(c.deltaAMu) vs \(limit)")
            #expect(c.link.contains("f' alone") && c.neutralCoupling == .fprimeOnly)
        }
        #expect(throws: MomentError.self) {
            try NeutralScalarCouplingAssumption.fprimeOnly.deltaAMu(neutralGeV: 100, kappa: 1, ffprime: 1e-3, fprime: nil)
        }
        #expect(throws: MomentError.self) {
            try G2HorizontalResult(neutralGeV: 100, heavyChargedGeV: 1000, sin2alpha: 1, splittingGeV: 0, kappa: 1, pseudoscalarGeV: 100,
                                   f: 0.1, fprime: 0.1, coupling: .fprimeOnly, measurements: ms)
        }
    }
}

@Suite("SU(2)_H region: mass side")
struct HorizontalRegionMassSideTests {
    @Test("horizontal-region: the naive m_ν of both interval edges at the smallest and largest m_h⁺, by hand")
    func region() throws {
        let r = try HorizontalRegionResult.compute(muLoMuB: 1.82e-11, muHiMuB: 3.46e-11, sin2alpha: 1, lightScalarGeV: 100...1000,
                                                   heavyScalarGeV: 1000...5000, steps: 3, loop: .exact)
        let side = try #require(r.massSide)
        #expect(side.count == 4 && Set(side.map(\.scaleGeV)) == [100, 1000])
        for m in side {
            #expect(abs(m.naiveMassEV / (m.scaleGeV * m.scaleGeV * m.muNuMuB / (2 * 0.51099895e-3) * 1e9) - 1) < 1e-12)
            #expect([1.82e-11, 3.46e-11].contains(m.muNuMuB))
        }
        #expect(r.text().contains("mass side"))
    }
}
