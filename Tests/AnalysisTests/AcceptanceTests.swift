import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

/// The published numbers the main job must reproduce (issue #4).
/// XENON1T: Aprile et al., PRD 102 (2020) 072004 — μν ∈ (1.4, 2.9)×10⁻¹¹ μB at 90 % CL, 3.2σ
/// (1–210 keV unbinned, tritium fixed to 0); with tritium free 0.9σ.
/// XENONnT: Aprile et al., PRL 129 (2022) 161805 — μν < 6.3×10⁻¹² μB at 90 % CL: UNVERIFIED (the
/// paper's text could not be read; a secondary quotation has 6.4×10⁻¹², 1.6 % away, well inside the
/// 30 % band below; data/limits/collaboration_results.json lists the sources and places searched).
@Suite("Acceptance: published μν results")
struct AcceptanceTests {
    @Test("XENON1T SR1, stepping, 1–7 keV: interval within 15% of (1.4, 2.9)e-11, 2.8σ–3.5σ")
    func xenon1t() throws {
        let r = try FitReport.make(model: TestModels.xenon1t)
        #expect(r.converged)
        #expect(abs(r.interval[0] / 1.4e-11 - 1) < 0.15, "lower \(r.interval[0])")
        #expect(abs(r.interval[1] / 2.9e-11 - 1) < 0.15, "upper \(r.interval[1])")
        #expect(r.significanceSigma > 2.8 && r.significanceSigma < 3.5, "Z = \(r.significanceSigma)")
        #expect(r.muNuBest > r.interval[0] && r.muNuBest < r.interval[1])
    }

    @Test("XENON1T with tritium free: μν significance below 1.5σ (published 0.9σ)")
    func xenon1tTritium() throws {
        let model = try AnalysisConfig(tritium: .free).buildModel().model
        let pl = try ProfileLikelihood(model: model)
        #expect(try pl.discovery().z < 1.5)
    }

    @Test("XENONnT SR0: no excess (< 1σ) and a 90% upper limit within 30% of 6.3e-12 μB")
    func xenonnt() throws {
        let model = try AnalysisConfig(channels: [.init(dataset: "xenonnt_sr0")]).buildModel().model
        let r = try FitReport.make(model: model)
        #expect(r.significanceSigma < 1)
        #expect(r.interval[0] == 0)
        #expect(abs(r.interval[1] / 6.3e-12 - 1) < 0.30, "upper limit \(r.interval[1])")
    }
}
