import Foundation
import Testing
@testable import Formats
@testable import MomentModels

/// The model calculators' input rules (``ModelInput``), written once in the library for the CLI
/// and the C interface: each refusal names the front end's input, valid inputs pass.
@Suite("Model calculator input rules")
struct ModelInputTests {
    /// The error of `input` with inputs named `<key>` (so a test sees which name was used where).
    static func failure<I: ModelInput>(_ input: I) -> InputError? {
        do { try input.check(naming: { "<\($0.rawValue)>" }); return nil } catch let e as InputError { return e } catch { return nil }
    }

    @Test("a moment in μB: negative, non-finite and unit mistakes are refused, naming the input")
    func moments() throws {
        let neg = try #require(Self.failure(ModelInputs.SMDirac(massEV: nil, muNuMuB: -1e-11)))
        #expect(neg.field == "<mu_nu_muB>" && neg.message.contains("Bohr magnetons"))
        let unit = try #require(Self.failure(ModelInputs.SMDirac(massEV: nil, muNuMuB: 0.5)))
        #expect(unit.field == "<mu_nu_muB>" && unit.message.contains("the unit is the Bohr magneton"))
        #expect(Self.failure(ModelInputs.SMDirac(massEV: nil, muNuMuB: 2e-11)) == nil)
        #expect(Self.failure(ModelInputs.SMDirac(massEV: 0.1, muNuMuB: nil)) == nil)
        let both = try #require(Self.failure(ModelInputs.SMDirac(massEV: 0.1, muNuMuB: 2e-11)))
        #expect(both.field == nil && both.message == "give exactly one of <mass_eV>, <mu_nu_muB>")
    }

    @Test("mass-moment: exactly two of μν, Λ, m_ν; Λ and m_ν bounded; μν > 0 to solve for Λ")
    func massMoment() throws {
        #expect(Self.failure(ModelInputs.MassMoment(muNuMuB: 1e-11, scaleGeV: 100, massEV: nil)) == nil)
        let one = try #require(Self.failure(ModelInputs.MassMoment(muNuMuB: 1e-11, scaleGeV: nil, massEV: nil)))
        #expect(one.message == "give exactly two of <mu_nu_muB>, <scale_GeV>, <mass_eV> (got 1)")
        let big = try #require(Self.failure(ModelInputs.MassMoment(muNuMuB: 1e-11, scaleGeV: 1e300, massEV: nil)))
        #expect(big.field == "<scale_GeV>" && big.message.hasPrefix("must be at most \(ModelInputLimits.scaleGeV) GeV"))
        let zero = try #require(Self.failure(ModelInputs.MassMoment(muNuMuB: 0, scaleGeV: nil, massEV: 1)))
        #expect(zero.field == "<mu_nu_muB>" && zero.message.contains("to solve for the scale"))
        #expect(Self.failure(ModelInputs.MassMoment(muNuMuB: nil, scaleGeV: 0, massEV: 1))?.field == "<scale_GeV>")
    }

    @Test("horizontal: the heavier scalar above the lighter, |sin 2α| ≤ 1, masses below the Planck bound")
    func horizontal() throws {
        #expect(Self.failure(ModelInputs.Horizontal(lightScalarGeV: 100, heavyScalarGeV: 1000, sin2Alpha: 1, targetMuB: 2e-11)) == nil)
        let swapped = try #require(Self.failure(ModelInputs.Horizontal(lightScalarGeV: 1000, heavyScalarGeV: 200, sin2Alpha: 1, targetMuB: nil)))
        #expect(swapped.field == "<m_H_plus_GeV>" && swapped.message.contains("above <m_h_plus_GeV>") && swapped.message.contains("lighter"))
        #expect(Self.failure(ModelInputs.Horizontal(lightScalarGeV: 100, heavyScalarGeV: 1000, sin2Alpha: 1.5, targetMuB: nil))?.field == "<sin2alpha>")
        #expect(Self.failure(ModelInputs.Horizontal(lightScalarGeV: 1e300, heavyScalarGeV: 2e300, sin2Alpha: 1, targetMuB: nil))?.field == "<m_h_plus_GeV>")
        #expect(Self.failure(ModelInputs.Horizontal(lightScalarGeV: 100, heavyScalarGeV: 1000, yukawaProduct: 1e7, sin2Alpha: 1, targetMuB: nil))?.field == "<ffprime>")
    }

    @Test("horizontal-region: an interval with upper > lower, non-zero sin 2α, ordered mass ranges, 1…200 steps")
    func horizontalRegion() throws {
        func input(lo: Double = 1.4e-11, hi: Double = 2.9e-11, s: Double = 1, h: (Double, Double) = (100, 1000), steps: Int = 8) -> ModelInputs.HorizontalRegion {
            .init(muLowerBohr: lo, muUpperBohr: hi, sin2Alpha: s, lightScalarGeV: h, heavyScalarGeV: (200, 5000), steps: steps)
        }
        #expect(Self.failure(input()) == nil)
        #expect(Self.failure(input(lo: 3e-11, hi: 1e-11))?.field == "<mu_upper_muB>")
        #expect(Self.failure(input(s: 0))?.message == "must be in [-1, 1] and non-zero, got 0.0")
        #expect(Self.failure(input(h: (1000, 100)))?.field == "<m_h_plus_GeV[1]>")
        #expect(Self.failure(input(steps: 0))?.field == "<steps>")
        #expect(Self.failure(input(steps: ModelInputs.HorizontalRegion.maxSteps + 1))?.field == "<steps>")
    }

    @Test("sm-transition and lr-mixing: three masses ≥ 0; one of sin 2ξ and μν; W₂ above m_W")
    func transitionAndMixing() throws {
        #expect(Self.failure(ModelInputs.SMTransition(massesEV: [0, 0.0086, 0.0502])) == nil)
        #expect(Self.failure(ModelInputs.SMTransition(massesEV: [0, 1]))?.field == "<masses_eV>")
        #expect(Self.failure(ModelInputs.SMTransition(massesEV: [0, -1, 2]))?.field == "<masses_eV>")
        let ok = ModelInputs.LRMixing(lepton: "e", sin2xi: 0.01, muNuMuB: nil, heavyWMassGeV: nil, neutrinoMassEV: 0)
        #expect(Self.failure(ok) == nil)
        #expect(try ok.leptonFlavour() == .e)
        #expect(Self.failure(ModelInputs.LRMixing(lepton: "x", sin2xi: 0.01, muNuMuB: nil, heavyWMassGeV: nil, neutrinoMassEV: 0))?.field == "<lepton>")
        #expect(Self.failure(ModelInputs.LRMixing(lepton: "e", sin2xi: 2, muNuMuB: nil, heavyWMassGeV: nil, neutrinoMassEV: 0))?.field == "<sin2xi>")
        #expect(Self.failure(ModelInputs.LRMixing(lepton: "e", sin2xi: nil, muNuMuB: nil, heavyWMassGeV: nil, neutrinoMassEV: 0))?.field == nil)
        #expect(Self.failure(ModelInputs.LRMixing(lepton: "e", sin2xi: 0.1, muNuMuB: nil, heavyWMassGeV: 1, neutrinoMassEV: 0))?.field == "<mw2_GeV>")
    }

    @Test("g−2 measurements: known and available ids, a user value with its error; the default and 'all'")
    func g2Measurements() throws {
        #expect(try ModelInputs.G2Measurements(ids: [], deltaAMu1e11: nil, sigma1e11: nil).measurements() == [MuonAnomalyMeasurement.defaultMeasurement])
        #expect(try ModelInputs.G2Measurements(ids: ["all"], deltaAMu1e11: nil, sigma1e11: nil).measurements()
            == MuonAnomalyMeasurement.all.filter(\.isAvailable))
        let user = try ModelInputs.G2Measurements(ids: [], deltaAMu1e11: 100, sigma1e11: 50).measurements()
        #expect(user.count == 1 && user[0].deltaAMu1e11 == 100 && user[0].sigma1e11 == 50)
        let unknown = try #require(Self.failure(ModelInputs.G2Measurements(ids: ["2025-final"], deltaAMu1e11: nil, sigma1e11: nil)))
        #expect(unknown.field == "<g2>" && unknown.message.hasPrefix("'2025-final' is not one of:"))
        #expect(Self.failure(ModelInputs.G2Measurements(ids: [], deltaAMu1e11: 100, sigma1e11: nil))?.message
            == "<delta_amu_1e11> and <delta_amu_sigma_1e11> go together")
        #expect(Self.failure(ModelInputs.G2Measurements(ids: [], deltaAMu1e11: 100, sigma1e11: 0))?.field == "<delta_amu_sigma_1e11>")
    }

    @Test("g2-horizontal: |f f′| or f and f′; fprime-only needs f′ and no pseudoscalar; the result is the calculator's")
    func g2Horizontal() throws {
        let ok = ModelInputs.G2Horizontal(neutralGeV: 100, heavyChargedGeV: 1000, ffprime: 1.25e-3)
        #expect(Self.failure(ok) == nil)
        let ms = [MuonAnomalyMeasurement.defaultMeasurement]
        let direct = try G2HorizontalResult(neutralGeV: 100, heavyChargedGeV: 1000, sin2alpha: 1, splittingGeV: 0, kappa: 1, pseudoscalarGeV: nil,
                                            ffprime: 1.25e-3, measurements: ms)
        #expect(try ok.result(measurements: ms).deltaAMu == direct.deltaAMu && (try ok.result(measurements: ms).muNuMuB) == direct.muNuMuB)
        #expect(Self.failure(ModelInputs.G2Horizontal(neutralGeV: 100, heavyChargedGeV: 1000, ffprime: nil))?.message
            == "give either <ffprime> or both <f> and <fprime>")
        #expect(Self.failure(ModelInputs.G2Horizontal(neutralGeV: 100, heavyChargedGeV: 1000, ffprime: 1, coupling: .fprimeOnly))?.field == "<neutral_coupling>")
        #expect(Self.failure(ModelInputs.G2Horizontal(neutralGeV: 100, heavyChargedGeV: 1000, pseudoscalarGeV: 200, ffprime: nil, f: 0.1, fprime: 0.1,
                                                      coupling: .fprimeOnly))?.field == "<pseudoscalar_GeV>")
        #expect(Self.failure(ModelInputs.G2Horizontal(neutralGeV: 100, heavyChargedGeV: 1000, pseudoscalarGeV: 0.01, ffprime: 1))?.field == "<pseudoscalar_GeV>")
    }

    @Test("joint: at least one band, ordered band ends in μB, a profile only with a fit, CL in (0, 1)")
    func joint() throws {
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(1.4e-11, 2.9e-11)])) == nil)
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: []))?.message == "give at least one μν band: <fits> FILE or <mu_ranges> LO,HI")
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(3e-11, 1e-11)]))?.field == "<mu_ranges>")
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(1e-11, 2)]))?.field == "<mu_ranges.upper_muB>")
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(1e-11, 2e-11)], profile: "scan.json"))?.field == "<profile>")
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(1e-11, 2e-11)], steps: 0))?.field == "<steps>")
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(1e-11, 2e-11)], sin2Alpha: 0))?.field == "<sin2alpha>")
        #expect(Self.failure(ModelInputs.Joint(fits: [], muRanges: [(1e-11, 2e-11)], cl: 1))?.field == "<cl>")
    }

    @Test("effective: element and upper μν end together, a valid element, an ordered window; the request's defaults")
    func effective() throws {
        let ok = ModelInputs.Effective(recoilKeV: 2, element: "e-mu", muLowerBohr: nil, muUpperBohr: 6.3e-12, eminKeV: nil, emaxKeV: nil)
        #expect(Self.failure(ok) == nil)
        let r = try #require(try ok.elementRequest())
        #expect(r.muIntervalBohr == 0...6.3e-12 && r.windowKeV == 1...30 && r.basis == .flavour && r.row == 0 && r.column == 1)
        #expect(try ModelInputs.Effective(recoilKeV: nil, element: nil, muLowerBohr: nil, muUpperBohr: nil, eminKeV: nil, emaxKeV: nil).elementRequest() == nil)
        #expect(Self.failure(ModelInputs.Effective(recoilKeV: nil, element: "e-mu", muLowerBohr: nil, muUpperBohr: nil, eminKeV: nil, emaxKeV: nil))?.message
            == "<element> and <mu_hi_muB> go together")
        #expect(Self.failure(ModelInputs.Effective(recoilKeV: nil, element: "zz", muLowerBohr: nil, muUpperBohr: 1e-11, eminKeV: nil, emaxKeV: nil))?.field == "<element>")
        #expect(Self.failure(ModelInputs.Effective(recoilKeV: -1, element: nil, muLowerBohr: nil, muUpperBohr: nil, eminKeV: nil, emaxKeV: nil))?.field == "<recoil_keV>")
        #expect(Self.failure(ModelInputs.Effective(recoilKeV: nil, element: "e-mu", muLowerBohr: 2e-11, muUpperBohr: 1e-11, eminKeV: nil, emaxKeV: nil))?.field == "<mu_hi_muB>")
        #expect(Self.failure(ModelInputs.Effective(recoilKeV: nil, element: "e-mu", muLowerBohr: nil, muUpperBohr: 1e-11, eminKeV: 5, emaxKeV: 2))?.field == "<emax_keV>")
    }

    @Test("the C interface names inputs by its keys (the default naming)")
    func defaultNaming() throws {
        do {
            try ModelInputs.SMTransition(massesEV: [1]).check()
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.field == "masses_eV" && e.description.hasPrefix("field 'masses_eV': must be three masses"))
        }
    }
}
