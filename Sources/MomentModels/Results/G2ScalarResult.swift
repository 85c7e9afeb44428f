import Formats
import Foundation

/// The one-loop Δa_μ of a neutral scalar coupling μ to a charged lepton (Leveille, Nucl. Phys.
/// B137 (1978) 63; ``NeutralScalarLoop``), its heavy-scalar limit where valid, and its
/// comparison with measurements (`nmmfit model g2-scalar`).
public struct G2ScalarResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var formula = "Leveille, Nucl. Phys. B137 (1978) 63: exact one-loop neutral-scalar integrals (NeutralScalarLoop)"
    public var scalarMassGeV: Double
    public var leptonMassGeV: Double
    public var yLeft: Double
    public var yRight: Double
    public var deltaAMu: Double
    public var chiralityFlipping: Double
    public var chiralityConserving: Double
    public var heavyLimitDeltaAMu: Double?
    public var comparisons: [G2Comparison]
    /// The internal lepton (not encoded; for the text).
    public var lepton: LeptonFlavour = .tau
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output", formula, comparisons
        case scalarMassGeV = "scalar_mass_GeV", leptonMassGeV = "lepton_mass_GeV", yLeft = "y_left", yRight = "y_right"
        case deltaAMu = "delta_amu", chiralityFlipping = "delta_amu_chirality_flipping", chiralityConserving = "delta_amu_chirality_conserving"
        case heavyLimitDeltaAMu = "delta_amu_heavy_scalar_limit"
    }

    /// Δa_μ of a scalar of mass `massGeV` with couplings y_L, y_R to μ̄ ℓ, compared with `measurements`.
    public init(massGeV: Double, lepton: LeptonFlavour, yLeft: Double, yRight: Double, measurements: [MuonAnomalyMeasurement]) throws {
        let loop = try NeutralScalarLoop(scalarMassGeV: massGeV, fermionMassGeV: ModelMasses.chargedLeptonGeV(lepton),
                                         leftCoupling: yLeft, rightCoupling: yRight)
        let p = try loop.parts()
        (scalarMassGeV, leptonMassGeV, self.yLeft, self.yRight, self.lepton) = (massGeV, loop.fermionMassGeV, yLeft, yRight, lepton)
        (deltaAMu, chiralityFlipping, chiralityConserving) = (p.total, p.chiralityFlipping, p.chiralityConserving)
        heavyLimitDeltaAMu = loop.heavyScalarLimitIsValid ? loop.heavyScalarLimit.total : nil
        comparisons = G2Comparison.make(predicted: p.total, measurements)
    }

    public var text: String {
        var s = "neutral scalar M = \(TextFormat.g(scalarMassGeV)) GeV, internal \(lepton) (m = \(TextFormat.g(leptonMassGeV, 6)) GeV), y_L = \(TextFormat.g(yLeft)), y_R = \(TextFormat.g(yRight))\n"
        s += "Δa_μ = \(TextFormat.g(deltaAMu / 1e-11, 5)) × 10⁻¹¹   (chirality flip \(TextFormat.g(chiralityFlipping / 1e-11, 5)), conserving \(TextFormat.g(chiralityConserving / 1e-11, 5)))\n"
        if let h = heavyLimitDeltaAMu {
            s += "heavy-scalar limit (M ≫ m_F ≫ m_μ): \(TextFormat.g(h / 1e-11, 5)) × 10⁻¹¹  (\(TextFormat.g(100 * (h / deltaAMu - 1), 2)) % from the exact)\n"
        } else {
            s += "heavy-scalar limit: not shown (valid only for M ≥ \(TextFormat.g(NeutralScalarLoop.limitRatio)) m_F and m_F ≥ \(TextFormat.g(NeutralScalarLoop.limitRatio)) m_μ)\n"
        }
        return s + G2Comparison.table(comparisons) + "\n"
    }
}
