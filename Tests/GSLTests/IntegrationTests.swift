import Foundation
import Testing
@testable import GSL

@Suite("Integration")
struct IntegrationTests {
    @Test("polynomial: ∫₀² (3x² + 2x + 1) dx = 8 + 4 + 2 = 14")
    func polynomial() throws {
        let r = try Integrator().qags(from: 0, to: 2) { 3 * $0 * $0 + 2 * $0 + 1 }
        #expect(abs(r.value - 14) < 1e-12)
    }

    @Test("1/√x on (0,1] = 2 (integrable end-point singularity, QAGS)")
    func inverseSqrt() throws {
        let r = try Integrator().qags(from: 0, to: 1, relTol: 1e-10) { 1 / $0.squareRoot() }
        #expect(abs(r.value - 2) < 1e-9)
        #expect(r.absError < 1e-8)
    }

    @Test("e^{−x} on [0,∞) = 1 (QAGIU)")
    func exponentialTail() throws {
        let r = try Integrator().qagiu(from: 0) { exp(-$0) }
        #expect(abs(r.value - 1) < 1e-10)
    }

    @Test("every Gauss–Kronrod rule integrates sin on [0,π] to 2", arguments: GaussKronrodRule.allCases)
    func qagRules(rule: GaussKronrodRule) throws {
        let r = try Integrator().qag(from: 0, to: .pi, rule: rule) { sin($0) }
        #expect(abs(r.value - 2) < 1e-10)
    }

    @Test("CQUAD: ∫₀¹ ln x dx = −1")
    func cquadLog() throws {
        let r = try Integrator().cquad(from: 0, to: 1) { log($0) }
        #expect(abs(r.value + 1) < 1e-7)
    }

    @Test("a divergent integral (1/x on [0,1]) throws instead of aborting")
    func divergentThrows() {
        #expect(throws: GSLError.self) {
            _ = try Integrator().qags(from: 0, to: 1) { 1 / $0 }
        }
    }

    @Test("an integrand that throws propagates its own error")
    func integrandErrorPropagates() {
        struct Boom: Error {}
        #expect(throws: Boom.self) {
            _ = try Integrator().qags(from: 0, to: 1) { x in
                if x > 0.5 { throw Boom() }
                return x
            }
        }
    }

    @Test("non-finite limits are rejected")
    func badLimits() {
        #expect(throws: GSLError.self) { _ = try Integrator().qags(from: 0, to: .infinity) { $0 } }
    }

    @Test("one integrator is reusable across many calls")
    func reuse() throws {
        let integ = Integrator()
        for n in 1...50 {
            let r = try integ.qags(from: 0, to: 1) { pow($0, Double(n)) }
            #expect(abs(r.value - 1 / Double(n + 1)) < 1e-12)
        }
    }
}
