import Foundation
import Testing
@testable import GSL

@Suite("Random numbers")
struct RandomTests {
    @Test("identical seeds give identical sequences; different seeds differ")
    func reproducible() {
        let a = RandomSource(seed: 42), b = RandomSource(seed: 42), c = RandomSource(seed: 43)
        let sa = (0..<100).map { _ in a.uniform() }
        let sb = (0..<100).map { _ in b.uniform() }
        let sc = (0..<100).map { _ in c.uniform() }
        #expect(sa == sb)
        #expect(sa != sc)
        #expect(RandomSource(seed: 7, stream: 1).uniform() != RandomSource(seed: 7, stream: 2).uniform())
        #expect(RandomSource(seed: 0).uniform() != RandomSource(seed: 1).uniform())
    }

    /// For N draws of Poisson(μ): the sample mean has standard error √(μ/N); the sample
    /// variance has standard error ≈ μ √(2/N) (plus a small μ/N term). Tolerances are 5σ.
    @Test("Poisson sampling: mean and variance equal μ within statistical tolerance",
          arguments: [0.5, 4.0, 40.0, 400.0])
    func poissonMoments(mu: Double) {
        let rng = RandomSource(seed: 2024)
        let n = 200_000
        var s = 0.0, s2 = 0.0
        for _ in 0..<n {
            let k = Double(rng.poisson(mean: mu))
            s += k
            s2 += k * k
        }
        let mean = s / Double(n)
        let variance = s2 / Double(n) - mean * mean
        #expect(abs(mean - mu) < 5 * (mu / Double(n)).squareRoot())
        #expect(abs(variance - mu) < 5 * (mu * (2 / Double(n)).squareRoot() + (mu / Double(n)).squareRoot()))
    }

    @Test("Gaussian sampling: mean 0, sd 1 within 5σ")
    func gaussianMoments() {
        let rng = RandomSource(seed: 1)
        let n = 200_000
        var s = 0.0, s2 = 0.0
        for _ in 0..<n {
            let x = rng.gaussian()
            s += x
            s2 += x * x
        }
        let mean = s / Double(n)
        #expect(abs(mean) < 5 / Double(n).squareRoot())
        #expect(abs(s2 / Double(n) - mean * mean - 1) < 5 * (2 / Double(n)).squareRoot())
    }

    @Test("uniform draws lie in [0, 1) and work as a RandomNumberGenerator")
    func uniformRange() {
        var rng = RandomSource(seed: 9)
        for _ in 0..<10_000 {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
        }
        let k = Int.random(in: 0..<10, using: &rng)
        #expect((0..<10).contains(k))
    }
}

@Suite("Interpolation")
struct InterpolationTests {
    @Test("linear interpolation is exact on a line; out-of-range throws")
    func linear() throws {
        let ip = try Interpolator(xs: [0, 1, 2, 4], ys: [1, 3, 5, 9])
        #expect(abs(try ip.value(at: 3) - 7) < 1e-14)
        #expect(abs(try ip.integral(from: 0, to: 4) - 20) < 1e-12)
        #expect(throws: GSLError.self) { _ = try ip.value(at: 4.5) }
        #expect(ip.clampedValue(at: 10) == 9)
    }

    @Test("cubic and Steffen splines reproduce sin within 1e-4 on a fine grid",
          arguments: [Interpolator.Kind.cubic, .steffen])
    func splines(kind: Interpolator.Kind) throws {
        let xs = stride(from: 0.0, through: Double.pi, by: 0.05).map { $0 }
        let ip = try Interpolator(xs: xs, ys: xs.map(sin), kind: kind)
        for x in [0.3, 1.0, 2.2] { #expect(abs(try ip.value(at: x) - sin(x)) < 1e-4) }
        #expect(abs(try ip.derivative(at: 1.0) - cos(1.0)) < 2e-3)
    }

    @Test("unsorted, duplicate, NaN and mismatched inputs are rejected")
    func badTables() {
        #expect(throws: GSLError.self) { _ = try Interpolator(xs: [0, 2, 1], ys: [0, 1, 2]) }
        #expect(throws: GSLError.self) { _ = try Interpolator(xs: [0, 1, 1], ys: [0, 1, 2]) }
        #expect(throws: GSLError.self) { _ = try Interpolator(xs: [0, .nan], ys: [0, 1]) }
        #expect(throws: GSLError.self) { _ = try Interpolator(xs: [0, 1], ys: [0]) }
        #expect(throws: GSLError.self) { _ = try Interpolator(xs: [0, 1], ys: [0, 1], kind: .cubic) }
    }
}
