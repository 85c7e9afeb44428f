import Foundation
import Testing
import GSL
@testable import Formats
@testable import Likelihood

/// The fast paths of the fit against the general forms they replace: the kernel's written-out
/// two- and three-factor samples and its −ln L in nll's form, the allocation-free Gauss–Jordan
/// inverse, and the toy runner's restricted fit without errors. Each must give the same numbers
/// bit for bit, or (for derivatives) agree with finite differences of −ln L.
@Suite("Likelihood fast paths")
struct FastPathTests {
    /// Samples with zero, one, two (with and without a histosys), three (with two histosys
    /// terms) and four factors, Gaussian constraints, and bins some parameters do not reach.
    static func model() throws -> BinnedModel {
        let poi = ModelSpec.poiName
        let spec = ModelSpec(
            channels: [
                ModelSpec.Channel(name: "a", binEdgesKeV: [1, 2, 3, 4], observed: [41, 30, 17], samples: [
                    ModelSpec.Sample(name: "sig", counts: [9, 5, 2], factors: ["eff_a", "flux", poi],
                                     histosys: [ModelSpec.HistoSys(parameter: "atomic", up: [10, 5.5, 2.1], down: [8.5, 4.6, 1.9]),
                                                ModelSpec.HistoSys(parameter: "shape_a", up: [9.4, 5.1, 2.2], down: [8.8, 4.8, 1.7])]),
                    ModelSpec.Sample(name: "bkg", counts: [20, 15, 11], factors: ["eff_a", "norm_a"]),
                    ModelSpec.Sample(name: "bkg2", counts: [6, 4, 2], factors: ["eff_a", "norm_a2"],
                                     histosys: [ModelSpec.HistoSys(parameter: "shape_a", up: [6.5, 4, 1.8], down: [5.6, 4.1, 2.3])]),
                    ModelSpec.Sample(name: "fixed", counts: [1, 1, 1], factors: []),
                ]),
                ModelSpec.Channel(name: "b", binEdgesKeV: [1, 3, 5], observed: [52, 30], samples: [
                    ModelSpec.Sample(name: "sig", counts: [6, 3], factors: ["eff_b", "flux", poi, "norm_b"]),
                    ModelSpec.Sample(name: "bkg", counts: [33, 24], factors: ["norm_b"]),
                    ModelSpec.Sample(name: "bkg2", counts: [8, 2], factors: ["eff_b", "norm_b2"]),
                ]),
            ],
            parameters: [
                ModelSpec.Parameter(name: poi, initial: 1e-11, lower: 0, constraint: .free),
                ModelSpec.Parameter(name: "flux", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.1)),
                ModelSpec.Parameter(name: "atomic", initial: 0, constraint: .gaussian(mean: 0, sigma: 1)),
                ModelSpec.Parameter(name: "eff_a", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.05)),
                ModelSpec.Parameter(name: "norm_a", initial: 1, lower: 0, constraint: .free),
                ModelSpec.Parameter(name: "norm_a2", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.3)),
                ModelSpec.Parameter(name: "shape_a", initial: 0, constraint: .gaussian(mean: 0, sigma: 1)),
                ModelSpec.Parameter(name: "eff_b", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.07)),
                ModelSpec.Parameter(name: "norm_b", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.2)),
                ModelSpec.Parameter(name: "norm_b2", initial: 1, lower: 0, constraint: .free),
            ])
        return try BinnedModel(spec: spec)
    }

    /// Points on both sides of the histosys kinks.
    static let points: [[Double]] = [
        [0.7, 1.05, 0.4, 0.97, 1.03, 0.9, -0.3, 1.02, 0.96, 1.1],
        [1.3, 0.93, -0.8, 1.04, 0.95, 1.2, 0.6, 0.97, 1.05, 0.85],
    ]

    @Test("the kernel's two values are evaluate's and nll's, bit for bit", arguments: points)
    func kernelValuesAreExact(theta: [Double]) throws {
        let m = try Self.model()
        let obs = m.observed
        let both = m.evaluateBoth(theta, obs, into: BinnedModel.Workspace(model: m))
        #expect(both.nll == m.nll(theta, obs))
        #expect(both.value == m.evaluate(theta, obs, into: BinnedModel.Workspace(model: m)))
        #expect(abs(both.value - both.nll) <= 1e-12 * abs(both.nll))
    }

    @Test("gradient and Hessian match finite differences for every factor count", arguments: points)
    func derivativesMatchFiniteDifferences(theta: [Double]) throws {
        expectDerivativesMatchFiniteDifferences(try Self.model(), at: theta)
    }

    @Test("the flat Gauss–Jordan inverse gives invert's numbers bit for bit")
    func flatInverseIsExact() {
        let rng = RandomSource(seed: 11, stream: 0)
        for n in 1...22 {
            // a random symmetric positive-definite matrix, AᵀA + n·I
            let a = (0..<(n * n)).map { _ in rng.gaussian(mean: 0, sigma: 1) }
            var m = [[Double]](repeating: [Double](repeating: 0, count: n), count: n)
            for i in 0..<n {
                for j in 0..<n {
                    var s = i == j ? Double(n) : 0
                    for k in 0..<n { s += a[k * n + i] * a[k * n + j] }
                    m[i][j] = s
                }
            }
            let reference = invert(m)
            var flat = m.flatMap { $0 }
            var inv = [Double](repeating: .nan, count: n * n)
            let ok = flat.withUnsafeMutableBufferPointer { f in inv.withUnsafeMutableBufferPointer { invertInPlace(n, f, $0) } }
            #expect(ok)
            #expect(reference.map { $0.flatMap { $0 } } == inv, "n = \(n)")
        }
        // singular: both refuse
        var singular = [1.0, 2, 2, 4]
        var inv = [Double](repeating: 0, count: 4)
        let ok = singular.withUnsafeMutableBufferPointer { f in inv.withUnsafeMutableBufferPointer { invertInPlace(2, f, $0) } }
        #expect(!ok)
        #expect(invert([[1, 2], [2, 4]]) == nil)
    }

    @Test("a toy's record does not depend on the fitter's error setting, which the toy leaves as it was")
    func toyRestoresErrorSetting() throws {
        let m = try Self.model()
        let runner = ToyRunner(model: m, truth: Self.points[0], statistic: .q0, seed: 5)
        for k in 0..<10 {
            let with = Fitter(model: m), without = Fitter(model: m)
            without.computesErrors = false
            let a = runner.runToy(k, fitter: with), b = runner.runToy(k, fitter: without)
            #expect(with.computesErrors && !without.computesErrors)
            #expect(a.statistic == b.statistic && a.nllFree == b.nllFree && a.nllConstrained == b.nllConstrained)
            #expect(a.sHat == b.sHat && a.converged == b.converged && !a.failed)
            #expect(a.sHatError > 0 || a.sHat == 0)
        }
    }
}
