import Foundation
import Testing
@testable import Formats
@testable import Likelihood

/// Fits and test statistics on one-bin counting experiments, against closed forms (moved from
/// FitTests, whose XENON1T-model tests are in AnalysisTests).
@Suite("Fits and test statistics")
struct CountingFitTests {
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

    @Test("a conditional fit started where its likelihood is not finite begins again from the spec's values")
    func nonFiniteStartRestarts() throws {
        // Events only where the signal falls steeply and none where the background is flat: the
        // best fit puts the background on its lower bound 0. A fit at μν = 0 started from that
        // point has no expected count in bins with events; it must restart, not fail.
        let spec = ModelSpec(
            channels: [ModelSpec.Channel(name: "c", binEdgesKeV: [1, 2, 3, 4], observed: [900, 0, 0], samples: [
                ModelSpec.Sample(name: "bkg", counts: [10, 10, 10], factors: ["norm"]),
                ModelSpec.Sample(name: "sig", counts: [3, 0.3, 0.03], factors: [ModelSpec.poiName]),
            ])],
            parameters: [ModelSpec.Parameter(name: ModelSpec.poiName, initial: 1e-11, lower: 0, constraint: .free),
                         ModelSpec.Parameter(name: "norm", initial: 1, lower: 0, constraint: .gaussian(sigma: 0.5))])
        let m = try BinnedModel(spec: spec)
        let fitter = Fitter(model: m)
        let best = try fitter.fit(m.observed)
        let norm = try #require(best.value("norm"))
        #expect(norm == 0, "the background should sit on its bound, got \(norm)")
        #expect(!m.nll({ var t = best.internalValues; t[m.poiIndex] = 0; return t }(), m.observed).isFinite)
        let null = try fitter.fit(m.observed, start: best.internalValues, fixedPOI: 0)
        #expect(null.nll.isFinite)
        #expect(null.internalValues[m.poiIndex] == 0)
        // the same minimum as a fit at μν = 0 from the spec's own start
        let direct = try fitter.fit(m.observed, fixedPOI: 0)
        #expect(abs(null.nll - direct.nll) < 1e-9 * max(1, abs(direct.nll)))
    }
}
