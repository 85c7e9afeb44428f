import Formats
import Foundation

/// The left–right mixing moment μν = (eG_F/2√2π²)[m_ℓ(1 − M²_W1/M²_W2) sin 2ξ + ¾ m_ν(1 +
/// M²_W1/M²_W2)] (``LeftRightMixingMoment``; `nmmfit model lr-mixing`), for a given sin 2ξ or
/// solved for the sin 2ξ a moment needs.
public struct LRMixingResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var formula = "mu_nu = (e G_F / 2 sqrt2 pi^2) [m_l (1 - M_W1^2/M_W2^2) sin(2 xi) + (3/4) m_nu (1 + M_W1^2/M_W2^2)]"
    public var verification = LeftRightMixingMoment.verification
    public var lepton: String
    public var sin2xi: Double
    public var wMassRatioSquared: Double
    public var heavyWMassGeV: Double?
    public var neutrinoMassEV: Double
    public var muNuMuB: Double
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output", formula, verification, lepton, sin2xi, muNuMuB = "mu_nu_muB"
        case wMassRatioSquared = "w_mass_ratio_squared", heavyWMassGeV = "m_W2_GeV", neutrinoMassEV = "neutrino_mass_eV"
    }

    /// From sin 2ξ, or (when nil) solved for the sin 2ξ of |μν| = `muNuMuB`; `heavyWMassGeV` nil
    /// means M_W2 → ∞.
    public init(lepton l: LeptonFlavour, sin2xi: Double?, muNuMuB: Double?, heavyWMassGeV: Double?, neutrinoMassEV: Double) throws {
        let r = heavyWMassGeV.map { (ModelMasses.wBosonGeV / $0) * (ModelMasses.wBosonGeV / $0) } ?? 0
        let s = try sin2xi ?? LeftRightMixingMoment.requiredSin2Xi(muBohr: muNuMuB ?? 0, lepton: l, wMassRatioSquared: r, neutrinoMassEV: neutrinoMassEV)
        let m = try muNuMuB ?? LeftRightMixingMoment.momentBohr(lepton: l, sin2Xi: s, wMassRatioSquared: r, neutrinoMassEV: neutrinoMassEV)
        (lepton, self.sin2xi, wMassRatioSquared, self.heavyWMassGeV, self.neutrinoMassEV, self.muNuMuB) = (l.asciiName, s, r, heavyWMassGeV, neutrinoMassEV, m)
        flavour = l
    }

    /// The lepton (not encoded; for the text).
    public var flavour: LeptonFlavour = .e

    public var text: String {
        var t = "left–right mixing (\(LeftRightMixingMoment.verification))\n"
        t += "ℓ = \(flavour), M²_W1/M²_W2 = \(TextFormat.g(wMassRatioSquared, 4)), m_ν = \(TextFormat.g(neutrinoMassEV, 4)) eV: sin 2ξ = \(TextFormat.g(sin2xi, 4)) ↔ μν = \(TextFormat.g(muNuMuB, 4)) μB\n"
        t += "(\(TextFormat.g(LeftRightMixingMoment.perSin2XiBohr(lepton: flavour) * (1 - wMassRatioSquared), 4)) μB per unit sin 2ξ; m_ν term \(TextFormat.g(LeftRightMixingMoment.massTermBohr(neutrinoMassEV: neutrinoMassEV, wMassRatioSquared: wMassRatioSquared), 4)) μB)\n"
        return t
    }
}
