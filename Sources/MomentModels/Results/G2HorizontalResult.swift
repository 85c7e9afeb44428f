import Formats
import Foundation

/// SU(2)_H: Δa_μ from the neutral scalar H0 and μν from its charged partner for one set of
/// masses and |f f′|, under the assumed link of ``HorizontalJointRegion`` (`nmmfit model g2-horizontal`).
public struct G2HorizontalResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var model = "SU(2)_H (Babu, Jana, Lindner, JHEP 10 (2020) 040; Babu, Jana, Lindner, Vishnu P.K., arXiv:2104.03291)"
    public var link = "assumed: y_L = y_R, y_L y_R = kappa |f f'|; m_h+ = m_H0 + splitting (unverified against the paper)"
    public var neutralGeV: Double
    public var lightChargedGeV: Double
    public var heavyChargedGeV: Double
    public var sin2alpha: Double
    public var kappa: Double
    public var pseudoscalarGeV: Double?
    public var ffprime: Double
    public var muNuMuB: Double
    public var deltaAMu: Double
    public var comparisons: [G2Comparison]
    /// f and f′ when given separately (nil: only their product).
    public var f: Double?
    public var fprime: Double?
    /// How H0 couples μ̄τ (``NeutralScalarCouplingAssumption``).
    public var neutralCoupling: NeutralScalarCouplingAssumption = .product
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output", model, link, sin2alpha, kappa, ffprime, comparisons, f, fprime
        case neutralCoupling = "neutral_coupling"
        case neutralGeV = "m_H0_GeV", lightChargedGeV = "m_h_plus_GeV", heavyChargedGeV = "m_H_plus_GeV"
        case muNuMuB = "mu_nu_muB", deltaAMu = "delta_amu", pseudoscalarGeV = "m_A_GeV"
    }

    /// μν and Δa_μ at m_H0 = `neutralGeV` (GeV) and |f f′| = `ffprime`, compared with `measurements`.
    public init(neutralGeV: Double, heavyChargedGeV: Double, sin2alpha: Double, splittingGeV: Double, kappa: Double,
                pseudoscalarGeV: Double?, ffprime: Double, measurements: [MuonAnomalyMeasurement]) throws {
        var link = try HorizontalJointRegion(heavyChargedGeV: heavyChargedGeV, sin2Alpha: sin2alpha, chargedSplittingGeV: splittingGeV, kappa: kappa)
        link.pseudoscalarGeV = pseudoscalarGeV
        _ = try HorizontalSymmetryModel(lightScalarGeV: neutralGeV + splittingGeV, heavyScalarGeV: heavyChargedGeV, yukawaProduct: ffprime, sin2Alpha: sin2alpha)
        (self.neutralGeV, lightChargedGeV, self.heavyChargedGeV) = (neutralGeV, neutralGeV + splittingGeV, heavyChargedGeV)
        (self.sin2alpha, self.kappa, self.pseudoscalarGeV, self.ffprime) = (sin2alpha, kappa, pseudoscalarGeV, ffprime)
        muNuMuB = ffprime * link.muPerYukawaBohr(neutralGeV: neutralGeV)
        deltaAMu = ffprime * (try link.deltaAMuPerYukawa(neutralGeV: neutralGeV))
        comparisons = G2Comparison.make(predicted: deltaAMu, measurements)
    }

    /// With f and f′ given separately (|f f′| = |f · f′|) and the neutral coupling chosen: μν
    /// depends on f f′; Δa_μ on f f′ (``NeutralScalarCouplingAssumption/product``, the same as
    /// the product initializer) or on f′ alone (``NeutralScalarCouplingAssumption/fprimeOnly``;
    /// a CP-odd partner is not modelled there and is refused).
    public init(neutralGeV: Double, heavyChargedGeV: Double, sin2alpha: Double, splittingGeV: Double, kappa: Double,
                pseudoscalarGeV: Double?, f: Double, fprime: Double, coupling: NeutralScalarCouplingAssumption,
                measurements: [MuonAnomalyMeasurement]) throws {
        guard f.isFinite, fprime.isFinite else { throw MomentError.invalidParameter("f, f′", f * fprime, "must be finite") }
        try self.init(neutralGeV: neutralGeV, heavyChargedGeV: heavyChargedGeV, sin2alpha: sin2alpha, splittingGeV: splittingGeV,
                      kappa: kappa, pseudoscalarGeV: coupling == .product ? pseudoscalarGeV : nil, ffprime: abs(f * fprime), measurements: measurements)
        (self.f, self.fprime, neutralCoupling) = (f, fprime, coupling)
        if coupling == .fprimeOnly {
            guard pseudoscalarGeV == nil else {
                throw MomentError.invalidParameter("m_A", pseudoscalarGeV!, "a CP-odd partner is modelled only with the product coupling")
            }
            link = "assumed: y_L = 0, y_R^2 = kappa f'^2 (H0 couples through f' alone); m_h+ = m_H0 + splitting (unverified against the paper)"
            deltaAMu = try coupling.deltaAMu(neutralGeV: neutralGeV, kappa: kappa, ffprime: ffprime, fprime: fprime)
            comparisons = G2Comparison.make(predicted: deltaAMu, measurements)
        }
    }

    public var text: String {
        var s = "SU(2)_H: m_H0 = \(TextFormat.g(neutralGeV)) GeV, m_h⁺ = \(TextFormat.g(lightChargedGeV)) GeV, m_H⁺ = \(TextFormat.g(heavyChargedGeV)) GeV, sin2α = \(TextFormat.g(sin2alpha)), κ = \(TextFormat.g(kappa)), |f f′| = \(TextFormat.g(ffprime, 4))\n"
        if let f, let fprime { s += "f = \(TextFormat.g(f, 4)), f′ = \(TextFormat.g(fprime, 4)); neutral coupling: \(neutralCoupling.statement)\n" }
        s += "|μν|  = \(TextFormat.g(muNuMuB, 4)) μB  (= \(TextFormat.mu11(muNuMuB)) × 10⁻¹¹ μB)\n"
        s += "Δa_μ  = \(TextFormat.g(deltaAMu / 1e-11, 4)) × 10⁻¹¹\n"
        return s + G2Comparison.table(comparisons) + "\n"
    }
}
