import Foundation
import Testing
@testable import GSL
@testable import Likelihood

/// The coverage a Feldman–Cousins critical value from a finite number of inner toys gives
/// (``FeldmanCousins/expectedCoverage(cl:innerToys:)``), checked by throwing the rule itself:
/// N inner values, their type-7 quantile at CL (``FeldmanCousins/quantile(_:_:)``, the rule
/// `coverage` uses), and one more value from the same law counted as covered when at most it.
@Suite("Feldman–Cousins: expected coverage with N inner toys")
struct FeldmanCousinsExpectedCoverageTests {
    /// The fraction of `trials` new values at or below the CL-quantile of `n` values, all drawn by `draw`.
    static func simulated(n: Int, cl: Double, trials: Int, seed: UInt64, draw: (RandomSource) -> Double) -> Double {
        let rng = RandomSource(seed: seed)
        var covered = 0
        for _ in 0..<trials {
            let inner = (0..<n).map { _ in draw(rng) }.sorted()
            if draw(rng) <= FeldmanCousins.quantile(inner, cl) { covered += 1 }
        }
        return Double(covered) / Double(trials)
    }

    @Test("((N − 1)·CL + 1)/(N + 1) agrees with the rule thrown on a uniform and on an exponential law, and not with CL itself",
          arguments: [(20, 0.9), (100, 0.9), (50, 0.68)])
    func matchesTheRule(n: Int, cl: Double) {
        let trials = 40_000
        let expected = FeldmanCousins.expectedCoverage(cl: cl, innerToys: n)
        let sigma = (expected * (1 - expected) / Double(trials)).squareRoot()
        // a uniform law (the formula's own setting) and a skewed one (−ln u: the interpolation
        // between two order statistics is then not linear in F)
        let uniform = Self.simulated(n: n, cl: cl, trials: trials, seed: 3) { $0.uniform() }
        let exponential = Self.simulated(n: n, cl: cl, trials: trials, seed: 4) { -log(1 - $0.uniform()) }
        #expect(abs(uniform - expected) < 4 * sigma, "uniform \(uniform) vs \(expected) ± \(sigma)")
        #expect(abs(exponential - expected) < 4 * sigma, "exponential \(exponential) vs \(expected) ± \(sigma)")
        // with N = 20 the shortfall (2 CL − 1)/(N + 1) = 0.038 is many σ: the test can tell the formula from CL
        if n == 20 { #expect(abs(uniform - cl) > 8 * sigma) }
        #expect(expected < cl && abs((cl - expected) - (2 * cl - 1) / Double(n + 1)) < 1e-12)
    }

    @Test("coverage reports the expected value beside a Feldman–Cousins point, and none beside an asymptotic one")
    func reported() throws {
        let fc = try Coverage.feldmanCousins(statistics: [0.5, 3], criticalValues: [2, 2], failed: 0, toys: 2, muNu: 1e-11, cl: 0.9,
                                             criticalToys: 500)
        #expect(fc.expectedCoverage == FeldmanCousins.expectedCoverage(cl: 0.9, innerToys: 500) && fc.coverage == 0.5)
        let data = try JSONEncoder().encode(fc)
        #expect(String(decoding: data, as: UTF8.self).contains("\"expected_coverage\":0.898"))
    }
}
