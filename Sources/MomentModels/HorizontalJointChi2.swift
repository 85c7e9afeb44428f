import Foundation
import GSL

/// A joint confidence region of the SU(2)_H link (``HorizontalJointRegion``) over its two
/// parameters (m_H0, |f f′|), from one χ² that combines the data's profile likelihood of the
/// moment with the g−2 measurement — instead of intersecting a 90 % μν band with a 2σ g−2 band:
/// ```
/// χ²(m_H0, y) = −2ΔlnL_data(μ_eff = √s K(m_H0) y) + ((G(m_H0) y − Δa_μ)/σ)²,   y = |f f′|
/// ```
/// K and G as in ``HorizontalJointRegion`` (|μ_eμ| = K y, Δa_μ = G y), s the rate sensitivity
/// ⟨μ_eff²⟩/|μ_eμ|² of the element fit (the model's e–μ moment seen as an effective one), and
/// −2ΔlnL the scanned profile likelihood of the effective moment (``ProfileLikelihoodCurve``).
/// The region at confidence level CL is χ² − χ²_min ≤ F⁻¹_{χ²₂}(CL) (two parameters, Wilks;
/// asymptotic, not calibrated with toys), χ²_min over the grid. Where μ_eff leaves the scanned
/// range the point counts as excluded (χ² = ∞).
public struct HorizontalJointChi2: Sendable {
    /// One mass of the grid.
    public struct Row: Sendable, Codable, Equatable {
        /// m_H0 (GeV).
        public var neutralGeV: Double
        /// |f f′| of the smallest χ² at this mass.
        public var ffprimeBest: Double
        /// That smallest χ².
        public var chi2Best: Double
        /// The |f f′| range inside the region at this mass (nil: none; 0 when it reaches
        /// |f f′| = 0, i.e. no moment and no g−2 shift).
        public var ffprimeMin: Double?
        /// Upper end of that range.
        public var ffprimeMax: Double?
        enum CodingKeys: String, CodingKey {
            case neutralGeV = "m_H0_GeV", ffprimeBest = "ffprime_best", chi2Best = "chi2_best"
            case ffprimeMin = "ffprime_min", ffprimeMax = "ffprime_max"
        }
    }

    /// The result.
    public struct Result: Sendable, Codable, Equatable {
        /// Confidence level (fraction).
        public var cl: Double
        /// Δχ² threshold F⁻¹_{χ²₂}(CL).
        public var deltaChi2: Double
        /// The global minimum χ² on the grid and where it is.
        public var chi2Min: Double
        public var neutralGeVAtMin: Double
        public var ffprimeAtMin: Double
        /// g−2 measurement id.
        public var measurement: String
        /// Per-mass rows.
        public var rows: [Row]
        enum CodingKeys: String, CodingKey {
            case cl, measurement, rows
            case deltaChi2 = "delta_chi2", chi2Min = "chi2_min", neutralGeVAtMin = "m_H0_at_min_GeV", ffprimeAtMin = "ffprime_at_min"
        }
    }

    public var link: HorizontalJointRegion
    public var profile: ProfileLikelihoodCurve
    /// s = ⟨μ_eff²⟩/|μ_eμ|² (dimensionless, > 0).
    public var sensitivity: Double

    public init(link: HorizontalJointRegion, profile: ProfileLikelihoodCurve, sensitivity: Double) throws {
        guard sensitivity.isFinite, sensitivity > 0 else { throw MomentError.invalidParameter("sensitivity", sensitivity, "must be > 0") }
        self.link = link
        self.profile = profile
        self.sensitivity = sensitivity
    }

    /// |f f′| grid: log-spaced over [10⁻⁷, 4π].
    static let yGrid: [Double] = (0...800).map { 1e-7 * pow(4 * Double.pi / 1e-7, Double($0) / 800) }

    /// The region over `masses` (GeV) for one measurement at confidence level `cl`.
    /// - Throws: ``MomentError`` for an unavailable measurement or a bad CL, ``GSLError``.
    public func region(masses: [Double], measurement m: MuonAnomalyMeasurement, cl: Double) throws -> Result {
        guard let d = m.deltaAMu1e11, let sig = m.sigma1e11 else { throw MomentError.invalidParameter("Δa_μ '\(m.id)'", .nan, "is unavailable") }
        guard cl.isFinite, cl > 0, cl < 1 else { throw MomentError.invalidParameter("CL", cl, "must be in (0, 1)") }
        let threshold = try Distributions.chiSquaredQuantile(cl, dof: 2)
        let integrator = Integrator()
        let rs = sensitivity.squareRoot()
        var perMass = [(m: Double, chi2: (Double) -> Double, best: (y: Double, c: Double))]()
        for mass in masses {
            let k = link.muPerYukawaBohr(neutralGeV: mass), g = try link.deltaAMuPerYukawa(neutralGeV: mass, integrator: integrator)
            let chi2: (Double) -> Double = { y in
                guard let q = profile.value(atBohr: rs * k * y) else { return .infinity }
                let pull = (g * y - d * 1e-11) / (sig * 1e-11)
                return q + pull * pull
            }
            var best = (y: Self.yGrid[0], c: Double.infinity)
            for y in Self.yGrid { let c = chi2(y); if c < best.c { best = (y, c) } }
            // refine by golden section between the grid neighbours of the minimum
            if best.c.isFinite {
                let step = Self.yGrid[1] / Self.yGrid[0]
                var a = best.y / step, b = best.y * step
                for _ in 0..<80 {
                    let x1 = b - (b - a) / 1.618033988749895, x2 = a + (b - a) / 1.618033988749895
                    if chi2(x1) < chi2(x2) { b = x2 } else { a = x1 }
                }
                let y = (a + b) / 2, c = chi2(y)
                if c < best.c { best = (y, c) }
            }
            perMass.append((mass, chi2, best))
        }
        guard let global = perMass.min(by: { $0.best.c < $1.best.c }), global.best.c.isFinite else {
            throw MomentError.invalidParameter("profile", .nan, "χ² is infinite everywhere: the scanned μν range does not cover the model's moments on this grid")
        }
        let level = global.best.c + threshold
        let rows = perMass.map { p -> Row in
            guard p.best.c <= level else { return Row(neutralGeV: p.m, ffprimeBest: p.best.y, chi2Best: p.best.c, ffprimeMin: nil, ffprimeMax: nil) }
            // edges: bisect χ² = level on each side of the minimum (log y)
            func edge(from inside: Double, to outside: Double) -> Double {
                var a = log(inside), b = log(outside)
                if p.chi2(outside) <= level { return outside == Self.yGrid.first! && p.chi2(0) <= level ? 0 : outside }
                for _ in 0..<100 { let mid = (a + b) / 2; if p.chi2(exp(mid)) <= level { a = mid } else { b = mid } }
                return exp((a + b) / 2)
            }
            return Row(neutralGeV: p.m, ffprimeBest: p.best.y, chi2Best: p.best.c,
                       ffprimeMin: edge(from: p.best.y, to: Self.yGrid.first!), ffprimeMax: edge(from: p.best.y, to: Self.yGrid.last!))
        }
        return Result(cl: cl, deltaChi2: threshold, chi2Min: global.best.c, neutralGeVAtMin: global.m, ffprimeAtMin: global.best.y,
                      measurement: m.id, rows: rows)
    }
}
