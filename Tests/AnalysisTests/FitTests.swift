import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

@Suite("Fits and test statistics")
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

    /// One bin with known b: ŝc = n − b and q0 = 2[n ln(n/b) − (n − b)] (CCGV Eq. 97 form).
    @Test("q0 on a counting experiment equals the closed form", arguments: [(30.0, 20.0), (120.0, 100.0), (8.0, 2.5)])
    func q0ClosedForm(n: Double, b: Double) throws {
        let m = try TestModels.counting(n: n, b: b, c: 5)
        let pl = try ProfileLikelihood(model: m)
        let d = try pl.discovery()
        let expected = 2 * (n * log(n / b) - (n - b))
        #expect(abs(d.q0 - expected) < 1e-8 * max(1, expected))
        #expect(abs(pl.best.internalValues[m.poiIndex] - (n - b) / 5) < 1e-9)
        #expect(abs(d.z - expected.squareRoot()) < 1e-6)
    }

    @Test("q0 is 0 when the data fluctuate below the background")
    func q0Deficit() throws {
        let pl = try ProfileLikelihood(model: try TestModels.counting(n: 10, b: 20, c: 5))
        #expect(try pl.discovery().q0 == 0)
        #expect(pl.best.internalValues[0] == 0)
    }

    /// With n, b known, t(s) = 2[(b + sc) − n − n ln((b + sc)/n)]: the Wilks interval ends solve
    /// t = 2.706, found here by bisection on the closed form.
    @Test("Wilks interval equals the closed-form solution on a counting experiment")
    func wilksClosedForm() throws {
        let (n, b, c) = (150.0, 100.0, 10.0)
        let m = try TestModels.counting(n: n, b: b, c: c)
        let iv = try AsymptoticInterval.interval(try ProfileLikelihood(model: m), cl: 0.9, method: .wilks)
        func t(_ s: Double) -> Double { let l = b + s * c; return 2 * (l - n - n * log(l / n)) }
        func bisect(_ lo0: Double, _ hi0: Double) -> Double {
            var lo = lo0, hi = hi0
            let up = t(hi) > t(lo)
            for _ in 0..<200 {
                let mid = (lo + hi) / 2
                if (t(mid) > 2.705543454095404) == up { hi = mid } else { lo = mid }
            }
            return (lo + hi) / 2
        }
        let sHat = (n - b) / c
        let sLo = bisect(sHat, 0), sUp = bisect(sHat, 30)
        #expect(abs(iv.lower / m.muNu(fromInternal: sLo) - 1) < 1e-6)
        #expect(abs(iv.upper / m.muNu(fromInternal: sUp) - 1) < 1e-6)
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

    @Test("the boundary-aware critical value is χ²₁(CL) far from 0 and (Φ⁻¹(CL))² at μν = 0")
    func criticalValues() throws {
        #expect(abs(try AsymptoticInterval.criticalValue(cl: 0.9, sOverSigma: 0) - 1.2815515655446004 * 1.2815515655446004) < 1e-9)
        #expect(abs(try AsymptoticInterval.criticalValue(cl: 0.9, sOverSigma: 10) - 2.7055435) < 1e-5)
        let mid = try AsymptoticInterval.criticalValue(cl: 0.9, sOverSigma: 0.7)
        #expect(mid > 1.64 && mid < 2.71)
    }

    @Test("a fit that cannot succeed throws a FitError instead of crashing")
    func failingFit() throws {
        // expected zero in a bin with observed events: ln L = −∞ for every parameter value
        func spec(observed: [Double]) -> ModelSpec {
            ModelSpec(
                channels: [ModelSpec.Channel(name: "c", binEdgesKeV: [1, 2, 3], observed: observed, samples: [
                    ModelSpec.Sample(name: "bkg", counts: [4, 0], factors: []),
                    ModelSpec.Sample(name: "sig", counts: [1, 0], factors: [ModelSpec.poiName]),
                ])],
                parameters: [ModelSpec.Parameter(name: ModelSpec.poiName, initial: 1e-11, lower: 0, constraint: .free)])
        }
        // as a spec, such data are bad input naming the bin (issue #17) …
        #expect(throws: InputError.self) { _ = try BinnedModel(spec: spec(observed: [5, 3])) }
        // … and as data handed to the fitter, a FitError
        let m = try BinnedModel(spec: spec(observed: [5, 0]))
        #expect(throws: FitError.self) { _ = try Fitter(model: m).fit(Observation(counts: [5, 3], auxiliary: m.observed.auxiliary)) }
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
