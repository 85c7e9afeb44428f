import Foundation

/// Everything that fixes the true-energy recoil spectrum except μν.
public struct RecoilModel: Sendable {
    /// Standard Solar Model for the flux normalisations.
    public var solarModel: SolarModel
    /// Sources included.
    public var sources: [SolarSource]
    /// Electron-neutrino survival probability.
    public var survival: SurvivalProbability
    /// Atomic-binding treatment.
    public var binding: AtomicBinding
    /// Low-energy weak mixing angle used in the weak cross-section.
    public var sin2ThetaW: Double
    /// Whether the β⁺ spectra include the Fermi function.
    public var fermiFunction: Bool
    /// The signal model's per-neutrino factor on the magnetic rate (``MagneticMomentWeight``);
    /// nil: the flavour-universal μν (factor 1).
    public var magneticWeight: MagneticMomentWeight? = nil

    public init(
        solarModel: SolarModel = .b16gs98, sources: [SolarSource] = SolarSource.allCases,
        survival: SurvivalProbability = .standard, binding: AtomicBinding = .stepping,
        sin2ThetaW: Double = PhysicalConstants.sin2ThetaWLowEnergy, fermiFunction: Bool = true
    ) {
        self.solarModel = solarModel
        self.sources = sources
        self.survival = survival
        self.binding = binding
        self.sin2ThetaW = sin2ThetaW
        self.fermiFunction = fermiFunction
    }

    /// The magnetic-moment rate is computed at this reference moment and scaled by
    /// (μν / 10⁻¹¹ μB)², which is exact.
    public static let referenceMuNuBohr = 1e-11
}
