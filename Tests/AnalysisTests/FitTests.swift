import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

@Suite("Fits of the XENON1T model")
struct FitTests {
    @Test("Asimov data at μν = 2e-11 are fitted back exactly (XENON1T model)")
    func asimovRecovery() throws {
        let m = TestModels.xenon1t
        var truth = m.initial
        truth[m.poiIndex] = m.internalPOI(muNu: 2e-11)
        let fit = try Fitter(model: m).fitMultiStart(Asimov.observation(model: m, internal: truth))
        #expect(fit.converged)
        #expect(abs(fit.muNu / 2e-11 - 1) < 1e-6)
        for p in 0..<m.parameterCount where p != m.poiIndex { #expect(abs(fit.internalValues[p] - truth[p]) < 1e-6) }
    }

    @Test("−2ΔlnL ≥ 0 everywhere on a scan and 0 at the best fit")
    func scanNonNegative() throws {
        let pl = try ProfileLikelihood(model: TestModels.xenon1t)
        let pts = try pl.scan(stride(from: 0.0, through: 5e-11, by: 2.5e-12).map { $0 })
        for p in pts {
            // the unclamped difference: a conditional fit must never beat the global one
            #expect(2 * (try pl.conditionalFit(muNu: p.muNu).nll - pl.best.nll) >= -1e-7)
            #expect(p.deltaTwoNLL >= 0)
        }
        #expect(try pl.t(muNu: pl.best.muNu) < 1e-8)
    }

    @Test("intervals nest as the confidence level grows")
    func nesting() throws {
        let pl = try ProfileLikelihood(model: TestModels.xenon1t)
        var previous: MuNuInterval?
        for cl in [0.6827, 0.9, 0.95, 0.99] {
            let iv = try AsymptoticInterval.interval(pl, cl: cl)
            if let p = previous { #expect(iv.lower <= p.lower + 1e-15 && iv.upper >= p.upper - 1e-15) }
            previous = iv
        }
    }

    @Test("the analytic gradient and Hessian agree with finite differences")
    func derivatives() throws {
        let m = TestModels.xenon1t
        let ws = BinnedModel.Workspace(model: m)
        var theta = m.initial
        theta[m.poiIndex] = 3.1
        for p in 0..<m.parameterCount where p != m.poiIndex { theta[p] = 1.02 + 0.01 * Double(p) }
        _ = m.evaluate(theta, m.observed, into: ws)
        let P = m.parameterCount
        for p in 0..<P {
            let h = 1e-6 * max(1, abs(theta[p]))
            var tp = theta, tm = theta
            tp[p] += h
            tm[p] -= h
            let g = (m.nll(tp, m.observed) - m.nll(tm, m.observed)) / (2 * h)
            #expect(abs(g - ws.gradient[p]) < 1e-4 * max(1, abs(g)))
            let wsP = BinnedModel.Workspace(model: m), wsM = BinnedModel.Workspace(model: m)
            _ = m.evaluate(tp, m.observed, into: wsP)
            _ = m.evaluate(tm, m.observed, into: wsM)
            for q in 0..<P {
                let hpq = (wsP.gradient[q] - wsM.gradient[q]) / (2 * h)
                #expect(abs(hpq - ws.hessian[p * P + q]) < 1e-4 * max(1, abs(hpq)))
            }
        }
    }
}
