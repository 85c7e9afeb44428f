import Foundation
import GSL

/// The profile-likelihood-ratio test statistics, each written out once. Every interval, test
/// and toy study in this module (and the compatibility test built on it) computes them here.
///
/// Notation of Cowan, Cranmer, Gross & Vitells, Eur. Phys. J. C 71 (2011) 1554 ("CCGV"):
/// `restricted` is the minimum of −ln L with the tested parameters held (at s, at 0, or the
/// null hypothesis), `free` the unrestricted minimum; both are −ln L values (dimensionless).
public enum TestStatistic {
    /// −2 ln λ = 2 (nll_restricted − nll_free) as computed, without the clamp; toy counts
    /// compare it with the observed value (``atLeastAsExtreme(_:observed:)``).
    public static func twiceDeltaNLL(restricted: Double, free: Double) -> Double {
        2 * (restricted - free)
    }

    /// The likelihood ratio −2 ln λ (t̃ of CCGV Eq. 11 when `restricted` holds μν at the tested
    /// value), clamped at 0: the restricted minimum cannot lie below the free one, so a negative
    /// value is rounding or an unconverged free fit.
    public static func likelihoodRatio(restricted: Double, free: Double) -> Double {
        max(twiceDeltaNLL(restricted: restricted, free: free), 0)
    }

    /// The discovery statistic q0 = −2 ln λ(0) if ŝ > 0, else 0 (CCGV Eq. 12).
    public static func q0(backgroundOnly: Double, free: Double, sHat: Double) -> Double {
        sHat > 0 ? likelihoodRatio(restricted: backgroundOnly, free: free) : 0
    }

    /// Whether a toy's −2 ln λ counts towards the p-value of the observed one: at least as
    /// large, with a tolerance of 1e-9 for fits that end on the same minimum.
    public static func atLeastAsExtreme(_ toy: Double, observed: Double) -> Bool {
        toy >= observed - 1e-9
    }

    /// The one rule from a one-sided p-value to a significance: Z = Φ⁻¹(1 − p) (CCGV Eq. 2),
    /// 0 for p ≥ ½ (a test for an excess never reports a negative significance). A p-value that
    /// underflowed to 0 (an asymptotic p of a huge statistic) gives `ifUnderflow` when the caller
    /// knows the limit (e.g. √Δ for one boundary parameter), else Z at p = 10⁻³⁰⁰ (≈ 37).
    public static func significance(p: Double, ifUnderflow: Double? = nil) throws -> Double {
        if p >= 0.5 { return 0 }
        if p <= 0, let z = ifUnderflow { return z }
        return try Distributions.normalSurvivalQuantile(max(p, 1e-300))
    }
}
