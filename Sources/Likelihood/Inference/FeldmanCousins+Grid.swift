import Formats

extension FeldmanCousins {
    /// Grid points of the μν grid when none are asked for.
    public static let defaultGridPoints = 30
    /// The fewest grid points a construction accepts (every front end's rule).
    public static let minimumGridPoints = 3

    /// The grid-point rule of every front end: at least ``minimumGridPoints``; `option` names the
    /// input in the error.
    public static func checkGridPoints(_ points: Int, option: String) throws {
        guard points >= minimumGridPoints else {
            throw InputError(field: option, "must be ≥ \(minimumGridPoints), got \(points)")
        }
    }

    /// The tested μν values (μB) of a construction: `points` values evenly spaced from 0 to
    /// `top`; `top` defaults to twice the upper end of the asymptotic interval at `cl` (at
    /// least 10⁻¹² μB), which the Feldman–Cousins interval lies well inside.
    public static func grid(profile: ProfileLikelihood, cl: Double, points: Int = defaultGridPoints, top: Double? = nil) throws -> [Double] {
        try checkGridPoints(points, option: FrontEndTerm.gridPoints.libraryWording)
        let end = try top ?? max(2 * AsymptoticInterval.interval(profile, cl: cl).upper, 1e-12)
        return (0..<points).map { end * Double($0) / Double(points - 1) }
    }
}
