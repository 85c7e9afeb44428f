import Foundation
import Testing
@testable import Formats
@testable import Likelihood

/// The parameter of interest named by the spec (the signal model's), not hard-wired to μν.
@Suite("Parameter of interest from the signal model")
struct ParameterOfInterestTests {
    static func spec(poi: ParameterOfInterest?) -> ModelSpec {
        let name = poi?.name ?? ModelSpec.poiName
        return ModelSpec(
            channels: [ModelSpec.Channel(name: "count", binEdgesKeV: [1, 2], observed: [12], samples: [
                ModelSpec.Sample(name: "bkg", counts: [5], factors: []),
                ModelSpec.Sample(name: "sig", counts: [4], factors: [name]),
            ])],
            parameters: [ModelSpec.Parameter(name: name, initial: 1e-11, lower: 0, constraint: .free)],
            parameterOfInterest: poi)
    }

    @Test("a named parameter of interest is fitted, and the spec round-trips through JSON")
    func namedPOI() throws {
        let poi = ParameterOfInterest(name: "mu_e_mu", unit: "muB", symbol: "|λ_eμ|")
        let spec = Self.spec(poi: poi)
        let model = try BinnedModel(spec: spec)
        #expect(model.parameterNames[model.poiIndex] == "mu_e_mu")
        #expect(model.parameterOfInterest == poi)
        // closed form for one bin with a fixed background: ŝ = (n − b)/c = 7/4
        let best = try ProfileLikelihood(model: model).best
        #expect(abs(best.internalValues[model.poiIndex] - 7.0 / 4) < 1e-6)
        let decoded = try ModelSpec.decode(try spec.jsonData(), file: "spec.json", yaml: false)
        #expect(decoded == spec)
    }

    @Test("a spec of the universal μν carries no parameter_of_interest key (its bytes and digests are as before)")
    func defaultOmitted() throws {
        let text = String(decoding: try Self.spec(poi: .muNu).jsonData(), as: UTF8.self)
        #expect(!text.contains("parameter_of_interest"))
        #expect(try BinnedModel(spec: Self.spec(poi: nil)).parameterOfInterest == .muNu)
    }

    @Test("a parameter of interest missing from the parameters, or with a bad name, is refused naming the field")
    func refused() throws {
        var spec = Self.spec(poi: ParameterOfInterest(name: "mu_e_mu", unit: "muB", symbol: "|λ_eμ|"))
        spec.parameterOfInterest = ParameterOfInterest(name: "mu_e_tau", unit: "muB", symbol: "|λ_eτ|")
        #expect(throws: InputError.self) { try spec.validate() }
        spec.parameterOfInterest = ParameterOfInterest(name: "mu e", unit: "muB", symbol: "x")
        do {
            try spec.validate(file: "s.json")
            Issue.record("a name with a space was accepted")
        } catch let e as InputError {
            #expect("\(e)".contains("parameter_of_interest.name"))
        }
    }
}
