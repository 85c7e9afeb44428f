import Foundation
import GSL

/// How the neutral scalar H0 of the SU(2)_H doublet couples μ̄τ — a piece of Babu, Jana,
/// Lindner & Vishnu P.K. [arXiv:2104.03291] that could not be read here (only its abstract and
/// introduction are reachable), so it is a choice, printed with every result.
///
/// - ``product`` (the default, used by the joint view): y_L = y_R and y_L y_R = κ |f f′|, so
///   the chirality flip on the τ line gives Δa_μ ∝ f f′ m_μ m_τ (positive), linear in the same
///   product as the moment.
/// - ``fprimeOnly``: the doublet's neutral scalar couples through f′ alone, one chirality
///   (y_L = 0, y_R² = κ f′²): the reading of a Zee-like set-up in which f belongs to the
///   charged singlet. Then Δa_μ ∝ f′² m_μ² has no m_τ enhancement, and f and f′ must be given
///   separately (μν still depends on f f′).
public enum NeutralScalarCouplingAssumption: String, Sendable, Codable, CaseIterable {
    case product
    case fprimeOnly = "fprime-only"

    /// The sentence printed with every result.
    public var statement: String {
        switch self {
        case .product: "assumed: H0 couples mu-bar tau with y_L = y_R, y_L y_R = kappa |f f'| (unverified against arXiv:2104.03291)"
        case .fprimeOnly: "assumed: H0 couples mu-bar tau through f' alone, one chirality: y_L = 0, y_R^2 = kappa f'^2 (unverified against arXiv:2104.03291)"
        }
    }

    /// Δa_μ of H0 of mass m (GeV) for |f f′| = `ffprime` and, for ``fprimeOnly``, f′ = `fprime`.
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` when ``fprimeOnly`` has no f′.
    public func deltaAMu(neutralGeV m: Double, kappa: Double, ffprime: Double, fprime: Double?,
                         integrator: Integrator = Integrator()) throws -> Double {
        switch self {
        case .product:
            return ffprime * kappa * (try NeutralScalarLoop(scalarMassGeV: m, leftCoupling: 1, rightCoupling: 1).deltaAMu(integrator: integrator))
        case .fprimeOnly:
            guard let fp = fprime, fp.isFinite else {
                throw MomentError.invalidParameter("f′", fprime ?? .nan, "the f′-only coupling needs f and f′ separately")
            }
            return kappa * fp * fp * (try NeutralScalarLoop(scalarMassGeV: m, leftCoupling: 0, rightCoupling: 1).deltaAMu(integrator: integrator))
        }
    }
}
