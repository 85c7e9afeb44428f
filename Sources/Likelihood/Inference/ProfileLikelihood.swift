import Foundation
import GSL

/// The profile-likelihood ratio for μν on one observation:
/// ```
/// t̃(μν) = −2 ln [ L(s, θ̂̂(s)) / L(ŝ, θ̂) ],   s = (μν/μ_ref)²,  ŝ ≥ 0
/// ```
/// (Cowan, Cranmer, Gross & Vitells, EPJC 71 (2011) 1554, Eq. 10–11: the MLE is restricted to
/// the physical region, so t̃ ≥ 0 everywhere and 0 at the best fit). The unconditional fit is
/// computed once (multi-start) and cached; each t̃ costs one conditional fit.
public final class ProfileLikelihood {
    public let model: BinnedModel
    public let observation: Observation
    public let fitter: Fitter
    /// The unconditional best fit.
    public let best: FitResult

    public init(model: BinnedModel, observation: Observation? = nil, multiStart: Bool = true) throws {
        self.model = model
        self.observation = observation ?? model.observed
        fitter = Fitter(model: model)
        best = multiStart ? try fitter.fitMultiStart(self.observation) : try fitter.fit(self.observation)
    }

    /// The conditional fit at μν (μB).
    public func conditionalFit(muNu: Double) throws -> FitResult {
        guard muNu.isFinite, muNu >= 0 else { throw FitError("μν must be finite and ≥ 0, got \(muNu)") }
        return try conditionalFit(internal: model.internalPOI(muNu: muNu))
    }

    /// The conditional fit at internal s, started from the best fit's nuisances.
    public func conditionalFit(internal s: Double) throws -> FitResult {
        var start = best.internalValues
        start[model.poiIndex] = s
        return try fitter.fit(observation, start: start, fixedPOI: s)
    }

    /// t̃ at internal s (clamped at 0 against rounding).
    public func t(internal s: Double) throws -> Double {
        TestStatistic.likelihoodRatio(restricted: try conditionalFit(internal: s).nll, free: best.nll)
    }

    /// t̃ at μν (μB).
    public func t(muNu: Double) throws -> Double { try t(internal: model.internalPOI(muNu: muNu)) }

    /// The discovery test statistic q0 = t̃(0) if ŝ > 0, else 0 (CCGV Eq. 12), its asymptotic
    /// significance Z = √q0 and p-value p = 1 − Φ(Z) (CCGV Eq. 52–53, half-χ²₁ null distribution).
    public func discovery() throws -> (q0: Double, z: Double, p: Double, backgroundOnly: FitResult) {
        let b = try conditionalFit(internal: 0)
        let q0 = TestStatistic.q0(backgroundOnly: b.nll, free: best.nll, sHat: best.internalValues[model.poiIndex])
        let z = q0.squareRoot()
        return (q0, z, Distributions.normalSurvival(z), b)
    }

    /// One point of a likelihood scan.
    public struct ScanPoint: Sendable, Codable, Equatable {
        /// μν (μB).
        public var muNu: Double
        /// t̃ = −2Δ ln L.
        public var deltaTwoNLL: Double
        /// Whether the conditional fit converged.
        public var converged: Bool
        enum CodingKeys: String, CodingKey {
            case muNu = "mu_nu_muB"
            case deltaTwoNLL = "minus_two_delta_lnL"
            case converged
        }
    }

    /// t̃ on a grid of μν values (μB).
    public func scan(_ grid: [Double]) throws -> [ScanPoint] {
        try grid.map { mu in
            let f = try conditionalFit(muNu: mu)
            return ScanPoint(muNu: mu, deltaTwoNLL: TestStatistic.likelihoodRatio(restricted: f.nll, free: best.nll), converged: f.converged)
        }
    }

    /// An approximate σ of s at the best fit (Hessian), with a floor, for bracketing searches.
    var sScale: Double {
        let e = best.errors[model.poiIndex]
        return e > 0 && e.isFinite ? e : max(best.internalValues[model.poiIndex], 1)
    }
}
