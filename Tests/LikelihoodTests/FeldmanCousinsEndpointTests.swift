import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Likelihood

/// Feldman–Cousins endpoints (issue 15): interpolation, their toy and grid errors, refinement,
/// and the construction from toys files.
@Suite("Feldman–Cousins endpoints and errors")
struct FeldmanCousinsEndpointTests {
    /// t̃_obs(x) = x² (exact) and a curved critical value c(x) = 2 + 0.3 x²: the crossing with c
    /// interpolated linearly is off the true root √(2/0.7) by c's curvature, which the grid error
    /// estimates from the shape curve; the toy error is the propagated quantile error.
    @Test("grid and toy errors of an interpolated crossing")
    func crossingErrors() throws {
        let t: (Double) -> Double = { $0 * $0 }
        let c: (Double) -> Double = { 2 + 0.3 * $0 * $0 }
        let curves = FeldmanCousins.Curves(tObserved: { t($0) }, criticalShape: { c($0) })
        func pts(_ xs: [Double], dc: Double = 0.05) -> [FeldmanCousins.Point] {
            xs.map { FeldmanCousins.Point(muNu: $0, tObserved: t($0), criticalValue: c($0), criticalValueError: dc, toys: 1000,
                                          failedToys: 0, nonConvergedToys: 0, accepted: t($0) <= c($0)) }
        }
        let root = (2 / 0.7).squareRoot()
        let xs = stride(from: 0.0, through: 3.0, by: 0.5).map { $0 }
        let p = pts(xs)
        let i = p.lastIndex { $0.accepted }!
        let e = try FeldmanCousins.crossing(p, i, curves)
        let trueError = abs(e.muNu - root)
        #expect(trueError > 1e-3)
        #expect(abs(e.gridError / trueError - 1) < 0.1, "grid error \(e.gridError) vs true \(trueError)")
        // toy error = |∂x/∂c_a| δc_a ⊕ |∂x/∂c_b| δc_b, checked by moving each critical value
        func moved(_ k: Int, _ eps: Double) throws -> Double {
            var q = p
            q[k].criticalValue += eps
            return try FeldmanCousins.crossing(q, i, curves).muNu
        }
        let dxa = (try moved(i, 1e-6) - moved(i, -1e-6)) / 2e-6, dxb = (try moved(i + 1, 1e-6) - moved(i + 1, -1e-6)) / 2e-6
        let expected = ((dxa * 0.05) * (dxa * 0.05) + (dxb * 0.05) * (dxb * 0.05)).squareRoot()
        #expect(abs(e.toyError / expected - 1) < 1e-3, "\(e.toyError) vs \(expected)")
        // a straight c has no grid error, and the crossing is exact
        let flat = FeldmanCousins.Curves(tObserved: { t($0) }, criticalShape: { _ in 2.7 })
        let q = xs.map { FeldmanCousins.Point(muNu: $0, tObserved: t($0), criticalValue: 2.7, criticalValueError: 0.05, toys: 1000,
                                              failedToys: 0, nonConvergedToys: 0, accepted: t($0) <= 2.7) }
        let ef = try FeldmanCousins.crossing(q, q.lastIndex { $0.accepted }!, flat)
        #expect(abs(ef.muNu - 2.7.squareRoot()) < 1e-8 && ef.gridError == 0)
        // a finer grid shrinks the grid error like h²
        let fine = pts(stride(from: 0.0, through: 3.0, by: 0.25).map { $0 })
        let e2 = try FeldmanCousins.crossing(fine, fine.lastIndex { $0.accepted }!, curves)
        #expect(e2.gridError < 0.5 * e.gridError)
    }

    @Test("the quantile error matches the spread of quantiles over independent samples")
    func quantileError() throws {
        // 200 samples of 2000 standard normals: the sd of their 90% quantiles vs the mean estimate
        var qs: [Double] = [], errs: [Double] = []
        for k in 0..<200 {
            let rng = RandomSource(seed: 5, stream: UInt64(k))
            let v = (0..<2000).map { _ in rng.gaussian(mean: 0, sigma: 1) }.sorted()
            qs.append(FeldmanCousins.quantile(v, 0.9))
            errs.append(FeldmanCousins.quantileError(v, 0.9))
        }
        let mean = qs.reduce(0, +) / 200
        let sd = (qs.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / 199).squareRoot()
        let est = errs.reduce(0, +) / 200
        // asymptotic sd of the 0.9 quantile of N(0,1): √(0.09/2000)/φ(1.2816) = 0.0382
        #expect(abs(est / sd - 1) < 0.2, "estimated \(est), observed \(sd)")
    }

    /// The construction from toys files equals the local construction when the files hold the same
    /// toys (stream k of seed mix(seed, k) at grid point k), and refinement drives the grid error
    /// below a fifth of the toy error (or uses up its points).
    @Test("from toys files = local construction; refinement")
    func fromToysEqualsLocal() throws {
        let model = try TestModels.counting(n: 12, b: 8, c: 3)
        let pl = try ProfileLikelihood(model: model)
        let fc = FeldmanCousins(profile: pl, cl: 0.9, toysPerPoint: 400, seed: 3, threads: 2, maxRefinements: 0)
        let grid = (0..<10).map { 4.5e-11 * Double($0) / 9 }
        let local = try fc.construct(grid: grid)
        var samples: [ToyStudySample] = []
        for (k, mu) in grid.enumerated() {
            let study = try ToyStudy(profile: pl, muNu: mu, statistic: "t", seed: RandomSource.mix(3, UInt64(k)), totalToys: 400)
            var values: [Double] = []
            var failed = 0, nonConverged = 0
            study.runner.run(0..<400, threads: 2) { block in
                for r in block {
                    if r.failed { failed += 1 } else { values.append(r.statistic); if !r.converged { nonConverged += 1 } }
                }
            }
            samples.append(ToyStudySample(path: "mu\(k)", header: study.header, statistics: values, failed: failed, nonConverged: nonConverged))
        }
        let files = try FeldmanCousins.fromToys(samples.reversed(), profile: pl, cl: 0.9)
        #expect(files.points == local.points)
        #expect(files.interval == local.interval && files.lower == local.lower && files.upper == local.upper)
        // a file made with other data is refused
        let other = try ProfileLikelihood(model: try TestModels.counting(n: 15, b: 8, c: 3))
        #expect(throws: InputError.self) { _ = try FeldmanCousins.fromToys(samples, profile: other, cl: 0.9) }

        var refined = fc
        refined.maxRefinements = 4
        let r = try refined.construct(grid: grid)
        #expect(r.points.count == grid.count + r.refinementPoints)
        #expect(zip(r.points, r.points.dropFirst()).allSatisfy { $0.muNu < $1.muNu })
        for (refinedEnd, coarseEnd) in [(r.lower, local.lower), (r.upper, local.upper)] where !refinedEnd.atBoundary {
            #expect(refinedEnd.gridError <= max(0.2 * refinedEnd.toyError, coarseEnd.gridError),
                    "grid error \(refinedEnd.gridError) (coarse \(coarseEnd.gridError)), toy error \(refinedEnd.toyError)")
        }
    }
}
