import Analysis
import Foundation

/// The lines that describe a combination — its policy, the compatibility test and the verdict —
/// worded once for the terminal table and the report's summary.md, so the two always flag
/// tension from the same (calibrated) p-value.
public enum CombinationText {
    /// "combination policy: tritium-free: …", or nil for a single dataset.
    public static func policy(_ r: FitReport) -> String? {
        r.combinationPolicy.map { "combination policy: \($0.description)" }
    }

    /// The headline p-value with its method, e.g. "p = 0.0062 ± 0.0006 (4 dof; 16000 toys of the
    /// common best fit), Z = 2.50 σ".
    public static func headline(_ c: CompatibilityTest.Result) -> String {
        switch c.pValueMethod {
        case .toys:
            let p = c.pValueIsBound ? "p < \(g(c.pValue, 2))" : "p = \(g(c.pValue, 3)) ± \(g(c.pToysError ?? 0, 2))"
            let z = c.pValueIsBound ? "Z > \(String(format: "%.2f", c.zValue)) σ" : "Z = \(String(format: "%.2f", c.zValue)) σ"
            let failed = c.failedToys > 0 ? ", \(c.failedToys) failed" : ""
            return "\(p), \(z) (calibrated: \(c.toys) toys of the common best fit\(failed))"
        case .chi2Asymptotic:
            return "p = \(g(c.pValue, 3)), Z = \(String(format: "%.2f", c.zValue)) σ (χ², NOT calibrated at the boundary μν = 0)"
        }
    }

    /// The compatibility test in one line: the headline p-value, then the statistic and the χ²
    /// p-value as secondary figures.
    public static func compatibility(_ c: CompatibilityTest.Result) -> String {
        var s = "compatibility, one common μν vs one per dataset: \(headline(c)); −2ΔlnL = \(String(format: "%.3f", c.minusTwoDeltaLnL)), \(c.dof) dof"
        if c.pValueMethod == .toys { s += " (χ²: p = \(g(c.pValueAsymptotic, 3)), \(String(format: "%.2f", c.zAsymptotic)) σ, not calibrated at μν = 0)" }
        return s
    }

    /// "TENSION: …" when the headline p-value is below the threshold, else a line saying the
    /// datasets agree.
    public static func verdict(_ c: CompatibilityTest.Result) -> String {
        if c.tension {
            let sep = c.datasets.map { "\($0) \(MuNuText.mu11(c.separateMuNuBest[$0] ?? 0))" }.joined(separator: ", ")
            return "TENSION: the datasets do not agree on one μν (\(c.pValueIsBound ? "p <" : "p =") \(g(c.pValue, 2)), \(String(format: "%.2f", c.zValue)) σ, \(c.pValueMethod == .toys ? "toys" : "χ²")); the combined value averages incompatible data. Separate best fits (\(MuNuText.unit)): \(sep)."
        }
        return "the datasets are compatible with one common μν (p = \(g(c.pValue, 3)), \(c.pValueMethod == .toys ? "toys" : "χ²"))."
    }

    /// "combined limit weaker than …: why", or nil.
    public static func weaker(_ r: FitReport) -> String? {
        r.combinedWeakerReason.map { "WEAKER THAN ITS BEST INPUT: \($0)." }
    }

    static func g(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)g", x) }
}
