import GSL

/// Central 68.27 % confidence intervals for a Poisson count n (Garwood, Biometrika 28 (1936)
/// 437; PDG Statistics review, Eq. 40.76), for error bars on data points:
/// ```
/// lower = ½ χ²_{2n}(0.15866),   upper = ½ χ²_{2n+2}(0.84134)
/// ```
public enum PoissonErrors {
    /// (n − lower, upper − n) for a count n ≥ 0.
    public static func bars(_ n: Double) -> (low: Double, high: Double) {
        let k = max(n.rounded(), 0)
        let lo = k > 0 ? 0.5 * ((try? Distributions.chiSquaredQuantile(0.158655, dof: 2 * k)) ?? k) : 0
        let hi = 0.5 * ((try? Distributions.chiSquaredQuantile(0.841345, dof: 2 * k + 2)) ?? (k + 1))
        return (max(n - lo, 0), max(hi - n, 0))
    }
}
