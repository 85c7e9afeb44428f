import Foundation

/// A collider lower bound on a charged scalar's mass, drawn on the SU(2)_H joint view where it
/// applies to the lighter charged scalar h⁺ (m_h⁺ = m_H0 + Δ).
///
/// Only one such number is built in: LEP's combined search for pair-produced charged Higgs
/// bosons (ALEPH, DELPHI, L3, OPAL and the LEP Higgs working group, "Search for charged Higgs
/// bosons: combined results using LEP data", EPJC 73 (2013) 2463 [arXiv:1301.6065]), abstract:
/// "Charged Higgs bosons with mass below 80 GeV/c² (Type II scenario) or 72.5 GeV/c² (Type I
/// scenario, for pseudo-scalar masses above 12 GeV/c²) are excluded at the 95% confidence
/// level." The Type II number assumes decays to τν and quark pairs; the SU(2)_H h⁺ decays to
/// leptons and a neutrino, so applying it is an ASSUMPTION (printed with it). Not built in, with
/// where they were looked for: LHC bounds on the charged and neutral scalars of this model, and
/// the τ → μγ, τ → eγ, μ → eγ limits (MEG II, Belle, BaBar; the search store holds their
/// abstracts, but the model's rates for these decays need the seed papers' formulas, which are
/// not readable here: arXiv:2007.04291 and arXiv:2104.03291 only as abstracts and the latter's
/// introduction). Looked for, without a readable rate formula or coupling table: the papers'
/// pages (ar5iv, arXiv listings, tomesphere, arxivlens, bzpeer), GitHub code and LaTeX (the
/// search store's code corpus, exact-string search for the papers' citation keys), talks and
/// proceedings by the authors, and the Zee-model and horizontal-symmetry literature (Babu &
/// Mohapatra; Barbieri & Mohapatra; Choudhury & Sarkar PLB 235 (1990)), of which only
/// abstracts or first pages are stored.
public struct ChargedScalarCollisionBound: Codable, Sendable, Equatable {
    /// Excluded below this mass (GeV).
    public var lowerMassGeV: Double
    /// Confidence level (fraction).
    public var cl: Double
    /// Where it comes from, with the sentence read.
    public var source: String
    /// What its use here assumes.
    public var assumption: String

    enum CodingKeys: String, CodingKey {
        case lowerMassGeV = "lower_mass_GeV", cl, source, assumption
    }

    /// LEP's combined charged-Higgs bound, Type II benchmark: 80 GeV at 95 % CL.
    public static let lepChargedHiggs = ChargedScalarCollisionBound(
        lowerMassGeV: 80, cl: 0.95,
        source: "ALEPH, DELPHI, L3, OPAL and the LEP Higgs WG, EPJC 73 (2013) 2463 [arXiv:1301.6065], abstract: \"Charged Higgs bosons with mass below 80 GeV/c^2 (Type II scenario) ... are excluded at the 95% confidence level\"",
        assumption: "applied to h+ of SU(2)_H although it was derived for a 2HDM H+ decaying to tau nu and quarks (assumption)")

    /// Whether a charged scalar of mass m (GeV) is below the bound.
    public func excludes(chargedMassGeV m: Double) -> Bool { m < lowerMassGeV }
}
