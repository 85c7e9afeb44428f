import Foundation

/// Compact tick-label formatting: `0.5`, `1`, `20`, `10⁻¹¹`, `2.5×10⁻¹²`, with a true minus
/// sign (U+2212); and numbers in scientific notation for titles and labels (`2.40 × 10⁻¹¹`).
public enum TickFormat {
    /// `v` with `digits` significant digits as `m.mm × 10ᵉ` (Unicode superscript exponent, true
    /// minus sign): `2.4e-11` → `2.40 × 10⁻¹¹`. Exponents 0 drop the power (`3.14`); 0 is `0`;
    /// non-finite values are written as `nan`, `∞`, `−∞`.
    public static func scientific(_ v: Double, digits: Int = 3) -> String {
        guard v.isFinite else { return v.isNaN ? "nan" : (v > 0 ? "∞" : "−∞") }
        guard v != 0 else { return "0" }
        let d = max(1, min(digits, 17))
        var e = Int(Foundation.log10(abs(v)).rounded(.down))
        var m = v / pow(10, Double(e))
        // rounding may carry to 10.0 (9.996 → 10.0): renormalise
        if abs((m * pow(10, Double(d - 1))).rounded()) >= pow(10, Double(d)) { e += 1; m = v / pow(10, Double(e)) }
        let mantissa = minus(String(format: "%.\(d - 1)f", m))
        return e == 0 ? mantissa : mantissa + " × 10" + superscript(e)
    }

    /// `s` with ASCII hyphen-minus signs replaced by the minus sign U+2212.
    static func minus(_ s: String) -> String { s.replacingOccurrences(of: "-", with: "−") }

    /// Labels for evenly spaced linear ticks with spacing `step`. Values far from unity share an
    /// exponent (`1.5×10⁻¹¹`); others get just enough decimals for the step.
    public static func linear(_ values: [Double], step: Double) -> [String] {
        let maxAbs = values.map(abs).max() ?? 0
        guard maxAbs > 0, step > 0 else { return values.map { _ in "0" } }
        if maxAbs >= 1e5 || maxAbs < 1e-3 {
            let e = Foundation.log10(maxAbs).rounded(.down)
            let scale = pow(10, e)
            let d = decimals(step / scale)
            return values.map { v in
                v == 0 ? "0" : fixed(v / scale, d) + "×10" + superscript(Int(e))
            }
        }
        return values.map { fixed($0, decimals(step)) }
    }

    /// Labels for log-axis ticks of the form m·10ᵉ: plain decimals when all lie in [10⁻³, 10⁴],
    /// otherwise `10ᵉ` or `m×10ᵉ`.
    public static func log(_ values: [Double]) -> [String] {
        let plain = values.allSatisfy { $0 >= 1e-3 * (1 - 1e-9) && $0 <= 1e4 * (1 + 1e-9) }
        return values.map { v in
            let e = (Foundation.log10(v) + 1e-9).rounded(.down)
            let m = (v / pow(10, e) * 1e6).rounded() / 1e6
            if plain { return fixed(v, max(0, Int(-e) + decimals(m))) }
            let p = "10" + superscript(Int(e))
            return m == 1 ? p : fixed(m, decimals(m)) + "×" + p
        }
    }

    /// Decimals needed to show multiples of `step` (0 for steps ≥ 1).
    static func decimals(_ step: Double) -> Int {
        guard step > 0, step.isFinite else { return 0 }
        var d = 0
        while d < 10, abs((step * pow(10, Double(d))).rounded() - step * pow(10, Double(d))) > 1e-6 * step * pow(10, Double(d)) { d += 1 }
        return d
    }

    static func fixed(_ v: Double, _ decimals: Int) -> String {
        let s = String(format: "%.\(decimals)f", v)
        return s.allSatisfy { "-0.".contains($0) } ? "0" : minus(s)
    }

    /// `n` written with Unicode superscript digits and minus (`-11` → `⁻¹¹`).
    public static func superscript(_ n: Int) -> String {
        let digits: [Character] = ["⁰", "¹", "²", "³", "⁴", "⁵", "⁶", "⁷", "⁸", "⁹"]
        return (n < 0 ? "⁻" : "") + String(abs(n)).map { digits[Int(String($0))!] }
    }
}
