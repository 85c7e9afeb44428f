import Foundation
import Recoil

/// One element θ = |λ_ab| of a moment matrix of fixed shape B as the parameter of interest of
/// a fit: the matrix is λ = θ · B / |B_ab|, so a solar neutrino of energy Eν from source s
/// scatters with
/// ```
/// μ_eff²(Eν, s) = θ² · w_s(Eν),   w_s(Eν) = Σ_i P_i(Eν, s) (B'†B')_ii,   B' = B / |B_ab|
/// ```
/// (mass-state formulation of ``EffectiveMoment``; P_i with the source's own production
/// density, so pp, ⁷Be, pep, … each get their own factor). ``weight`` hands w to the recoil
/// calculation (``MagneticMomentWeight``), so the fit's template has the element's own
/// spectrum and θ is fitted directly in μB. For a single Majorana λ_eμ, w = P_ee + P_eμ.
public struct MomentElementSignal: Sendable {
    /// The element (row, column, basis of `shape`).
    public let element: MatrixElement
    /// The matrix shape, in the element's basis (any scale).
    public let shape: MagneticMomentMatrix
    /// The effective-moment calculator (its PMNS).
    public let effective: EffectiveMoment
    /// How μ_eff² is formed.
    public let formulation: EffectiveMoment.Formulation
    private let weights: EffectiveMoment.Weights

    /// - Throws: ``MomentError`` if the element is zero in `shape` (the fit would say nothing
    ///   about it) or `shape` is not in the element's basis.
    public init(element: MatrixElement, shape: MagneticMomentMatrix, effective: EffectiveMoment = EffectiveMoment(),
                formulation: EffectiveMoment.Formulation = .massStates) throws {
        guard shape.basis == element.basis else {
            throw MomentError.invalidMatrix("the matrix is in the \(shape.basis.rawValue) basis but the element is in the \(element.basis.rawValue) basis")
        }
        let bab = shape[element.row, element.column].magnitude
        guard bab > 0, bab.isFinite else {
            throw MomentError.invalidMatrix("element (\(element.row + 1),\(element.column + 1)) is zero in the given matrix, so a fit says nothing about it in this shape")
        }
        self.element = element
        self.shape = shape
        self.effective = effective
        self.formulation = formulation
        weights = effective.weights(shape.scaled(by: 1 / bab))
    }

    /// The snake_case name of θ: `mu_e_mu` (flavour basis), `mu_1_2` (mass basis).
    public var parameterName: String {
        switch element.basis {
        case .flavour: "mu_\(LeptonFlavour(rawValue: element.row)!.key)_\(LeptonFlavour(rawValue: element.column)!.key)"
        case .mass: "mu_\(element.row + 1)_\(element.column + 1)"
        }
    }

    /// How tables write θ: `|λ_eμ|`, `|λ_12|`.
    public var symbol: String {
        switch element.basis {
        case .flavour: "|λ_\(LeptonFlavour(rawValue: element.row)!)\(LeptonFlavour(rawValue: element.column)!)|"
        case .mass: "|λ_\(element.row + 1)\(element.column + 1)|"
        }
    }

    /// w_s(Eν) (dimensionless) for a source and neutrino energy (keV).
    public func weight(source: SolarSource, neutrinoEnergyKeV e: Double) -> Double {
        effective.squared(weights: weights, massStates: effective.massStateProbabilities(neutrinoEnergyKeV: e, source: source),
                          formulation: formulation)
    }

    /// w as the recoil calculation takes it; `label` names the element and the matrix file.
    public func magneticWeight(label: String) -> MagneticMomentWeight {
        let me = self
        return MagneticMomentWeight(label: label) { me.weight(source: $0, neutrinoEnergyKeV: $1) }
    }
}

extension LeptonFlavour {
    /// The ASCII key of the flavour in names: e, mu, tau.
    var key: String {
        switch self {
        case .e: "e"
        case .mu: "mu"
        case .tau: "tau"
        }
    }
}
