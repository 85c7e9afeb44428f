import Foundation
import GSL

/// A confidence interval on μν.
public struct MuNuInterval: Sendable, Codable, Equatable {
    /// Lower end (μB); 0 when the interval reaches the boundary.
    public var lower: Double
    /// Upper end (μB).
    public var upper: Double
    /// Confidence level (e.g. 0.9).
    public var cl: Double
    /// How it was obtained ("wilks", "asymptotic-unified", "feldman-cousins").
    public var method: String
    /// Whether the lower end is the physical boundary μν = 0 (an upper limit).
    public var isUpperLimit: Bool { lower == 0 }
}

/// Asymptotic (large-sample) interval constructions on the profile-likelihood ratio t̃.
public enum AsymptoticInterval {
    /// The ordering/critical-value rule.
    public enum Method: String, Sendable, CaseIterable {
        /// {μν : t̃(μν) ≤ χ²₁(CL)} — Wilks' theorem, with the MLE held in the physical region.
        /// Over-covers near μν = 0 (at μν = 0, t̃ follows ½δ + ½χ²₁).
        case wilks
        /// {μν : t̃(μν) ≤ c(μν)} with c from the exact asymptotic distribution of t̃ with the
        /// boundary (CCGV 2011, Eq. 47, σ from the Asimov data set at the tested μν, Eq. 30):
        /// the large-sample limit of the Feldman–Cousins construction. c = χ²₁(CL) far from the
        /// boundary and (Φ⁻¹(CL))² at μν = 0.
        case unified = "asymptotic-unified"
    }

    /// CDF of t̃ under the tested s with σ (CCGV Eq. 47, written for s ≥ 0):
    /// ```
    /// F(t) = 2Φ(√t) − 1                              t ≤ s²/σ²
    /// F(t) = Φ(√t) + Φ((t + s²/σ²) / (2 s/σ)) − 1      t > s²/σ²
    /// ```
    public static func tTildeCDF(_ t: Double, sOverSigma r: Double) -> Double {
        let rt = max(t, 0).squareRoot()
        if r <= 0 { return Distributions.normalCDF(rt) }
        if t <= r * r { return 2 * Distributions.normalCDF(rt) - 1 }
        return Distributions.normalCDF(rt) + Distributions.normalCDF((t + r * r) / (2 * r)) - 1
    }

    /// The critical value c with F(c) = cl.
    public static func criticalValue(cl: Double, sOverSigma r: Double) throws -> Double {
        let hi = try Distributions.chiSquaredQuantile(cl, dof: 1) * 1.0001 + 1e-9
        let lo = pow(try Distributions.normalQuantile(cl), 2) * 0.9999
        if r <= 0 { return lo / 0.9999 }
        if tTildeCDF(hi, sOverSigma: r) <= cl { return hi }
        return try Brent.root(in: lo, hi, absTol: 1e-10) { tTildeCDF($0, sOverSigma: r) - cl }
    }

    /// σ of s at the tested value from the Asimov data set generated at s with the nuisances
    /// profiled on the data (CCGV Eq. 30: t̃_A(0) = s²/σ²).
    static func sOverSigma(_ pl: ProfileLikelihood, internal s: Double) throws -> Double {
        guard s > 0 else { return 0 }
        let cond = try pl.conditionalFit(internal: s)
        let asimov = Asimov.observation(model: pl.model, internal: cond.internalValues)
        let fitter = Fitter(model: pl.model)
        let atTruth = try fitter.fit(asimov, start: cond.internalValues, fixedPOI: s)
        var start0 = cond.internalValues
        start0[pl.model.poiIndex] = 0
        let at0 = try fitter.fit(asimov, start: start0, fixedPOI: 0)
        let tA = max(TestStatistic.twiceDeltaNLL(restricted: at0.nll, free: atTruth.nll), 1e-300)
        return tA.squareRoot()
    }

    /// The critical values c(μν) of −2ΔlnL at each μν that ``interval(_:cl:method:)`` compares
    /// the curve with: χ²₁(CL) for Wilks, the boundary-aware c(μν) of CCGV Eq. 47 for the
    /// unified method. The interval's ends are where the profile curve crosses this threshold,
    /// so a figure draws it, not a fixed χ² line.
    public static func criticalValues(_ pl: ProfileLikelihood, muNu: [Double], cl: Double, method: Method) throws -> [Double] {
        let wilksC = try Distributions.chiSquaredQuantile(cl, dof: 1)
        guard method == .unified else { return muNu.map { _ in wilksC } }
        return try muNu.map { mu in
            try criticalValue(cl: cl, sOverSigma: try sOverSigma(pl, internal: pl.model.internalPOI(muNu: mu)))
        }
    }

    /// The interval at confidence level `cl`.
    public static func interval(_ pl: ProfileLikelihood, cl: Double = 0.9, method: Method = .unified) throws -> MuNuInterval {
        guard cl > 0, cl < 1 else { throw FitError("confidence level must be in (0, 1), got \(cl)") }
        let model = pl.model
        let sHat = pl.best.internalValues[model.poiIndex]
        let wilksC = try Distributions.chiSquaredQuantile(cl, dof: 1)
        func excess(_ s: Double) throws -> Double {
            let c = method == .wilks ? wilksC : try criticalValue(cl: cl, sOverSigma: try sOverSigma(pl, internal: s))
            return try pl.t(internal: s) - c
        }
        // upper end: bracket above ŝ
        var a = sHat, step = max(pl.sScale, 1e-3)
        var b = sHat + step
        var n = 0
        while try excess(b) < 0 {
            a = b
            step *= 2
            b += step
            n += 1
            if n > 60 { throw FitError("no upper end of the \(cl) interval found below s = \(b)") }
        }
        let sUp = try Brent.root(in: a, b, absTol: 1e-9 * max(b, 1), relTol: 1e-7) { try excess($0) }
        var sLo = 0.0
        if sHat > 0, try excess(0) > 0 {
            sLo = try Brent.root(in: 0, sHat, absTol: 1e-9 * max(sHat, 1), relTol: 1e-7) { try excess($0) }
        }
        return MuNuInterval(lower: model.muNu(fromInternal: sLo), upper: model.muNu(fromInternal: sUp), cl: cl,
                            method: method.rawValue)
    }
}

/// Asimov data sets (CCGV 2011 Sec. 3.1): observed counts equal to the expectation, auxiliary
/// measurements equal to the parameters' values.
public enum Asimov {
    public static func observation(model: BinnedModel, internal theta: [Double]) -> Observation {
        var aux = model.nominalAuxiliary
        for p in 0..<model.parameterCount where model.constraintSigma[p] > 0 { aux[p] = theta[p] }
        return Observation(counts: model.expected(theta), auxiliary: aux)
    }
}
