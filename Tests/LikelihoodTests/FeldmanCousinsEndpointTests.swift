import Foundation
import Testing
@testable import GSL
@testable import Likelihood
@testable import Recoil

/// Feldman–Cousins endpoints (issue 15): interpolation, their toy and grid errors, refinement,
/// and the construction from toys files.
@Suite("Feldman–Cousins endpoints and errors")
struct FeldmanCousinsEndpointTests {
    static func point(_ x: Double, d: Double, err: Double = 0.1) -> FeldmanCousins.Point {
        FeldmanCousins.Point(muNu: x, tObserved: 2.7 + d, criticalValue: 2.7, criticalValueError: err, toys: 1000, failedToys: 0,
                             nonConvergedToys: 0, accepted: d <= 0)
    }

    /// On a smooth, noise-free d(x) the grid error estimate (|linear − quadratic|) is of the size
    /// of the true interpolation error, and the toy error is the propagated quantile error.
    @Test("grid and toy errors of an interpolated crossing")
    func crossingErrors() throws {
        // d(x) = x² − 2 crosses at √2; grid step 0.3
        let xs = stride(from: 0.2, through: 2.6, by: 0.3).map { $0 }
        let pts = xs.map { Self.point($0, d: $0 * $0 - 2) }
        let i = xs.lastIndex { $0 * $0 - 2 <= 0 }!
        let e = FeldmanCousins.crossing(pts, i)
        let trueError = abs(e.muNu - 2.0.squareRoot())
        #expect(trueError > 1e-4)
        #expect(e.gridError > 0.5 * trueError && e.gridError < 2 * trueError, "grid error \(e.gridError) vs true \(trueError)")
        // toy error: d = x² − 2 has slope ≈ 2√2 on the bracket; δc = 0.1 at both ends
        let (a, b) = (xs[i], xs[i + 1])
        let slope = ((b * b - 2) - (a * a - 2)) / (b - a)
        let wa = (b - e.muNu) / (b - a)
        let expected = ((wa * 0.1) * (wa * 0.1) + ((1 - wa) * 0.1) * ((1 - wa) * 0.1)).squareRoot() / slope
        #expect(abs(e.toyError - expected) < 1e-12)
        // a straight d has no grid error
        let line = xs.map { Self.point($0, d: 3 * ($0 - 1.234)) }
        let el = FeldmanCousins.crossing(line, xs.lastIndex { $0 <= 1.234 }!)
        #expect(abs(el.muNu - 1.234) < 1e-12 && el.gridError < 1e-9)
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
