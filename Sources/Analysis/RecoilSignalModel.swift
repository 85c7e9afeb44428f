import Detector
import Foundation
import Likelihood
import Recoil

/// The signal models `nmmfit` ships (``SignalModel``): the magnetic-moment recoil spectrum of
/// solar neutrinos folded through a dataset's detector, with the parameter of interest θ the
/// model names. The signal is ∝ θ², so the template is the one at θ_ref = 10⁻¹¹ μB
/// (``RecoilModel/referenceMuNuBohr``):
///
/// - ``muNu``: the flavour-universal moment μν (every neutrino scatters with μν²), the default.
/// - ``momentElement(_:weight:)``: one element θ = |λ_ab| of a moment matrix of fixed shape;
///   each solar neutrino scatters with μ_eff²(Eν, source) = w_s(Eν) θ², w from the matrix and
///   the source's own oscillation probabilities (``MagneticMomentWeight``, made by
///   `MomentModels`), so the template's spectral shape and size are the element's own and θ is
///   fitted directly in its units.
public struct RecoilSignalModel: SignalModel {
    /// One channel's signal inputs: the detector and bins of a dataset and the physics choices
    /// (sources, fluxes, oscillation, atomic binding) of the fit.
    public struct Channel: Sendable {
        public var detector: Detector
        public var bins: EnergyBins
        public var recoil: RecoilModel
        public init(detector: Detector, bins: EnergyBins, recoil: RecoilModel) {
            self.detector = detector
            self.bins = bins
            self.recoil = recoil
        }
    }

    public var parameterOfInterest: ParameterOfInterest
    /// w_s(Eν) of the model (nil: the universal μν, w ≡ 1).
    public var magneticWeight: MagneticMomentWeight?
    /// θ_ref (μB): 10⁻¹¹ μB.
    public var referenceValue: Double { RecoilModel.referenceMuNuBohr }

    public init(parameterOfInterest: ParameterOfInterest, magneticWeight: MagneticMomentWeight?) {
        self.parameterOfInterest = parameterOfInterest
        self.magneticWeight = magneticWeight
    }

    /// The flavour-universal μν in μB.
    public static let muNu = RecoilSignalModel(parameterOfInterest: .muNu, magneticWeight: nil)

    /// One element θ (μB) of a moment matrix, with its per-neutrino weight.
    public static func momentElement(_ poi: ParameterOfInterest, weight: MagneticMomentWeight) -> RecoilSignalModel {
        RecoilSignalModel(parameterOfInterest: poi, magneticWeight: weight)
    }

    /// Whether this is the flavour-universal μν.
    public var isUniversal: Bool { magneticWeight == nil }

    /// The folded template: magnetic counts at θ_ref (with the model's weight), the SM weak
    /// counts, and the efficiency-band variations of the magnetic counts.
    public func template(for channel: Channel) throws -> SignalTemplate {
        var recoil = channel.recoil
        recoil.magneticWeight = magneticWeight
        return try SignalTemplate.make(model: recoil, detector: channel.detector, bins: channel.bins)
    }
}

extension SignalTemplate: SignalTemplateCounts {
    /// The magnetic counts at θ_ref.
    public var countsAtReference: [Double] { magneticAtReference }
}
