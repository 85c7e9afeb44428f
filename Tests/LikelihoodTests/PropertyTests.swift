import Foundation
import PropertyBased
import Testing
@testable import GSL
@testable import Formats
@testable import Likelihood

/// Property-based tests (x-sheep/swift-property-based): invariants over random inputs (issue #7).
@Suite("Properties")
struct PropertyTests {
    /// A random counting-type model: a few bins, a background with a Gaussian normalisation
    /// constraint, a signal shape, and observed counts.
    static func randomModel(bins: Int, scale: Double, sigma: Double, seed: Int) throws -> BinnedModel {
        let rng = RandomSource(seed: UInt64(seed))
        let b = (0..<bins).map { _ in scale * (0.5 + rng.uniform()) }
        let c = (0..<bins).map { _ in scale * 0.2 * (0.1 + rng.uniform()) }
        let n = zip(b, c).map { Double(rng.poisson(mean: $0 + 0.8 * $1)) }
        let spec = ModelSpec(
            channels: [ModelSpec.Channel(name: "r", binEdgesKeV: (0...bins).map { 1 + Double($0) }, observed: n, samples: [
                ModelSpec.Sample(name: "bkg", counts: b, factors: ["theta"]),
                ModelSpec.Sample(name: "sig", counts: c, factors: [ModelSpec.poiName]),
            ])],
            parameters: [
                ModelSpec.Parameter(name: ModelSpec.poiName, initial: 1e-11, lower: 0, constraint: .free),
                ModelSpec.Parameter(name: "theta", initial: 1, lower: 0, constraint: .gaussian(sigma: sigma)),
            ])
        return try BinnedModel(spec: spec)
    }

    @Test("−2ΔlnL ≥ 0 everywhere and 0 at the best fit")
    func nonNegativeProfile() async {
        await propertyCheck(count: 40, input: Gen.int(in: 1...8), Gen.double(in: 3...300), Gen.int(in: 0...100_000)) { bins, scale, seed in
            let m = try Self.randomModel(bins: bins, scale: scale, sigma: 0.05, seed: seed)
            let pl = try ProfileLikelihood(model: m)
            #expect(try pl.t(internal: pl.best.internalValues[m.poiIndex]) < 1e-7)
            for k in 0...6 {
                let s = Double(k) * max(pl.best.internalValues[m.poiIndex], 0.5) / 2
                // unclamped: no conditional fit may beat the global one (t̃ ≥ 0 without the clamp)
                #expect(2 * (try pl.conditionalFit(internal: s).nll - pl.best.nll) >= -1e-7)
            }
        }
    }

    @Test("intervals nest as the confidence level grows")
    func nesting() async {
        await propertyCheck(count: 15, input: Gen.int(in: 2...6), Gen.double(in: 10...200), Gen.int(in: 0...100_000)) { bins, scale, seed in
            let pl = try ProfileLikelihood(model: try Self.randomModel(bins: bins, scale: scale, sigma: 0.03, seed: seed))
            var prev: MuNuInterval?
            for cl in [0.68, 0.9, 0.95] {
                let iv = try AsymptoticInterval.interval(pl, cl: cl, method: .wilks)
                #expect(iv.lower <= iv.upper)
                if let p = prev { #expect(iv.lower <= p.lower * (1 + 1e-6) + 1e-18 && iv.upper >= p.upper * (1 - 1e-6)) }
                prev = iv
            }
        }
    }

    @Test("merging shards gives the whole study, for any number of shards and toys")
    func shardsMerge() async {
        let m = try! Self.randomModel(bins: 4, scale: 50, sigma: 0.05, seed: 1)
        let runner = ToyRunner(model: m, truth: m.initial, statistic: .q0, seed: 77)
        var whole: [ToyRecord] = []
        runner.run(0..<40, threads: 1) { whole += $0 }
        await propertyCheck(count: 20, input: Gen.int(in: 1...40)) { nshards in
            var merged: [ToyRecord] = []
            for i in 0..<nshards { runner.run(Sharding.range(shard: i, of: nshards, total: 40), threads: 2, blockSize: 3) { merged += $0 } }
            #expect(merged == whole)
        }
    }
}
