import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

@Suite("Background-hypothesis tests and sensitivity")
struct HypothesisTests {
    @Test("χ̄² p-values: ½χ²₁ for one boundary parameter; ¼χ²₁... weights for two")
    func chiBar() {
        let d = 4.0
        #expect(abs(HypothesisTest.chiBarSquaredP(d, k: 1) - 0.5 * Distributions.chiSquaredSurvival(d, dof: 1)) < 1e-15)
        let two = 0.5 * Distributions.chiSquaredSurvival(d, dof: 1) + 0.25 * Distributions.chiSquaredSurvival(d, dof: 2)
        #expect(abs(HypothesisTest.chiBarSquaredP(d, k: 2) - two) < 1e-15)
        #expect(HypothesisTest.chiBarSquaredP(0, k: 1) == 1)
    }

    /// XENON1T (PRD 102 (2020) 072004): tritium alone is favoured at 3.2σ over B0 (1–210 keV).
    @Test("XENON1T: B0 + ³H vs B0 gives about 3σ; testing μν equals the discovery q0")
    func tritiumAlone() throws {
        let model = try AnalysisConfig(tritium: .free).buildModel().model
        let t = try HypothesisTest(model: model, testedNames: ["tritium_xenon1t_sr1"], excludedNames: ["mu_nu"]).run()
        #expect(t.zAsymptotic > 2.5 && t.zAsymptotic < 3.6, "Z = \(t.zAsymptotic)")
        let m = TestModels.xenon1t
        let h = try HypothesisTest(model: m, testedNames: ["mu_nu"]).run()
        let q0 = try ProfileLikelihood(model: m).discovery().q0
        #expect(abs(h.deltaTwoNLL - q0) < 1e-6)
    }

    @Test("sensitivity band is ordered and brackets the Asimov median (XENONnT, 40 toys)")
    func sensitivityBand() throws {
        let model = try AnalysisConfig(channels: [.init(dataset: "xenonnt_sr0")]).buildModel().model
        let r = try Sensitivity.run(model: model, toys: 40, seed: 3)
        #expect(r.band.count == 5)
        #expect(zip(r.band, r.band.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(r.asimovMedian > r.band[1] && r.asimovMedian < r.band[3])
        #expect(r.failedToys == 0)
    }
}
