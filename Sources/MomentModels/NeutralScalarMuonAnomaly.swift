import Foundation
import GSL

/// The one-loop contribution of a neutral scalar φ to the muon anomaly a_μ = (g−2)_μ/2 when φ
/// couples the muon to a charged lepton F of mass m_F (F = τ in the SU(2)_H model, so the
/// coupling changes lepton flavour):
/// ```
/// L = φ μ̄ (y_L P_L + y_R P_R) F + h.c.        (φ real, mass M; y_L, y_R real)
/// ```
/// The photon attaches to F (charge −1, like the muon). With C_S = (y_L + y_R)/2 and
/// C_P = (y_R − y_L)/2 the Lagrangian is φ μ̄ (C_S + C_P γ5) F + h.c., the form of the general
/// one-loop result of J. P. Leveille, Nucl. Phys. B137 (1978) 63, for a neutral scalar, which
/// the review M. Lindner, M. Platscher, F. S. Queiroz, Phys. Rept. 731 (2018) 1
/// [arXiv:1610.06587] re-derives ("master integrals and fully analytical and exact
/// expressions", its abstract) — the equation numbers of that review could NOT be read here
/// (only its abstract is in the search store), so this doc comment derives the form used:
/// ```
/// Δa_μ = (m_μ² / 8π² M²) ∫₀¹ dx [ |C_S|² x²(1 + ε − x) + |C_P|² x²(1 − ε − x) ] / D(x)
/// D(x) = (1 − x)(1 − λ² x) + ε² λ² x,       ε = m_F/m_μ,  λ = m_μ/M
/// ```
/// (Feynman parameter x; for F = μ, C_P = 0 and y = m_μ/v this is the SM Higgs loop, whose
/// heavy-M limit is G_F m_μ⁴ ln(M²/m_μ²)/(4√2 π² M²), the textbook result.) Since
/// |C_S|² + |C_P|² = (y_L² + y_R²)/2 and |C_S|² − |C_P|² = y_L y_R, the numerator is
/// ```
/// (y_L² + y_R²)/2 · x²(1 − x)  +  y_L y_R · ε x²
/// ```
/// — a chirality-conserving part ∝ m_μ² and a chirality-flipping part enhanced by m_F/m_μ
/// (≈ 16.8 for F = τ), which needs both couplings and whose sign is the sign of y_L y_R.
/// Closed-form limits (derived here, used as test evidence):
/// - heavy scalar, M ≫ m_F ≫ m_μ (λ → 0, ε²λ² = m_F²/M² → 0):
///   ∫ x²/(1 − x + r x) dx → ln(1/r) − 3/2 and ∫ x²(1−x)/(1 − x + r x) dx → 1/3, so
///   ```
///   Δa_μ → y_L y_R m_μ m_F /(8π² M²) [ln(M²/m_F²) − 3/2]  +  (y_L² + y_R²) m_μ² /(48 π² M²)
///   ```
/// - m_F → 0: the enhanced part vanishes and D = (1 − x)(1 − λ²x), so exactly
///   Δa_μ = (y_L² + y_R²)/2 · λ²/(8π²) · [−ln(1 − λ²) − λ² − λ⁴/2] / λ⁶.
///
/// Cross-check with an independent code: GAMBIT's general-2HDM one-loop amplitudes (FlavBit,
/// `A_loop1L/A_loop1R` with E(x), F(x), x = m_F²/M²) give for y_L = y_R = y
/// (m_μ²/16π²M²) y² [E(x)/6 + (2/3)(m_F/m_μ) F(x)], which this integral reproduces to
/// O(m_μ²/M²) for any m_F/M (test `againstGambit`).
///
/// Requires M > m_μ (then D > 0 on [0, 1), the muon cannot decay to F φ).
public struct NeutralScalarLoop: Sendable, Codable, Equatable {
    /// Scalar mass M (GeV).
    public var scalarMassGeV: Double
    /// Internal lepton mass m_F (GeV); m_τ for the SU(2)_H model.
    public var fermionMassGeV: Double
    /// Coupling to μ̄ P_L F (dimensionless).
    public var leftCoupling: Double
    /// Coupling to μ̄ P_R F (dimensionless).
    public var rightCoupling: Double

    /// The largest scalar mass accepted (GeV): beyond it λ² underflows the integral's accuracy.
    public static let maximumScalarMassGeV = 1e6

    /// Validated parameters.
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` unless m_μ < M ≤ 10⁶ GeV,
    ///   0 ≤ m_F ≤ 10⁴ GeV and both couplings are finite.
    public init(scalarMassGeV: Double, fermionMassGeV: Double = ModelMasses.tauGeV, leftCoupling: Double, rightCoupling: Double) throws {
        guard scalarMassGeV.isFinite, scalarMassGeV > ModelMasses.muonGeV, scalarMassGeV <= Self.maximumScalarMassGeV else {
            throw MomentError.invalidParameter("M", scalarMassGeV, "the scalar mass must be above m_μ = \(ModelMasses.muonGeV) GeV and at most \(Self.maximumScalarMassGeV) GeV")
        }
        guard fermionMassGeV.isFinite, fermionMassGeV >= 0, fermionMassGeV <= 1e4 else {
            throw MomentError.invalidParameter("m_F", fermionMassGeV, "the internal lepton mass must be in [0, 10⁴] GeV")
        }
        for (n, y) in [("y_L", leftCoupling), ("y_R", rightCoupling)] where !y.isFinite {
            throw MomentError.invalidParameter(n, y, "must be finite")
        }
        self.scalarMassGeV = scalarMassGeV
        self.fermionMassGeV = fermionMassGeV
        self.leftCoupling = leftCoupling
        self.rightCoupling = rightCoupling
    }

    /// The two parts of Δa_μ.
    public struct Parts: Sendable, Codable, Equatable {
        /// The chirality-conserving part ∝ (y_L² + y_R²).
        public var chiralityConserving: Double
        /// The chirality-flipping (m_F/m_μ-enhanced) part ∝ y_L y_R.
        public var chiralityFlipping: Double
        /// Their sum, Δa_μ.
        public var total: Double { chiralityConserving + chiralityFlipping }
    }

    private var lambda2: Double { (ModelMasses.muonGeV / scalarMassGeV) * (ModelMasses.muonGeV / scalarMassGeV) }
    private var epsilon: Double { fermionMassGeV / ModelMasses.muonGeV }

    /// Δa_μ by numerical integration of the exact one-loop integrals (GSL QAGS, relative
    /// accuracy 10⁻¹⁰). The integrals are taken in u = 1 − x, where D = u(1 − λ² + λ²u) +
    /// r(1 − u) with r = m_F²/M² has no cancellation, over intervals split at r, 10r, 100r, …
    /// so that the peak of width ≈ r at u → 0 is resolved for any mass ratio.
    /// - Throws: ``GSLError`` if the integration fails.
    public func parts(integrator: Integrator = Integrator()) throws -> Parts {
        let l2 = lambda2, e = epsilon, r = e * e * l2
        let s = (leftCoupling * leftCoupling + rightCoupling * rightCoupling) / 2
        let p = leftCoupling * rightCoupling
        let pref = l2 / (8 * Double.pi * Double.pi)
        var cuts = [0.0]
        if r > 0, r < 1 {
            var c = r
            while c < 1 { cuts.append(c); c *= 10 }
        }
        cuts.append(1)
        func integrate(_ f: (Double) -> Double) throws -> Double {
            try zip(cuts, cuts.dropFirst()).reduce(0.0) { acc, ab in
                acc + (try integrator.qags(from: ab.0, to: ab.1, absTol: 0, relTol: 1e-10, f).value)
            }
        }
        func d(_ u: Double) -> Double { u * (1 - l2 + l2 * u) + r * (1 - u) }
        // (1 − x) = u cancels in the conserving part when m_F = 0; keep the cancelled form there.
        let conserving = e == 0
            ? try integrate { u in (1 - u) * (1 - u) / (1 - l2 + l2 * u) }
            : try integrate { u in (1 - u) * (1 - u) * u / d(u) }
        let flipping = e == 0 ? 0 : try integrate { u in e * (1 - u) * (1 - u) / d(u) }
        return Parts(chiralityConserving: pref * s * conserving, chiralityFlipping: pref * p * flipping)
    }

    /// Δa_μ (dimensionless) from ``parts(integrator:)``.
    public func deltaAMu(integrator: Integrator = Integrator()) throws -> Double { try parts(integrator: integrator).total }

    /// The heavy-scalar limit (M ≫ m_F ≫ m_μ) of both parts, from the doc comment:
    /// y_L y_R m_μ m_F [ln(M²/m_F²) − 3/2]/(8π² M²) and (y_L² + y_R²) m_μ²/(48π² M²).
    /// Meaningless for m_F = 0 (use ``masslessFermionExact``).
    public var heavyScalarLimit: Parts {
        let mu = ModelMasses.muonGeV, m = scalarMassGeV, f = fermionMassGeV
        let flip = leftCoupling * rightCoupling * mu * f / (8 * Double.pi * Double.pi * m * m) * (log(m * m / (f * f)) - 1.5)
        let cons = (leftCoupling * leftCoupling + rightCoupling * rightCoupling) * mu * mu / (48 * Double.pi * Double.pi * m * m)
        return Parts(chiralityConserving: cons, chiralityFlipping: flip)
    }

    /// Where ``heavyScalarLimit`` is meant to be used: M ≥ 10 m_F and m_F ≥ 10 m_μ (the
    /// neglected terms are O(m_F²/M²) and O(m_μ/m_F) relative). Outside it the "limit" is not
    /// an approximation of the exact integral — its flipping part even changes sign below
    /// M = m_F e^{3/4}, where the exact one keeps the sign of y_L y_R — and the commands do
    /// not print it.
    public var heavyScalarLimitIsValid: Bool {
        scalarMassGeV >= Self.limitRatio * fermionMassGeV && fermionMassGeV >= Self.limitRatio * ModelMasses.muonGeV
    }

    /// The ratio "≫" means in ``heavyScalarLimitIsValid``: 10.
    public static let limitRatio = 10.0

    /// The exact m_F = 0 result (closed form in the doc comment), for any M > m_μ; a series
    /// 1/3 + b/4 + b²/5 + … replaces the closed form for b = λ² < 10⁻³, where it cancels.
    public var masslessFermionExact: Double {
        let b = lambda2
        let bracket: Double = b < 1e-3
            ? (0..<8).reduce(0.0) { acc, n in acc + pow(b, Double(n)) / Double(n + 3) }
            : (-log1p(-b) - b - b * b / 2) / (b * b * b)
        let s = (leftCoupling * leftCoupling + rightCoupling * rightCoupling) / 2
        return s * b / (8 * Double.pi * Double.pi) * bracket
    }
}
