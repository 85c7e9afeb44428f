extension FeldmanCousins {
    /// Grid points of the μν grid when none are asked for.
    public static let defaultGridPoints = 30

    /// The tested μν values (μB) of a construction: `points` values evenly spaced from 0 to
    /// `top`; `top` defaults to twice the upper end of the asymptotic interval at `cl` (at
    /// least 10⁻¹² μB), which the Feldman–Cousins interval lies well inside.
    public static func grid(profile: ProfileLikelihood, cl: Double, points: Int = defaultGridPoints, top: Double? = nil) throws -> [Double] {
        let end = try top ?? max(2 * AsymptoticInterval.interval(profile, cl: cl).upper, 1e-12)
        return (0..<points).map { end * Double($0) / Double(points - 1) }
    }
}
