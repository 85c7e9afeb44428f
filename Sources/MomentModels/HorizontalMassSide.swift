import Foundation

/// The mass side of the μν–m_ν conundrum for the SU(2)_H model at one parameter point: the
/// neutrino mass a generic loop with the same moment would induce, next to what the model says.
///
/// - **Naive estimate** (``NaiveMassMomentRelation``): m_ν ≈ Λ² |μ| / (2 m_e μB), the
///   "naïve relationship" of Bell, Gorchtein, Ramsey-Musolf, Vogel & Wang, PLB 642 (2006) 377
///   [hep-ph/0606248], Sec. I (μν ~ eG/Λ and δm_ν ~ GΛ from the same diagram without the
///   photon; the equation number is not readable in the text stored here), with Λ = m_h⁺, the
///   lighter charged scalar in the moment's loop (a choice, printed; `model mass-moment
///   --scale-gev` takes any other Λ).
/// - **The model**: Babu, Jana & Lindner, JHEP 10 (2020) 040 [arXiv:2007.04291], abstract:
///   "Owing to the difference in their Lorentz structures, in the SU(2)_H symmetric limit, m_ν
///   vanishes while μ_νeνμ is nonzero". The mass their model induces once SU(2)_H is broken
///   needs the paper's mass formula and its breaking parameter, neither of which is readable
///   here (only the abstract is), so it is NOT evaluated: ``modelMassEV`` is nil,
///   ``modelStatus`` says why and ``modelMissing`` (``MissingText/su2hNeutrinoMass``) names
///   the missing text, its source and every place it was looked for (the papers' stored pages,
///   LaTeX archives, GitHub, later papers, the horizontal-symmetry originals, talks and theses;
///   ``MissingText/placesLooked``).
/// - **Naturalness** (``MagneticMomentNaturalness``): Bell et al.'s model-independent bounds
///   for the same |μ| and Λ — the Dirac number μν ≲ 10⁻¹⁵ μB as the authors summarise it, and
///   for Majorana ν (the SU(2)_H case) only the abstract's statement, evaluated as a verdict.
/// - **For scale**: the direct laboratory limit m_ν < 0.45 eV (90 % CL) of KATRIN (Science
///   (2025), doi:10.1126/science.adq9592, arXiv:2406.13516, abstract as quoted in public
///   discussions: "resulting in an upper limit of m_ν < 0.45 eV at 90% confidence level").
public struct HorizontalMassSide: Codable, Sendable, Equatable {
    /// Λ (GeV) of the naive estimate: m_h⁺.
    public var scaleGeV: Double
    /// |μ| (μB) the estimate is made for.
    public var muNuMuB: Double
    /// m_ν (eV) of the naive relation.
    public var naiveMassEV: Double
    /// The mass the SU(2)_H model induces (eV); nil: not evaluated (``modelStatus``).
    public var modelMassEV: Double?
    /// Why ``modelMassEV`` is what it is.
    public var modelStatus: String
    /// The text the model's own m_ν needs and where it was looked for (nil when evaluated, and in
    /// files written before it was added).
    public var modelMissing: MissingText?
    /// naive m_ν / KATRIN's limit.
    public var naiveOverKatrin: Double
    /// Bell et al.'s naturalness verdicts for the same |μ| at the same Λ (nil in files written
    /// before they were added).
    public var naturalness: MagneticMomentNaturalness?

    enum CodingKeys: String, CodingKey {
        case scaleGeV = "scale_GeV", muNuMuB = "mu_nu_muB", naiveMassEV = "naive_m_nu_eV", modelMassEV = "model_m_nu_eV"
        case modelStatus = "model_m_nu_status", naiveOverKatrin = "naive_over_katrin_limit", naturalness
        case modelMissing = "model_m_nu_missing"
    }

    /// The relation, as printed.
    public static let naiveRelation = "m_nu ~ Lambda^2 |mu| / (2 m_e mu_B), Lambda = m_h+ (Bell et al., PLB 642 (2006) 377, Sec. I, naive relation)"
    /// Why the model's own mass is not evaluated.
    public static let modelStatement =
        "not evaluated (UNVERIFIED): arXiv:2007.04291's abstract says that in the SU(2)_H symmetric limit m_nu vanishes while mu_nu_e nu_mu is nonzero; missing: the m_nu formula after SU(2)_H breaking and the size of its breaking parameter, in the body of Babu, Jana & Lindner, JHEP 10 (2020) 040 [arXiv:2007.04291] (the SU(2)_H model section), of which only the abstract is readable here"
    /// KATRIN's direct limit on m_ν (eV, 90 % CL): Science (2025), doi:10.1126/science.adq9592
    /// [arXiv:2406.13516], abstract: "an upper limit of m_ν < 0.45 eV at 90% confidence level".
    public static let katrinLimitEV = 0.45
    /// Its source.
    public static let katrinSource = "KATRIN, Science (2025), doi:10.1126/science.adq9592 [arXiv:2406.13516], abstract: m_nu < 0.45 eV (90% CL)"

    /// The mass side of a moment |μ| (μB) made at scale Λ = m_h⁺ (GeV).
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` unless |μ| ≥ 0 and Λ > 0 are finite.
    public init(muNuMuB mu: Double, lightScalarGeV lambda: Double) throws {
        scaleGeV = lambda
        muNuMuB = abs(mu)
        naiveMassEV = try NaiveMassMomentRelation.massEV(muNuBohr: abs(mu), scaleGeV: lambda)
        modelMassEV = nil
        modelStatus = Self.modelStatement
        modelMissing = .su2hNeutrinoMass
        naiveOverKatrin = naiveMassEV / Self.katrinLimitEV
        naturalness = try MagneticMomentNaturalness(muNuMuB: mu, scaleGeV: lambda)
    }

    /// The text: one line, and the naturalness verdicts on a second.
    public var text: String {
        "mass side: naive m_ν ≈ Λ²|μ|/(2 m_e μB) = \(String(format: "%.3g", naiveMassEV)) eV at Λ = m_h⁺ = \(String(format: "%g", scaleGeV)) GeV "
            + "(\(String(format: "%.2g", naiveOverKatrin)) × KATRIN's 0.45 eV limit); SU(2)_H model's m_ν: \(modelMassEV.map { String(format: "%.3g eV", $0) } ?? modelStatus)"
            + (naturalness.map { "\n" + $0.text } ?? "")
    }
}
