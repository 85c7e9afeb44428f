import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

/// The signal model feeds the fit (its parameter of interest and template), and background roles
/// are declared in the dataset specs.
@Suite("Signal models in the fit; declared tritium role")
struct SignalModelFitTests {
    static let dataDir = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data").path

    @Test("a model whose template is half the universal one is fitted in its own units: θ̂ = √2 μ̂ν, its interval √2 × μν's")
    func halfTemplate() throws {
        var config = AnalysisConfig(dataDirectory: Self.dataDir)
        let universal = try config.analyse(cl: 0.9, method: .unified).report
        let poi = ParameterOfInterest(name: "theta_half", unit: "muB", symbol: "θ")
        config.signal = .momentElement(poi, weight: MagneticMomentWeight(label: "½") { _, _ in 0.5 })
        let built = try config.buildModel().model
        #expect(built.parameterNames[built.poiIndex] == "theta_half")
        #expect(built.parameterOfInterest == poi)
        let half = try config.analyse(cl: 0.9, method: .unified).report
        #expect(abs(half.muNuBest / universal.muNuBest - 2.0.squareRoot()) < 1e-4)
        for k in 0..<2 { #expect(abs(half.interval[k] / universal.interval[k] - 2.0.squareRoot()) < 1e-4) }
        #expect(abs(half.q0 - universal.q0) < 1e-6)  // the same likelihood, reparametrised
    }

    @Test("the universal model's spec is the one it always was (no parameter_of_interest key; same signal counts)")
    func universalUnchanged() throws {
        let spec = try AnalysisConfig(dataDirectory: Self.dataDir).buildModel().model.spec
        #expect(spec.parameterOfInterest == nil)
        #expect(spec.poi == .muNu)
        #expect(spec.parameters[0].name == "mu_nu")
    }

    @Test("renaming the only background to tritium_B0 keeps it in the fit; only role 'tritium' is the hypothesis")
    func renameKeepsBackground() throws {
        let rename = try DatasetSpec.Override(parsing: "xenonnt_sr0.backgrounds.B0.name=tritium_B0")
        let config = AnalysisConfig(channels: [.init(dataset: "xenonnt_sr0", overrides: [rename])], dataDirectory: Self.dataDir)
        let spec = try config.buildModel().model.spec
        #expect(spec.channels[0].samples.map(\.name).contains("tritium_B0"))
        // XENON1T: the declared tritium component is out by default and in with tritium free
        let off = try AnalysisConfig(dataDirectory: Self.dataDir).buildModel().model.spec
        #expect(!off.channels[0].samples.map(\.name).contains("tritium"))
        let on = try AnalysisConfig(tritium: .free, dataDirectory: Self.dataDir).buildModel().model.spec
        #expect(on.channels[0].samples.map(\.name).contains("tritium"))
    }
}
