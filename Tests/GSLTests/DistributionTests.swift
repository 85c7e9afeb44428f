import Foundation
import Testing
@testable import GSL

@Suite("Distributions")
struct DistributionTests {
    /// χ² quantiles at 1 dof (PDG Statistics review, Table 40.2: Δχ² for 1 parameter).
    @Test("χ² quantiles at 1 dof", arguments: [(0.6827, 1.000), (0.90, 2.706), (0.95, 3.841), (0.99, 6.635)])
    func chi2OneDof(cl: Double, expected: Double) throws {
        #expect(abs(try Distributions.chiSquaredQuantile(cl, dof: 1) - expected) < 2e-3)
    }

    /// χ² quantiles at 2 dof (PDG Table 40.2: 2.30, 4.61, 5.99).
    @Test("χ² quantiles at 2 dof", arguments: [(0.6827, 2.30), (0.90, 4.61), (0.95, 5.99)])
    func chi2TwoDof(cl: Double, expected: Double) throws {
        #expect(abs(try Distributions.chiSquaredQuantile(cl, dof: 2) - expected) < 5e-3)
        // closed form at 2 dof: −2 ln(1 − p)
        #expect(abs(try Distributions.chiSquaredQuantile(cl, dof: 2) + 2 * log(1 - cl)) < 1e-9)
    }

    @Test("χ² CDF and survival are complementary and invert the quantile")
    func chi2Consistency() throws {
        let x = try Distributions.chiSquaredQuantile(0.9, dof: 3)
        #expect(abs(Distributions.chiSquaredCDF(x, dof: 3) - 0.9) < 1e-12)
        #expect(abs(Distributions.chiSquaredSurvival(x, dof: 3) - 0.1) < 1e-12)
        #expect(abs(try Distributions.chiSquaredSurvivalQuantile(0.1, dof: 3) - x) < 1e-9)
    }

    @Test("normal quantiles: 1.2816 (90%), 1.6449 (95%), 1.9600 (97.5%)",
          arguments: [(0.90, 1.2815516), (0.95, 1.6448536), (0.975, 1.9599640)])
    func normalQuantiles(p: Double, z: Double) throws {
        #expect(abs(try Distributions.normalQuantile(p) - z) < 1e-6)
        #expect(abs(Distributions.normalCDF(z) - p) < 1e-7)
        #expect(abs(try Distributions.normalSurvivalQuantile(1 - p) - z) < 1e-6)
    }

    @Test("3σ one-sided p-value is 1.3499e-3")
    func threeSigma() {
        #expect(abs(Distributions.normalSurvival(3) - 1.3498980316e-3) < 1e-12)
    }

    @Test("Poisson pmf and CDF against closed forms")
    func poisson() {
        // P(0|2) = e^{-2}; P(3|2) = 8/6 e^{-2}
        #expect(abs(Distributions.poissonPMF(0, mean: 2) - exp(-2)) < 1e-15)
        #expect(abs(Distributions.poissonPMF(3, mean: 2) - 8.0 / 6.0 * exp(-2)) < 1e-15)
        let cdf = (0...3).map { Distributions.poissonPMF($0, mean: 2) }.reduce(0, +)
        #expect(abs(Distributions.poissonCDF(3, mean: 2) - cdf) < 1e-14)
        #expect(Distributions.poissonPMF(-1, mean: 2) == 0)
    }

    @Test("ln Γ: Γ(5) = 24, Γ(1/2) = √π; ln Γ(0) throws")
    func logGamma() throws {
        #expect(abs(try Distributions.logGamma(5) - log(24)) < 1e-13)
        #expect(abs(try Distributions.logGamma(0.5) - 0.5 * log(Double.pi)) < 1e-13)
        #expect(throws: GSLError.self) { _ = try Distributions.logGamma(0) }
    }

    @Test("probabilities outside [0,1] are rejected")
    func badProbability() {
        #expect(throws: GSLError.self) { _ = try Distributions.normalQuantile(1.5) }
        #expect(throws: GSLError.self) { _ = try Distributions.chiSquaredQuantile(-0.1, dof: 1) }
        #expect(throws: GSLError.self) { _ = try Distributions.chiSquaredQuantile(0.5, dof: 0) }
    }
}
