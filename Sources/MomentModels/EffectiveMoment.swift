import Foundation
import GSL
import Recoil

/// The effective magnetic moment μ_eff that a detector sees for solar neutrinos, from a
/// moment matrix λ (``MagneticMomentMatrix``) and the mixing (``PMNS``).
///
/// ν–e scattering through a moment sums over the unobserved final neutrino, so a neutrino in
/// the (normalised) state a scatters with μ_eff² = a† λ†λ a (Beacom & Vogel, PRL 83 (1999)
/// 5222; Grimus, Maltoni, Schwetz, Tórtola, Valle, NPB 648 (2003) 376). A solar νe is made
/// at electron density n_e as a mixture of matter eigenstates, propagates adiabatically
/// (MSW-LMA) and loses coherence on the way to Earth, so it arrives as an **incoherent**
/// mixture of mass eigenstates with probabilities (Canas, Miranda, Parada, Tórtola, Valle,
/// PLB 753 (2016) 191; the same adiabatic formula as ``SurvivalProbability``):
/// ```
/// P_1 = cos²θ13 cos²θ12ᵐ,   P_2 = cos²θ13 sin²θ12ᵐ,   P_3 = sin²θ13
/// cos2θ12ᵐ = (cos2θ12 − β) / √((cos2θ12 − β)² + sin²2θ12),   β = 2√2 G_F cos²θ13 n_e Eν / Δm²21
/// ```
/// (θ13 in matter is taken equal to θ13, as in the Pee formula: β13 ≪ 1 for Eν ≲ 10 MeV.)
///
/// Two formulations (``Formulation``):
/// ```
/// mass states (exact for the incoherent mixture):   μ_eff² = Σ_i P_i (λ†λ)_ii        (mass basis)
///                                                   = Σ_i P_i Σ_j |λ_ji|²
/// flavour content (neglects interference):          μ_eff² = Σ_α P_eα (λ†λ)_αα       (flavour basis)
///                                                   = Σ_α P_eα Σ_β |λ_βα|²,   P_eα = Σ_i P_i |U_αi|²
/// ```
/// The flavour-content form treats the arriving neutrino as an incoherent mixture of
/// *flavours* (as e.g. Borexino, Agostini et al., PRD 96 (2017) 091103, with P_eμ ≈ (1 − Pee)cos²θ23).
/// Writing λ†λ_mass = U† (λ†λ_flavour) U, the two differ by the flavour off-diagonal terms
/// ```
/// μ²(mass states) − μ²(flavour content) = Σ_{α≠β} Σ_i P_i U*_αi U_βi (λ†λ_flavour)_αβ
/// ```
/// which vanish whenever λ†λ is diagonal in flavour: a universal μ·𝟙, a diagonal Dirac matrix,
/// or a single transition moment (for a Majorana λ_eμ alone, λ†λ = diag(|λ_eμ|², |λ_eμ|², 0)).
/// In those cases both give exactly
/// ```
/// μ·𝟙:          μ_eff² = μ²
/// λ_eμ alone:   μ_eff² = (Pee + Peμ) |λ_eμ|²
/// ```
/// With two or more transition moments (e.g. λ_eμ and λ_eτ: (λ†λ)_μτ = λ*_eμ λ_eτ ≠ 0) they
/// differ; the mass-state form is the physical one and is the default.
public struct EffectiveMoment: Sendable {
    /// How μ_eff² is formed (see the type's documentation).
    public enum Formulation: String, Sendable, CaseIterable, Codable {
        /// Σ_i P_i (λ†λ)_ii in the mass basis: exact for incoherent mass states (default).
        case massStates = "mass-states"
        /// Σ_α P_eα (λ†λ)_αα in the flavour basis: neglects flavour interference.
        case flavourContent = "flavour-content"
    }

    /// The mixing.
    public let pmns: PMNS
    private let u: ComplexMatrix3
    /// |U_αi|², rows α = e, μ, τ; columns i = 1, 2, 3.
    public let mixingSquared: [[Double]]

    /// An effective-moment calculator for `pmns` (default ``PMNS/standard``, which matches the
    /// recoil spectrum's Pee).
    public init(pmns: PMNS = .standard) {
        self.pmns = pmns
        u = pmns.matrix
        let m = u
        mixingSquared = (0..<3).map { a in (0..<3).map { i in m[a, i].magnitudeSquared } }
    }

    /// cos 2θ12ᵐ at production for neutrino energy Eν (keV) and electron density n_e
    /// (N_A cm⁻³), with β from ``SurvivalProbability/matterRatio(neutrinoEnergyKeV:electronDensityNA:deltaM2eV2:cos2Theta13:)``.
    public func cos2Theta12Matter(neutrinoEnergyKeV e: Double, electronDensityNA: Double) -> Double {
        let c13sq = 1 - pmns.sin2Theta13
        let cos2 = 1 - 2 * pmns.sin2Theta12
        let sin2sq = 1 - cos2 * cos2
        let beta = SurvivalProbability.matterRatio(neutrinoEnergyKeV: e, electronDensityNA: electronDensityNA,
                                                   deltaM2eV2: pmns.deltaM2_21eV2, cos2Theta13: c13sq)
        return (cos2 - beta) / ((cos2 - beta) * (cos2 - beta) + sin2sq).squareRoot()
    }

    /// [P_1, P_2, P_3]: probabilities that a solar νe of energy Eν (keV), made at density n_e
    /// (N_A cm⁻³), arrives at Earth as ν1, ν2, ν3 (they sum to 1).
    public func massStateProbabilities(neutrinoEnergyKeV e: Double, electronDensityNA: Double) -> [Double] {
        let c13sq = 1 - pmns.sin2Theta13
        let cm = cos2Theta12Matter(neutrinoEnergyKeV: e, electronDensityNA: electronDensityNA)
        return [c13sq * 0.5 * (1 + cm), c13sq * 0.5 * (1 - cm), pmns.sin2Theta13]
    }

    /// [P_1, P_2, P_3] for neutrinos from `source` (its mean production density,
    /// ``SolarSource/productionElectronDensityNA``).
    public func massStateProbabilities(neutrinoEnergyKeV e: Double, source: SolarSource) -> [Double] {
        massStateProbabilities(neutrinoEnergyKeV: e, electronDensityNA: source.productionElectronDensityNA)
    }

    /// [Pee, Peμ, Peτ] at Earth: P_eα = Σ_i P_i |U_αi|² (they sum to 1). Pee equals
    /// ``SurvivalProbability/mswLMA(_:)`` with ``PMNS/oscillationParameters``.
    public func flavourProbabilities(neutrinoEnergyKeV e: Double, source: SolarSource) -> [Double] {
        flavourProbabilities(massStates: massStateProbabilities(neutrinoEnergyKeV: e, source: source))
    }

    /// [Pee, Peμ, Peτ] from mass-state probabilities [P_1, P_2, P_3].
    public func flavourProbabilities(massStates p: [Double]) -> [Double] {
        (0..<3).map { a in (0..<3).reduce(0.0) { $0 + p[$1] * mixingSquared[a][$1] } }
    }

    /// The diagonals that μ_eff² needs, computed once per matrix: (λ†λ)_ii in the mass basis
    /// and (λ†λ)_αα in the flavour basis (μB²).
    public struct Weights: Sendable, Equatable {
        /// (λ†λ)_ii, i = 1, 2, 3 (mass basis), μB².
        public var mass: [Double]
        /// (λ†λ)_αα, α = e, μ, τ (flavour basis), μB².
        public var flavour: [Double]
    }

    /// The ``Weights`` of a matrix in either basis.
    public func weights(_ m: MagneticMomentMatrix) -> Weights {
        let gm = m.converted(to: .mass, pmns: pmns).gram
        let gf = m.converted(to: .flavour, pmns: pmns).gram
        return Weights(mass: (0..<3).map { gm[$0, $0].re }, flavour: (0..<3).map { gf[$0, $0].re })
    }

    /// μ_eff² (μB²) from precomputed weights and mass-state probabilities [P_1, P_2, P_3].
    public func squared(weights w: Weights, massStates p: [Double], formulation: Formulation = .massStates) -> Double {
        switch formulation {
        case .massStates:
            return (0..<3).reduce(0.0) { $0 + p[$1] * w.mass[$1] }
        case .flavourContent:
            let pa = flavourProbabilities(massStates: p)
            return (0..<3).reduce(0.0) { $0 + pa[$1] * w.flavour[$1] }
        }
    }

    /// μ_eff² (μB²) for a solar neutrino of energy Eν (keV) from `source`.
    public func squared(_ m: MagneticMomentMatrix, neutrinoEnergyKeV e: Double, source: SolarSource,
                        formulation: Formulation = .massStates) -> Double {
        squared(weights: weights(m), massStates: massStateProbabilities(neutrinoEnergyKeV: e, source: source), formulation: formulation)
    }

    /// μ_eff (μB) = √(μ_eff²) for a solar neutrino of energy Eν (keV) from `source`.
    public func moment(_ m: MagneticMomentMatrix, neutrinoEnergyKeV e: Double, source: SolarSource,
                       formulation: Formulation = .massStates) -> Double {
        squared(m, neutrinoEnergyKeV: e, source: source, formulation: formulation).squareRoot()
    }

    /// μ_eff² (μB²) averaged over the spectrum of `source`, weighted by the magnetic-moment
    /// rate it gives at recoil T:
    /// ```
    /// ⟨μ_eff²⟩_T = ∫_{Eν_min(T)} dEν f(Eν) (1/T − 1/Eν) μ_eff²(Eν) / ∫_{Eν_min(T)} dEν f(Eν) (1/T − 1/Eν)
    /// ```
    /// (dσ_MM/dT ∝ 1/T − 1/Eν; f the normalised spectrum, lines as δ-functions). With
    /// `recoilKeV` nil, the T → 0 limit: the flux average ∫ f μ_eff² dEν.
    /// - Parameter fermiFunction: whether the β⁺ spectrum includes the Fermi function (as
    ///   ``RecoilModel/fermiFunction``).
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` if T is not positive or no neutrino of
    ///   the source can give it; ``GSLError`` if an integration fails.
    public func averagedSquared(_ m: MagneticMomentMatrix, source: SolarSource, recoilKeV t: Double? = nil,
                                formulation: Formulation = .massStates, fermiFunction: Bool = true) throws -> Double {
        if let t, !(t.isFinite && t > 0) { throw MomentError.invalidParameter("T", t, "the recoil energy must be > 0 keV") }
        let w = weights(m)
        let eMin = t.map { Kinematics.minimumNeutrinoEnergyKeV(recoilKeV: $0) } ?? 0
        func weight(_ e: Double) -> Double { t.map { 1 / $0 - 1 / e } ?? 1 }
        func mu2(_ e: Double) -> Double {
            squared(weights: w, massStates: massStateProbabilities(neutrinoEnergyKeV: e, source: source), formulation: formulation)
        }
        // the one spectrum integral (lines as δ functions), at its one tolerance
        let spectrum = try SourceSpectrum(source, fermiFunction: fermiFunction)
        let integ = Integrator(limit: 200)
        let num = try spectrum.integral(above: eMin, using: integ) { weight($0) * mu2($0) }
        let den = try spectrum.integral(above: eMin, using: integ) { weight($0) }
        guard den > 0 else {
            throw MomentError.invalidParameter("T", t ?? 0, "no \(source.rawValue) neutrino can give this recoil (Eν_max = \(source.maximumEnergyKeV) keV)")
        }
        return num / den
    }
}
