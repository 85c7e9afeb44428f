import Foundation
import Recoil

/// Particle masses used by the model calculators, in GeV, each with its source.
public enum ModelMasses {
    /// m_e = 0.51099895×10⁻³ GeV (``PhysicalConstants/electronMassKeV``, PDG 2022).
    public static let electronGeV = PhysicalConstants.electronMassKeV * 1e-6
    /// m_μ = 105.6583755 MeV (PDG 2022/2024 = CODATA 2018; found quoted as the PDG value in
    /// pages of the search store, e.g. pith.science "m_mu_exp := 105.6583755 (MeV)"; the PDG
    /// listing itself was not reachable). Only the g−2 and transition-moment calculators use it,
    /// where its last digits are irrelevant.
    public static let muonGeV = 0.105_658_375_5
    /// m_τ = 1.77686 GeV (``PhysicalConstants/tauMassKeV``, PDG 2022).
    public static let tauGeV = PhysicalConstants.tauMassKeV * 1e-6
    /// m_W = 80.377 ± 0.012 GeV: the PDG world average as of April 2022 (before the 2022 CDF
    /// result), quoted in EPJC 83 (2023), doi:10.1140/epjc/s10052-023-11754-x, Sec. 1. Enters
    /// only as m_ℓ²/m_W² in ``StandardModelTransitionMoment``.
    public static let wBosonGeV = 80.377

    /// The charged-lepton mass of a flavour (GeV).
    public static func chargedLeptonGeV(_ f: LeptonFlavour) -> Double {
        switch f {
        case .e: electronGeV
        case .mu: muonGeV
        case .tau: tauGeV
        }
    }
}
