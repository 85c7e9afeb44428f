import Foundation

/// Plain-text rendering helpers for results' text tables (the library side of a front end's
/// output): numbers in %g or fixed form, μν in units of 10⁻¹¹ μB, a confidence region as text,
/// and right-aligned columns with a header rule.
public enum TextFormat {
    /// A number in %g-like form with `digits` significant digits.
    public static func g(_ x: Double, _ digits: Int = 4) -> String { String(format: "%.\(digits)g", x) }
    /// Fixed decimals.
    public static func f(_ x: Double, _ decimals: Int = 2) -> String { String(format: "%.\(decimals)f", x) }
    /// μν in units of 10⁻¹¹ μB, three decimals.
    public static func mu11(_ x: Double) -> String { String(format: "%.3f", x / 1e-11) }

    /// A confidence region on a moment in units of 10⁻¹¹ μB: "μν < 3.047 × 10⁻¹¹ μB" when it
    /// reaches the boundary 0, else "μν ∈ [1.601, 3.047] × 10⁻¹¹ μB"; `name` is the quantity.
    public static func region(_ name: String, lower: Double, upper: Double) -> String {
        lower <= 0 ? "\(name) < \(mu11(upper)) × 10⁻¹¹ μB" : "\(name) ∈ [\(mu11(lower)), \(mu11(upper))] × 10⁻¹¹ μB"
    }

    /// Right-aligned columns with a header rule. Every cell is ``TextInput/displaySafe(_:)``: a
    /// name from the input with a line break or a terminal control in it cannot forge a row.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        let header = header.map(TextInput.displaySafe)
        let rows = rows.map { $0.map(TextInput.displaySafe) }
        let widths = header.indices.map { c in max(header[c].count, rows.map { $0[c].count }.max() ?? 0) }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { String(repeating: " ", count: widths[$0] - $1.count) + $1 }.joined(separator: "  ")
        }
        var out = line(header) + "\n"
        out += widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
        for r in rows { out += line(r) + "\n" }
        return out
    }
}
