import Testing
@testable import Likelihood

/// The test statistics written once in TestStatistic (CCGV, EPJC 71 (2011) 1554, Eqs. 11–12).
@Suite("Test statistics")
struct TestStatisticTests {
    @Test("−2 ln λ is 2 Δnll, clamped at 0 when the restricted fit lies below the free one")
    func likelihoodRatio() {
        #expect(TestStatistic.likelihoodRatio(restricted: 12.5, free: 10) == 5)
        #expect(TestStatistic.likelihoodRatio(restricted: 10, free: 10.25) == 0)
        #expect(TestStatistic.twiceDeltaNLL(restricted: 10, free: 10.25) == -0.5)
    }

    @Test("q0 is 0 when ŝ ≤ 0 (CCGV Eq. 12), else −2 ln λ(0)")
    func q0() {
        #expect(TestStatistic.q0(backgroundOnly: 14, free: 10, sHat: 0.3) == 8)
        #expect(TestStatistic.q0(backgroundOnly: 14, free: 10, sHat: 0) == 0)
        #expect(TestStatistic.q0(backgroundOnly: 14, free: 10, sHat: -0.1) == 0)
    }

    @Test("a toy counts when its statistic reaches the observed one within 1e-9")
    func extreme() {
        #expect(TestStatistic.atLeastAsExtreme(3, observed: 3))
        #expect(TestStatistic.atLeastAsExtreme(3 - 5e-10, observed: 3))
        #expect(!TestStatistic.atLeastAsExtreme(2.9, observed: 3))
    }
}
