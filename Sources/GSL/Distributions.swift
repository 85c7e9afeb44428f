import CGSL

/// Probability distributions from GSL (`gsl_cdf_*`, `gsl_ran_*_pdf`, `gsl_sf_lngamma`).
///
/// All functions are pure and thread-safe. Quantile functions throw ``GSLError`` for
/// probabilities outside [0, 1] or non-positive degrees of freedom instead of returning NaN.
public enum Distributions {
    /// χ² CDF with `dof` degrees of freedom: P(X ≤ x).
    public static func chiSquaredCDF(_ x: Double, dof: Double) -> Double {
        _ = GSLRuntime.ready
        return gsl_cdf_chisq_P(x, dof)
    }

    /// χ² survival function: P(X > x) = 1 − CDF, computed without cancellation.
    public static func chiSquaredSurvival(_ x: Double, dof: Double) -> Double {
        _ = GSLRuntime.ready
        return gsl_cdf_chisq_Q(x, dof)
    }

    /// The χ² quantile: x with P(X ≤ x) = p. E.g. p = 0.90 at 1 dof → 2.706.
    public static func chiSquaredQuantile(_ p: Double, dof: Double) throws -> Double {
        try checkProbability(p, "gsl_cdf_chisq_Pinv")
        guard dof > 0, dof.isFinite else {
            throw GSLError.invalidArgument("gsl_cdf_chisq_Pinv", "degrees of freedom \(dof) must be positive")
        }
        return gsl_cdf_chisq_Pinv(p, dof)
    }

    /// Inverse survival function of χ²: x with P(X > x) = q.
    public static func chiSquaredSurvivalQuantile(_ q: Double, dof: Double) throws -> Double {
        try checkProbability(q, "gsl_cdf_chisq_Qinv")
        guard dof > 0, dof.isFinite else {
            throw GSLError.invalidArgument("gsl_cdf_chisq_Qinv", "degrees of freedom \(dof) must be positive")
        }
        return gsl_cdf_chisq_Qinv(q, dof)
    }

    /// Standard normal CDF Φ(z).
    public static func normalCDF(_ z: Double) -> Double {
        _ = GSLRuntime.ready
        return gsl_cdf_ugaussian_P(z)
    }

    /// Standard normal survival 1 − Φ(z), accurate in the far tail.
    public static func normalSurvival(_ z: Double) -> Double {
        _ = GSLRuntime.ready
        return gsl_cdf_ugaussian_Q(z)
    }

    /// Standard normal quantile Φ⁻¹(p).
    public static func normalQuantile(_ p: Double) throws -> Double {
        try checkProbability(p, "gsl_cdf_ugaussian_Pinv")
        return gsl_cdf_ugaussian_Pinv(p)
    }

    /// Inverse normal survival: z with 1 − Φ(z) = q (e.g. the significance Z of a p-value).
    public static func normalSurvivalQuantile(_ q: Double) throws -> Double {
        try checkProbability(q, "gsl_cdf_ugaussian_Qinv")
        return gsl_cdf_ugaussian_Qinv(q)
    }

    /// Poisson probability mass P(N = k | mean).
    public static func poissonPMF(_ k: Int, mean: Double) -> Double {
        _ = GSLRuntime.ready
        guard k >= 0 else { return 0 }
        return gsl_ran_poisson_pdf(UInt32(k), mean)
    }

    /// Poisson CDF P(N ≤ k | mean).
    public static func poissonCDF(_ k: Int, mean: Double) -> Double {
        _ = GSLRuntime.ready
        guard k >= 0 else { return 0 }
        return gsl_cdf_poisson_P(UInt32(k), mean)
    }

    /// ln Γ(x) for x > 0 (`gsl_sf_lngamma`).
    public static func logGamma(_ x: Double) throws -> Double {
        _ = GSLRuntime.ready
        var r = gsl_sf_result()
        try GSLRuntime.check(gsl_sf_lngamma_e(x, &r), "gsl_sf_lngamma_e")
        return r.val
    }

    private static func checkProbability(_ p: Double, _ routine: String) throws {
        _ = GSLRuntime.ready
        guard p >= 0, p <= 1 else {
            throw GSLError.invalidArgument(routine, "probability \(p) is outside [0, 1]")
        }
    }
}
