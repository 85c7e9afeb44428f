import Formats
import Foundation

/// The Standard-Model Dirac moment of a neutrino mass, or the mass of a moment (Fujikawa &
/// Shrock, PRL 45 (1980) 963; `nmmfit model sm-dirac`).
public struct SMDiracResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var formula = "mu_nu/mu_B = 3 G_F m_e m_nu / (4 sqrt(2) pi^2)  (Fujikawa & Shrock, PRL 45 (1980) 963)"
    /// m_ν (eV).
    public var massEV: Double
    /// μν (μB).
    public var muNuMuB: Double
    enum CodingKeys: String, CodingKey { case formula, nmmfitOutput = "nmmfit_output", massEV = "m_nu_eV", muNuMuB = "mu_nu_muB" }

    public init(massEV: Double, muNuMuB: Double) {
        self.massEV = massEV
        self.muNuMuB = muNuMuB
    }

    /// From a mass (eV) or, when it is nil, from a moment (μB).
    public static func solve(massEV: Double?, muNuMuB: Double?) throws -> SMDiracResult {
        let mass = try massEV ?? StandardModelDiracMoment.massEV(momentBohr: muNuMuB ?? 0)
        let m = try muNuMuB ?? StandardModelDiracMoment.momentBohr(massEV: mass)
        return SMDiracResult(massEV: mass, muNuMuB: m)
    }

    public var text: String {
        "SM Dirac moment: m_ν = \(TextFormat.g(massEV, 4)) eV  →  μν = \(TextFormat.g(muNuMuB, 4)) μB   (\(TextFormat.g(StandardModelDiracMoment.bohrPerEV, 5)) μB per eV)\n"
    }
}
