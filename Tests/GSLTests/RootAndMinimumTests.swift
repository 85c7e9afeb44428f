import Foundation
import Testing
@testable import GSL

@Suite("Brent root finding and 1-D minimisation")
struct RootAndMinimumTests {
    @Test("root of cos x − x is the Dottie number 0.7390851332151607")
    func dottie() throws {
        let x = try Brent.root(in: 0, 1) { cos($0) - $0 }
        #expect(abs(x - 0.7390851332151607) < 1e-10)
    }

    @Test("an interval that does not bracket a root throws")
    func noBracket() {
        #expect(throws: GSLError.self) { _ = try Brent.root(in: 2, 3) { $0 * $0 + 1 } }
    }

    @Test("minimum of (x − 2)² + 1 on [0, 5]")
    func parabola() throws {
        let m = try Brent.minimum(in: 0, 5, guess: 1) { ($0 - 2) * ($0 - 2) + 1 }
        #expect(abs(m.x - 2) < 1e-6)
        #expect(abs(m.value - 1) < 1e-12)
    }
}
