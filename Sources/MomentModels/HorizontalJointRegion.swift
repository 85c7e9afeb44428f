import Foundation
import GSL

/// The joint view of the SU(2)_H framework: where the neutrino transition moment μν (from the
/// charged scalars, ``HorizontalSymmetryModel``) lies in a measured band AND the muon anomaly
/// Δa_μ (from the neutral scalar of the same Higgs doublet, ``NeutralScalarLoop``) agrees with
/// a measurement at 2σ, over the neutral-scalar mass m_H0 and the Yukawa product |f f′|.
///
/// What the framework fixes (Babu, Jana, Lindner & Vishnu P.K., arXiv:2104.03291, abstract —
/// the only part of the paper reachable here): "a relatively light neutral scalar from a Higgs
/// doublet with mass near 100 GeV contributes to muon g−2, while its charged partner induces
/// the neutrino magnetic moment", with a positive Δa_μ whose sign and strength the model does
/// not leave free. The link used here — an ASSUMPTION, since the paper's equations could not
/// be read — is:
/// - the charged partner h⁺ of the neutral scalar H0 is the lighter charged state of the
///   moment formula: m_h⁺ = m_H0 + Δ (Δ = `chargedSplittingGeV`, 0 by default: one doublet);
/// - H0 couples μ̄ τ with y_L = y_R and y_L y_R = κ |f f′| (κ = `kappa`, 1 by default): the
///   chirality flip on the τ line that makes μν ∝ f f′ m_τ also makes Δa_μ ∝ f f′ m_μ m_τ,
///   with a positive sign;
/// - the heavier charged state m_H⁺ and sin 2α are held fixed;
/// - optionally (`pseudoscalarGeV`, another ASSUMPTION, printed by the commands) the neutral
///   state is complex, φ⁰ = (H + iA)/√2: then the CP-odd A, of mass m_A, couples with the same
///   magnitudes but y_L y_R of opposite sign, so its chirality-flipping (m_τ-enhanced) part
///   has the opposite sign and cancels H's when m_A = m_H0; the conserving parts add. The
///   same κ normalises both.
///
/// Both observables are then linear in |f f′| at fixed masses: |μν| = K(m_H0) |f f′| and
/// Δa_μ = G(m_H0) |f f′|, so each measured band is an exact |f f′| band at every mass:
/// ```
/// |f f′| ∈ [μ_lo/K, μ_hi/K]            (μν band; [0, μ_hi/K] for an upper limit)
/// |f f′| ∈ [max(0, Δa − 2σ)/G, (Δa + 2σ)/G]   (g−2 at 2σ; empty if Δa + 2σ ≤ 0)
/// ```
/// and the joint region is their intersection.
public struct HorizontalJointRegion: Sendable {
    /// m_H⁺, the heavier charged scalar (GeV).
    public var heavyChargedGeV: Double
    /// sin 2α of the charged mixing.
    public var sin2Alpha: Double
    /// m_h⁺ − m_H0 (GeV).
    public var chargedSplittingGeV: Double
    /// κ in y_L y_R = κ |f f′|.
    public var kappa: Double
    /// Loop function of the moment (exact by default).
    public var loop: ChargedScalarLoop = .exact
    /// m_A of a CP-odd partner (GeV), nil: a real neutral scalar H0 alone.
    public var pseudoscalarGeV: Double? = nil

    /// The number of σ of the g−2 band (2).
    public static let g2Sigmas = 2.0

    /// Validated link parameters.
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` for m_H⁺ ≤ m_τ, |sin2α| > 1 or 0,
    ///   non-finite Δ, or κ ≤ 0.
    public init(heavyChargedGeV: Double, sin2Alpha: Double, chargedSplittingGeV: Double = 0, kappa: Double = 1,
                loop: ChargedScalarLoop = .exact) throws {
        guard heavyChargedGeV.isFinite, heavyChargedGeV > ModelMasses.tauGeV else {
            throw MomentError.invalidParameter("m_H⁺", heavyChargedGeV, "must be a finite mass above m_τ (GeV)")
        }
        guard sin2Alpha.isFinite, abs(sin2Alpha) <= 1, sin2Alpha != 0 else {
            throw MomentError.invalidParameter("sin2α", sin2Alpha, "must be in [−1, 1] and non-zero")
        }
        guard chargedSplittingGeV.isFinite else { throw MomentError.invalidParameter("Δ", chargedSplittingGeV, "must be finite (GeV)") }
        guard kappa.isFinite, kappa > 0 else { throw MomentError.invalidParameter("κ", kappa, "must be > 0") }
        self.heavyChargedGeV = heavyChargedGeV
        self.sin2Alpha = sin2Alpha
        self.chargedSplittingGeV = chargedSplittingGeV
        self.kappa = kappa
        self.loop = loop
    }

    /// |μν|/μB per unit |f f′| at neutral mass m_H0 (0 when m_h⁺ = m_H⁺).
    public func muPerYukawaBohr(neutralGeV m: Double) -> Double {
        abs(HorizontalSymmetryModel.momentPerYukawaBohr(lightScalarGeV: m + chargedSplittingGeV, heavyScalarGeV: heavyChargedGeV, sin2Alpha: sin2Alpha, loop: loop))
    }

    /// Δa_μ per unit |f f′| at neutral mass m_H0: κ × Δa_μ(y_L = y_R = 1, F = τ).
    /// With a CP-odd partner, plus κ × Δa_μ(y_L = 1, y_R = −1) at m_A.
    public func deltaAMuPerYukawa(neutralGeV m: Double, integrator: Integrator = Integrator()) throws -> Double {
        let h = try NeutralScalarLoop(scalarMassGeV: m, leftCoupling: 1, rightCoupling: 1).deltaAMu(integrator: integrator)
        let a = try pseudoscalarGeV.map { try NeutralScalarLoop(scalarMassGeV: $0, leftCoupling: 1, rightCoupling: -1).deltaAMu(integrator: integrator) } ?? 0
        return kappa * (h + a)
    }

    /// An |f f′| range; nil bounds mean "no solution".
    public struct YukawaRange: Sendable, Codable, Equatable {
        /// What the range comes from (band label or measurement id; "A & B" for an overlap).
        public var source: String
        /// Smallest |f f′|.
        public var ffprimeMin: Double
        /// Largest |f f′|.
        public var ffprimeMax: Double
        enum CodingKeys: String, CodingKey { case source, ffprimeMin = "ffprime_min", ffprimeMax = "ffprime_max" }

        /// The intersection, or nil when empty.
        public func intersected(with o: YukawaRange) -> YukawaRange? {
            let lo = max(ffprimeMin, o.ffprimeMin), hi = min(ffprimeMax, o.ffprimeMax)
            return lo <= hi ? YukawaRange(source: "\(source) & \(o.source)", ffprimeMin: lo, ffprimeMax: hi) : nil
        }
    }

    /// One neutral-mass grid point.
    public struct Row: Sendable, Codable, Equatable {
        /// m_H0 (GeV).
        public var neutralGeV: Double
        /// m_h⁺ = m_H0 + Δ (GeV).
        public var lightChargedGeV: Double
        /// |μν|/μB per unit |f f′|.
        public var muPerYukawaBohr: Double
        /// Δa_μ per unit |f f′|.
        public var deltaAMuPerYukawa: Double
        /// |f f′| ranges of the μν bands (nil entries dropped: K = 0).
        public var muNu: [YukawaRange]
        /// |f f′| ranges that fit each g−2 measurement at 2σ.
        public var g2: [YukawaRange]
        /// Non-empty intersections of every μν band with every g−2 range (where μν vanishes,
        /// K = 0, an upper limit keeps the whole g−2 range and an interval none).
        public var joint: [YukawaRange]
        enum CodingKeys: String, CodingKey {
            case neutralGeV = "m_H0_GeV", lightChargedGeV = "m_h_plus_GeV", muPerYukawaBohr = "mu_per_ffprime_muB"
            case deltaAMuPerYukawa = "delta_amu_per_ffprime", muNu = "mu_nu", g2, joint
        }
    }

    /// The rows over a log-spaced grid of `steps` neutral masses in `neutralGeV` (GeV).
    /// - Throws: ``MomentError`` for invalid ranges or unavailable measurements, ``GSLError``
    ///   if an integral fails.
    public func rows(neutralGeV range: ClosedRange<Double>, steps: Int, bands: [MuNuBand],
                     measurements: [MuonAnomalyMeasurement]) throws -> [Row] {
        guard steps >= 1, steps <= 2000 else { throw MomentError.invalidParameter("steps", Double(steps), "need 1…2000") }
        guard range.lowerBound.isFinite, range.upperBound.isFinite, range.lowerBound + chargedSplittingGeV > ModelMasses.tauGeV,
              range.lowerBound > ModelMasses.muonGeV, range.upperBound <= NeutralScalarLoop.maximumScalarMassGeV else {
            throw MomentError.invalidParameter("m_H0 range", range.lowerBound, "needs m_H0 > m_μ, m_H0 + Δ > m_τ and m_H0 ≤ 10⁶ GeV")
        }
        let g2Intervals = try measurements.map { m -> (String, ClosedRange<Double>) in
            guard let iv = m.interval(sigmas: Self.g2Sigmas) else {
                throw MomentError.invalidParameter("Δa_μ '\(m.id)'", .nan, "is unavailable: \(m.source)")
            }
            return (m.id, iv)
        }
        let integrator = Integrator()
        let masses = steps == 1 || range.lowerBound == range.upperBound ? [range.lowerBound]
            : (0..<steps).map { range.lowerBound * pow(range.upperBound / range.lowerBound, Double($0) / Double(steps - 1)) }
        return try masses.map { m in
            let k = muPerYukawaBohr(neutralGeV: m)
            let g = try deltaAMuPerYukawa(neutralGeV: m, integrator: integrator)
            let mu = k > 0 ? bands.map { YukawaRange(source: $0.label, ffprimeMin: $0.lowerBohr / k, ffprimeMax: $0.upperBohr / k) } : []
            let g2 = g2Intervals.compactMap { id, iv -> YukawaRange? in
                iv.upperBound > 0 ? YukawaRange(source: id, ffprimeMin: max(0, iv.lowerBound) / g, ffprimeMax: iv.upperBound / g) : nil
            }
            var joint = mu.flatMap { b in g2.compactMap { b.intersected(with: $0) } }
            if k == 0 {  // μν ≡ 0 here: an upper limit allows every |f f′|, a band none
                joint = bands.filter(\.isUpperLimit).flatMap { b in
                    g2.map { YukawaRange(source: "\(b.label) & \($0.source)", ffprimeMin: $0.ffprimeMin, ffprimeMax: $0.ffprimeMax) }
                }
            }
            return Row(neutralGeV: m, lightChargedGeV: m + chargedSplittingGeV, muPerYukawaBohr: k, deltaAMuPerYukawa: g,
                       muNu: mu, g2: g2, joint: joint)
        }
    }
}
