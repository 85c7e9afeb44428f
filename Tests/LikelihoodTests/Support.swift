import Foundation
@testable import Formats
@testable import Likelihood

/// Small hand-made models for closed-form checks.
enum TestModels {
    /// One bin: background b (fixed), signal c at μ_ref; n observed.
    static func counting(n: Double, b: Double, c: Double) throws -> BinnedModel {
        let spec = ModelSpec(
            channels: [ModelSpec.Channel(name: "count", binEdgesKeV: [1, 2], observed: [n], samples: [
                ModelSpec.Sample(name: "bkg", counts: [b], factors: []),
                ModelSpec.Sample(name: "sig", counts: [c], factors: [ModelSpec.poiName]),
            ])],
            parameters: [ModelSpec.Parameter(name: ModelSpec.poiName, initial: 1e-11, lower: 0, constraint: .free)])
        return try BinnedModel(spec: spec)
    }
}
