import Foundation
import Testing
@testable import MomentModels

/// What the SU(2)_H views do not evaluate — the model's own m_ν, the 1/8π² prefactor, the
/// lepton-flavour-violating rates and the LHC bounds — is said with the exact text missing, in
/// the text and the JSON; the limits that are quoted match the sentences they were read from.
@Suite("SU(2)_H missing texts and unapplied constraints")
struct MissingTextTests {
    /// The number in "1.5 x 10-13" or "4.2 x 10^-8" style text.
    static func quotedPower(_ text: String) throws -> Double {
        let m = try #require(text.firstMatch(of: /([0-9.]+) x 10\^?(-[0-9]+)/))
        return try #require(Double(String(m.1))) * pow(10, try #require(Double(String(m.2))))
    }

    static func json(_ value: some Encodable) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as? [String: Any])
    }

    @Test("every SU(2)_H missing text names the quantity, the missing text, its paper, what is readable and where else it was looked for")
    func entries() {
        let all: [MissingText] = [.su2hNeutrinoMass, .su2hMomentPrefactor, .su2hRadiativeDecayRates, .su2hNeutralScalarCollider, .su2hChargedScalarLHC]
        #expect(Set(all.map(\.quantity)).count == all.count)
        for m in all {
            #expect(!m.quantity.isEmpty && !m.missing.isEmpty && !m.readable.isEmpty)
            #expect(m.source.contains("arXiv:2007.04291") || m.source.contains("arXiv:2104.03291"))
            #expect(m.lookedIn == MissingText.placesLooked && m.lookedIn.count >= 5)
            #expect(m.line.contains("not evaluated") && m.line.contains(m.missing))
        }
        #expect(MissingText.su2hNeutrinoMass.missing.contains("m_nu formula") && MissingText.su2hNeutrinoMass.missing.contains("breaking parameter"))
        #expect(MissingText.su2hMomentPrefactor.missing.contains("normalisation of f and f'"))
    }

    @Test("the quoted limits equal the numbers in the sentences they were read from, at 90 % CL")
    func limitsMatchQuotes() throws {
        for u in [UnappliedConstraint.muToEGamma, .tauToMuGamma, .tauToEGamma] {
            let source = try #require(u.limitSource), value = try #require(u.limitValue)
            let quoted = try Self.quotedPower(source)
            #expect(abs(quoted / value - 1) < 1e-12, "\(u.constraint): \(value) vs the quote's \(quoted)")
            #expect(u.cl == 0.9 && (source.contains("90 % C.L.") || source.contains("90% confidence level")))
            #expect(u.missing == .su2hRadiativeDecayRates)
        }
        #expect(UnappliedConstraint.muToEGamma.limitSource!.contains("arXiv:2504.15711"))
        #expect(UnappliedConstraint.tauToMuGamma.limitSource!.contains("arXiv:2103.12994"))
        for u in [UnappliedConstraint.neutralScalarsLHC, .chargedScalarsLHC] {
            #expect(u.limit == nil && u.limitValue == nil && u.shortLine.hasSuffix("no limit built in"))
        }
        #expect(UnappliedConstraint.su2h.count == 5)
    }

    @Test("the mass side names the missing m_ν text in its status and in model_m_nu_missing; files without the key still read")
    func massSide() throws {
        let side = try HorizontalMassSide(muNuMuB: 2e-11, lightScalarGeV: 100)
        #expect(side.modelMassEV == nil && side.modelMissing == .su2hNeutrinoMass)
        #expect(side.modelStatus.contains("missing:") && side.modelStatus.contains("body of Babu, Jana & Lindner"))
        let obj = try Self.json(side)
        let missing = try #require(obj["model_m_nu_missing"] as? [String: Any])
        #expect((missing["looked_in"] as? [String])?.count == MissingText.placesLooked.count)
        var old = obj
        old["model_m_nu_missing"] = nil
        let decoded = try JSONDecoder().decode(HorizontalMassSide.self, from: JSONSerialization.data(withJSONObject: old))
        #expect(decoded.modelMissing == nil && decoded.naiveMassEV == side.naiveMassEV)
    }

    @Test("model horizontal and horizontal-region carry the prefactor's missing text")
    func prefactor() throws {
        let r = try HorizontalMomentResult(lightScalarGeV: 100, heavyScalarGeV: 1000, yukawaProduct: 1.25e-3, sin2Alpha: 1, loop: .exact, targetMuB: nil)
        #expect(r.prefactorMissing == .su2hMomentPrefactor)
        #expect((try Self.json(r)["prefactor_missing"] as? [String: Any])?["missing"] as? String == MissingText.su2hMomentPrefactor.missing)
        #expect(HorizontalSymmetryModel.prefactorVerification.contains("missing: the Yukawa Lagrangian"))
        let region = try HorizontalRegionResult.compute(muLoMuB: 1.82e-11, muHiMuB: 3.46e-11, sin2alpha: 1, lightScalarGeV: 100...500,
                                                        heavyScalarGeV: 1000...2000, steps: 3, loop: .exact)
        #expect(region.prefactorMissing == .su2hMomentPrefactor && region.massSide?.allSatisfy { $0.modelMissing == .su2hNeutrinoMass } == true)
    }

    @Test("the joint view lists every unapplied constraint with its limit and the missing text, in text and JSON")
    func joint() throws {
        let link = try HorizontalJointRegion(heavyChargedGeV: 1000, sin2Alpha: 1)
        let bands = [try MuNuBand(label: "A", lowerBohr: 1.82e-11, upperBohr: 3.46e-11)]
        let out = try JointResult.compute(link: link, neutralGeV: 50...800, steps: 5, bands: bands, measurements: [.wp2025], profile: nil)
        let collider = try #require(out.collider)
        #expect(collider.notApplied == UnappliedConstraint.su2h)
        #expect(out.massSide?.modelMissing == .su2hNeutrinoMass && out.prefactorMissing == .su2hMomentPrefactor)
        #expect(out.text.contains("prefactor: the 1/8π² of μ_eμ is unverified"))
        let text = out.text
        #expect(text.contains("mu -> e gamma: B(mu+ -> e+ gamma) < 1.5e-13 (90% C.L.) [MEG II, arXiv:2504.15711]"))
        #expect(text.contains("missing for \(MissingText.su2hRadiativeDecayRates.quantity)"))
        #expect(text.contains("missing: the m_nu formula after SU(2)_H breaking"))
        let obj = try Self.json(out)
        let list = try #require((obj["collider"] as? [String: Any])?["not_applied"] as? [[String: Any]])
        #expect(list.count == 5 && list[0]["limit_value"] as? Double == 1.5e-13)
        #expect(((obj["mass_side"] as? [String: Any])?["model_m_nu_missing"] as? [String: Any])?["source"] as? String == MissingText.su2hNeutrinoMass.source)
    }
}
