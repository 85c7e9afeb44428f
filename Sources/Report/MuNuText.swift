import Analysis
import Foundation

/// μν results as text for tables (issue 14): every value in 10⁻¹¹ μB with the unit written once
/// by the caller; a result whose interval reaches μν = 0 as an upper limit ("< 0.699"), a
/// two-sided one as an interval ("[1.24, 3.23]"); μν's errors asymmetric and in μB.
public enum MuNuText {
    /// The unit of the table numbers.
    public static let unit = "10⁻¹¹ μB"

    /// μν in units of 10⁻¹¹ μB, three decimals.
    public static func mu11(_ x: Double) -> String { String(format: "%.3f", x / 1e-11) }

    /// "< 0.699" for an interval [0, hi], "[1.240, 3.230]" otherwise (10⁻¹¹ μB).
    public static func interval(_ iv: [Double]) -> String {
        guard iv.count == 2 else { return "—" }
        return iv[0] <= 0 ? "< \(mu11(iv[1]))" : "[\(mu11(iv[0])), \(mu11(iv[1]))]"
    }

    /// "+0.512 −0.561" (10⁻¹¹ μB); "+0.412" alone when the lower error is zero (best fit at 0).
    public static func errors(low: Double, high: Double) -> String {
        low > 0 ? "+\(mu11(high)) −\(mu11(low))" : "+\(mu11(high))"
    }

    /// The confidence level as "90 %".
    public static func percent(_ cl: Double) -> String { String(format: "%.3g", cl * 100) + " %" }

    /// "μν = 2.404 +0.512 −0.561 × 10⁻¹¹ μB" or, when the interval reaches 0,
    /// "μν < 0.699 × 10⁻¹¹ μB (90 % CL)": the headline of a fit.
    public static func headline(_ r: FitReport) -> String {
        r.isUpperLimit
            ? "μν < \(mu11(r.interval[1])) × \(unit) (\(percent(r.cl)) CL)"
            : "μν = \(mu11(r.muNuBest)) \(errors(low: r.muNuErrorLow, high: r.muNuErrorHigh)) × \(unit)"
    }
}
