import Foundation
import Recoil

extension EffectiveMoment {
    /// μ_eff² of one matrix averaged over one solar source's spectrum, with the source's
    /// oscillation probabilities under the same weighting.
    public struct SourceAverage: Sendable, Equatable {
        /// The solar source.
        public var source: SolarSource
        /// ⟨P_ee⟩, ⟨P_eμ⟩, ⟨P_eτ⟩ (dimensionless).
        public var pee: Double, pemu: Double, petau: Double
        /// ⟨μ_eff²⟩ over incoherent mass states (μB²).
        public var muEffSquared: Double
        /// ⟨μ_eff²⟩ in the flavour-content formulation (μB²).
        public var muEffFlavourContentSquared: Double
        /// √⟨μ_eff²⟩ (μB).
        public var muEff: Double { muEffSquared.squareRoot() }
        /// √⟨μ_eff²⟩ of the flavour-content formulation (μB).
        public var muEffFlavourContent: Double { muEffFlavourContentSquared.squareRoot() }
    }

    /// ``averagedSquared(_:source:recoilKeV:formulation:fermiFunction:)`` of `matrix` for each
    /// source. ⟨P_eα⟩ uses the same weighting: μ_eff² of λ = diag(δ_αe, δ_αμ, δ_ατ) is P_eα exactly.
    public func sourceAverages(_ matrix: MagneticMomentMatrix, sources: [SolarSource] = [.pp, .be7, .pep],
                               recoilKeV: Double? = nil, fermiFunction: Bool = true) throws -> [SourceAverage] {
        try sources.map { s in
            func avg(_ m: MagneticMomentMatrix, _ f: Formulation = .massStates) throws -> Double {
                try averagedSquared(m, source: s, recoilKeV: recoilKeV, formulation: f, fermiFunction: fermiFunction)
            }
            let p = try (0..<3).map { a in try avg(try .diracDiagonal(a == 0 ? 1 : 0, a == 1 ? 1 : 0, a == 2 ? 1 : 0)) }
            return SourceAverage(source: s, pee: p[0], pemu: p[1], petau: p[2], muEffSquared: try avg(matrix),
                                 muEffFlavourContentSquared: try avg(matrix, .flavourContent))
        }
    }
}
