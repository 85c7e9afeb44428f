import Foundation
import GSL

/// Computes the solar-neutrino electron-recoil rate in xenon:
/// ```
/// dR/dT = N_e · s/yr · Σ_sources Φ_s ∫_{Eν_min(T)} dEν f_s(Eν)
///         [Pee σ_e + (1 − Pee) σ_μτ + σ_μ] × (atomic factor)
/// ```
/// with N_e electrons per tonne of xenon, Φ_s in cm⁻² s⁻¹, f_s normalised (lines as δ), σ in
/// cm²/keV. The magnetic channel is flavour-blind (an effective, flavour-universal moment)
/// unless the model carries a ``MagneticMomentWeight`` (a signal model's per-source moments).
/// Every Eν integral is ``SourceSpectrum/integral(above:using:_:)``.
///
/// Not thread-safe (it owns a GSL integration workspace): one per task.
public final class RecoilCalculator {
    /// The model.
    public let model: RecoilModel
    private let integrator = Integrator(limit: 200)
    private let spectra: [SourceSpectrum]
    private let scale: Double
    /// Relative accuracy of the Eν integrations (``SourceSpectrum/relativeTolerance``, one for
    /// every spectrum integral).
    public var relativeTolerance: Double { SourceSpectrum.relativeTolerance }

    /// Prepares the calculator (normalises each β⁺ spectrum once).
    public init(model: RecoilModel = RecoilModel()) throws {
        self.model = model
        spectra = try SourceSpectrum.all(model)
        scale = PhysicalConstants.electronsPerTonneXenon * PhysicalConstants.secondsPerYear
    }

    /// Rate components at true recoil T (keV). The magnetic part is at the reference moment,
    /// weighted neutrino by neutrino by the model's ``RecoilModel/magneticWeight`` when it has one.
    public func components(recoilKeV t: Double) throws -> RateComponents {
        guard t.isFinite, t > 0 else { throw RecoilError.invalidEnergy(t) }
        let eMin = Kinematics.minimumNeutrinoEnergyKeV(recoilKeV: t)
        let sw = model.sin2ThetaW
        let survival = model.survival
        let muRef = RecoilModel.referenceMuNuBohr
        let weight = model.magneticWeight?.weight
        var weak = [Double](repeating: 0, count: model.sources.count)
        var mag = weak
        let wf = model.binding.weakFactor(recoilKeV: t)
        let mf = model.binding.magneticFactor(recoilKeV: t)
        for (k, spectrum) in spectra.enumerated() {
            let source = spectrum.source
            let flux = source.flux(model.solarModel) * scale
            func weakCS(_ e: Double) -> Double {
                let p = survival.pee(neutrinoEnergyKeV: e, source: source)
                return p * CrossSections.weak(neutrinoEnergyKeV: e, recoilKeV: t, flavour: .electron, sin2ThetaW: sw)
                    + (1 - p) * CrossSections.weak(neutrinoEnergyKeV: e, recoilKeV: t, flavour: .muonOrTau, sin2ThetaW: sw)
            }
            func magCS(_ e: Double) -> Double {
                let cs = CrossSections.magnetic(neutrinoEnergyKeV: e, recoilKeV: t, muNuBohr: muRef)
                return weight.map { cs * $0(source, e) } ?? cs
            }
            weak[k] = flux * (try spectrum.integral(above: eMin, using: integrator, weakCS)) * wf
            mag[k] = flux * (try spectrum.integral(above: eMin, using: integrator, magCS)) * mf
        }
        return RateComponents(recoilKeV: t, weak: weak, magneticAtReference: mag)
    }

    /// dR/dT (events/(t·y·keV)) at true recoil T (keV) for moment μν (μB), weak included.
    public func rate(recoilKeV t: Double, muNuBohr: Double) throws -> Double {
        guard muNuBohr.isFinite, muNuBohr >= 0 else { throw RecoilError.invalidMuNu(muNuBohr) }
        return try components(recoilKeV: t).total(muNuBohr: muNuBohr)
    }

    /// Tabulates the components on a grid of true energies (keV), strictly increasing.
    public func tabulate(_ energiesKeV: [Double]) throws -> RecoilTable {
        guard !energiesKeV.isEmpty else { throw RecoilError.invalidGrid("no energies") }
        for i in 1..<max(energiesKeV.count, 1) where !(energiesKeV[i] > energiesKeV[i - 1]) {
            throw RecoilError.invalidGrid("energies are not strictly increasing at index \(i)")
        }
        return RecoilTable(sources: model.sources, rows: try energiesKeV.map { try components(recoilKeV: $0) })
    }
}
