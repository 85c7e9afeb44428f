import Formats
import Foundation

/// Small helpers for human-readable tables (the Formats module's ``TextFormat``, under the name
/// the renderers use).
public enum Format {
    /// A number in %g-like form with `digits` significant digits.
    public static func g(_ x: Double, _ digits: Int = 4) -> String { TextFormat.g(x, digits) }
    /// Fixed decimals.
    public static func f(_ x: Double, _ decimals: Int = 2) -> String { TextFormat.f(x, decimals) }
    /// μν in units of 10⁻¹¹ μB.
    public static func mu11(_ x: Double) -> String { TextFormat.mu11(x) }

    /// A confidence region on a moment as text, in units of 10⁻¹¹ μB: an upper limit
    /// "μν < 3.047 × 10⁻¹¹ μB" when the region reaches the boundary 0, else an interval
    /// "μν ∈ [1.601, 3.047] × 10⁻¹¹ μB". `name` is the quantity ("μν", "|μ_eμ|").
    public static func region(_ name: String, lower: Double, upper: Double) -> String { TextFormat.region(name, lower: lower, upper: upper) }

    /// Right-aligned columns with a header rule.
    public static func table(_ header: [String], _ rows: [[String]]) -> String { TextFormat.table(header, rows) }
}
