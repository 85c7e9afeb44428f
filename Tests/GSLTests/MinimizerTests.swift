import Foundation
import Testing
@testable import GSL

/// Rosenbrock's function f = (1 − x)² + 100 (y − x²)², minimum 0 at (1, 1).
private func rosenbrock(_ p: [Double]) -> Double {
    let (x, y) = (p[0], p[1])
    return (1 - x) * (1 - x) + 100 * (y - x * x) * (y - x * x)
}

private func rosenbrockGradient(_ p: [Double], _ g: inout [Double]) {
    let (x, y) = (p[0], p[1])
    g[0] = -2 * (1 - x) - 400 * x * (y - x * x)
    g[1] = 200 * (y - x * x)
}

@Suite("Multidimensional minimisation")
struct MinimizerTests {
    @Test("BFGS2 with analytic gradient finds Rosenbrock's minimum at (1, 1)")
    func bfgsAnalytic() throws {
        let r = try Minimizer(dimension: 2).minimize(
            start: [-1.2, 1], method: .bfgs2(), tolerance: 1e-8, f: rosenbrock, gradient: rosenbrockGradient)
        #expect(r.converged)
        #expect(abs(r.x[0] - 1) < 1e-5 && abs(r.x[1] - 1) < 1e-5)
        #expect(r.value < 1e-10)
    }

    @Test("BFGS2 with the numerical-gradient fallback")
    func bfgsNumeric() throws {
        let r = try Minimizer(dimension: 2).minimize(start: [-1.2, 1], tolerance: 1e-5, f: rosenbrock)
        #expect(abs(r.x[0] - 1) < 1e-3 && abs(r.x[1] - 1) < 1e-3)
    }

    @Test("Nelder–Mead simplex finds Rosenbrock's minimum")
    func simplex() throws {
        let r = try Minimizer(dimension: 2).minimize(
            start: [-1.2, 1], method: .simplex(step: 0.5), tolerance: 1e-8, maxIterations: 5000, f: rosenbrock)
        #expect(r.converged)
        #expect(abs(r.x[0] - 1) < 1e-4 && abs(r.x[1] - 1) < 1e-4)
    }

    @Test("a bound is respected: min of (x + 1)² with x ≥ 0 is at x = 0")
    func lowerBound() throws {
        let r = try Minimizer(dimension: 1).minimize(
            start: [2], bounds: [.nonNegative], tolerance: 1e-10,
            f: { ($0[0] + 1) * ($0[0] + 1) }, gradient: { p, g in g[0] = 2 * (p[0] + 1) })
        #expect(r.x[0] >= 0)
        #expect(r.x[0] < 1e-6)
    }

    @Test("two-sided bounds: min of (x − 3)² for x ∈ [−1, 1] is at 1")
    func twoSided() throws {
        let r = try Minimizer(dimension: 1).minimize(
            start: [0], bounds: [ParameterBounds(lower: -1, upper: 1)], method: .simplex(step: 0.3),
            tolerance: 1e-10, f: { ($0[0] - 3) * ($0[0] - 3) })
        #expect(abs(r.x[0] - 1) < 1e-6)
    }

    @Test("bound transforms are inverse to each other",
          arguments: [ParameterBounds(lower: 0), ParameterBounds(upper: 5), ParameterBounds(lower: -2, upper: 7)])
    func transformRoundTrip(b: ParameterBounds) {
        for p in [0.5, 1.0, 2.5, 4.0] {
            #expect(abs(b.external(b.internal(p)) - p) < 1e-12)
        }
    }

    @Test("a failing minimisation (NaN objective) throws instead of crashing")
    func nanObjectiveThrows() {
        #expect(throws: GSLError.self) {
            _ = try Minimizer(dimension: 2).minimize(start: [0, 0], f: { _ in .nan })
        }
    }

    @Test("a wrong-size start is rejected")
    func wrongDimension() {
        #expect(throws: GSLError.self) {
            _ = try Minimizer(dimension: 2).minimize(start: [0], f: rosenbrock)
        }
    }

    @Test("iteration limit gives converged == false, not a crash")
    func iterationLimit() throws {
        let r = try Minimizer(dimension: 2).minimize(
            start: [-1.2, 1], method: .simplex(), tolerance: 1e-12, maxIterations: 3, f: rosenbrock)
        #expect(!r.converged)
        #expect(r.iterations == 3)
    }
}
