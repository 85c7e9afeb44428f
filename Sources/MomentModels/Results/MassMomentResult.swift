import Formats
import Foundation

/// The result of the naive mass–moment relation m_ν ≈ Λ² μν / (2 m_e μB) (Bell et al., PRL 95
/// (2005) 151802) solved for the one of μν, Λ, m_ν not given, with the SM Dirac moment of that
/// mass (`nmmfit model mass-moment`).
public struct MassMomentResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var relation = "m_nu = Lambda^2 mu_nu / (2 m_e mu_B)  (Bell et al., PRL 95 (2005) 151802)"
    /// μν (μB).
    public var muNuMuB: Double
    /// Λ (GeV).
    public var scaleGeV: Double
    /// m_ν (eV).
    public var massEV: Double
    /// The SM Dirac moment of m_ν (μB).
    public var smDiracMomentMuB: Double
    /// Bell et al.'s naturalness verdicts for μν made at Λ (``MagneticMomentNaturalness``).
    public var naturalness: MagneticMomentNaturalness?
    enum CodingKeys: String, CodingKey {
        case relation, nmmfitOutput = "nmmfit_output", naturalness
        case muNuMuB = "mu_nu_muB", scaleGeV = "scale_GeV", massEV = "m_nu_eV", smDiracMomentMuB = "sm_dirac_moment_muB"
    }

    public init(muNuMuB: Double, scaleGeV: Double, massEV: Double, smDiracMomentMuB: Double) {
        self.muNuMuB = muNuMuB
        self.scaleGeV = scaleGeV
        self.massEV = massEV
        self.smDiracMomentMuB = smDiracMomentMuB
    }

    /// Solves the relation for the one of μν (μB), Λ (GeV), m_ν (eV) that is nil.
    public static func solve(muNuMuB mu: Double?, scaleGeV scale: Double?, massEV mass: Double?) throws -> MassMomentResult {
        var m = mu ?? 0, l = scale ?? 0, mn = mass ?? 0
        if mass == nil { mn = try NaiveMassMomentRelation.massEV(muNuBohr: m, scaleGeV: l) }
        if mu == nil { m = try NaiveMassMomentRelation.momentBohr(massEV: mn, scaleGeV: l) }
        if scale == nil { l = try NaiveMassMomentRelation.scaleGeV(muNuBohr: m, massEV: mn) }
        var out = MassMomentResult(muNuMuB: m, scaleGeV: l, massEV: mn, smDiracMomentMuB: try StandardModelDiracMoment.momentBohr(massEV: mn))
        out.naturalness = try? MagneticMomentNaturalness(muNuMuB: m, scaleGeV: l)
        return out
    }

    /// The text rendering.
    public var text: String {
        """
        naive relation m_ν ≈ Λ² μν / (2 m_e μB)   (Bell et al., PRL 95 (2005) 151802)
        μν  = \(TextFormat.g(muNuMuB, 4)) μB
        Λ   = \(TextFormat.g(scaleGeV, 4)) GeV
        m_ν = \(TextFormat.g(massEV, 4)) eV
        (the SM Dirac moment of this mass would be \(TextFormat.g(smDiracMomentMuB, 3)) μB)

        """ + (naturalness.map { $0.text + "\n" } ?? "")
    }
}
