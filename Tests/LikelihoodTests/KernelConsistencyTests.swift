import Foundation
import Testing
import GSL
@testable import Formats
@testable import Likelihood

/// The flat-array likelihood kernel (``BinnedModel/evaluate(_:_:into:)``, ``BinnedModel/nll(_:_:)``,
/// ``BinnedModel/expected(_:)``) against independent evidence: the per-sample path of
/// ``BinnedModel/expectedBySample(_:)``, finite differences of −ln L, and fits with and
/// without the final error computation.
@Suite("Likelihood kernel consistency")
struct KernelConsistencyTests {
    /// Two channels; a signal with two factors (μν² × flux) and a histosys; a background with a
    /// factor and a histosys on the same nuisance; one sample with no factor; Gaussian
    /// constraints; bins a parameter does not reach.
    static func model() throws -> BinnedModel {
        let spec = ModelSpec(
            channels: [
                ModelSpec.Channel(name: "a", binEdgesKeV: [1, 2, 3, 4], observed: [31, 22, 14], samples: [
                    ModelSpec.Sample(name: "sig", counts: [9, 5, 2], factors: [ModelSpec.poiName, "flux"],
                                     histosys: [ModelSpec.HistoSys(parameter: "atomic", up: [10, 5.5, 2.1], down: [8.5, 4.6, 1.9])]),
                    ModelSpec.Sample(name: "bkg", counts: [20, 15, 11], factors: ["norm_a"],
                                     histosys: [ModelSpec.HistoSys(parameter: "shape", up: [21, 15, 10], down: [19.5, 15.2, 11.6])]),
                    ModelSpec.Sample(name: "fixed", counts: [1, 1, 1], factors: []),
                ]),
                ModelSpec.Channel(name: "b", binEdgesKeV: [1, 3, 5], observed: [40, 25], samples: [
                    ModelSpec.Sample(name: "sig", counts: [6, 3], factors: [ModelSpec.poiName, "flux"]),
                    ModelSpec.Sample(name: "bkg", counts: [33, 24], factors: ["norm_b"]),
                ]),
            ],
            parameters: [
                ModelSpec.Parameter(name: ModelSpec.poiName, initial: 1e-11, lower: 0, constraint: .free),
                ModelSpec.Parameter(name: "flux", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.1)),
                ModelSpec.Parameter(name: "atomic", initial: 0, constraint: .gaussian(mean: 0, sigma: 1)),
                ModelSpec.Parameter(name: "norm_a", initial: 1, lower: 0, constraint: .free),
                ModelSpec.Parameter(name: "shape", initial: 0, constraint: .gaussian(mean: 0, sigma: 1)),
                ModelSpec.Parameter(name: "norm_b", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.2)),
            ])
        return try BinnedModel(spec: spec)
    }

    /// Points on both sides of the histosys kinks.
    static let points: [[Double]] = [
        [0.7, 1.05, 0.4, 0.97, -0.3, 1.02],
        [1.3, 0.93, -0.8, 1.04, 0.6, 0.95],
    ]

    @Test("expected counts equal the sum of the per-sample counts", arguments: points)
    func expectedMatchesPerSample(theta: [Double]) throws {
        let m = try Self.model()
        var sum = [Double](repeating: 0, count: m.binCount)
        for s in m.expectedBySample(theta) {
            for (j, c) in s.counts.enumerated() { sum[m.channelRanges[s.channel].lowerBound + j] += c }
        }
        let lam = m.expected(theta)
        for i in 0..<m.binCount { #expect(abs(lam[i] - sum[i]) <= 1e-12 * abs(sum[i])) }
    }

    @Test("evaluate's value, gradient and Hessian match nll and its finite differences", arguments: points)
    func derivativesMatchFiniteDifferences(theta: [Double]) throws {
        let m = try Self.model()
        let ws = BinnedModel.Workspace(model: m)
        let v = m.evaluate(theta, m.observed, into: ws)
        #expect(abs(v - m.nll(theta, m.observed)) <= 1e-12 * abs(v))
        expectDerivativesMatchFiniteDifferences(m, at: theta)
    }

    @Test("a fit without the final error computation has the same values, −ln L and status")
    func computesErrorsOffChangesNoValue() throws {
        let m = try Self.model()
        let gen = ToyGenerator(model: m, truth: Self.points[0])
        for k in 0..<20 {
            let obs = gen.generate(using: RandomSource(seed: 7, stream: UInt64(k)))
            let with = Fitter(model: m), without = Fitter(model: m)
            without.computesErrors = false
            let a = try with.fit(obs), b = try without.fit(obs)
            #expect(a.internalValues == b.internalValues)
            #expect(a.nll == b.nll)
            #expect(a.converged == b.converged)
            #expect(b.errors.allSatisfy { $0 == 0 })
            #expect(a.errors[m.poiIndex] > 0 || a.atBound[m.poiIndex])
        }
    }
}
