import Foundation
import GSL

/// Computes the solar-neutrino electron-recoil rate in xenon:
/// ```
/// dR/dT = N_e · s/yr · Σ_sources Φ_s ∫_{Eν_min(T)} dEν f_s(Eν)
///         [Pee σ_e + (1 − Pee) σ_μτ + σ_μ] × (atomic factor)
/// ```
/// with N_e electrons per tonne of xenon, Φ_s in cm⁻² s⁻¹, f_s normalised (lines as δ), σ in
/// cm²/keV. The magnetic channel is flavour-blind (an effective, flavour-universal moment).
///
/// Not thread-safe (it owns a GSL integration workspace): one per task.
public final class RecoilCalculator {
    /// The model.
    public let model: RecoilModel
    private let integrator = Integrator(limit: 200)
    private let spectra: [BetaPlusSpectrum?]
    private let scale: Double
    /// Relative accuracy requested from the Eν integrations.
    public var relativeTolerance = 1e-8

    /// Prepares the calculator (normalises each β⁺ spectrum once).
    public init(model: RecoilModel = RecoilModel()) throws {
        self.model = model
        spectra = try model.sources.map { s in
            if case .betaPlus(let q, let z) = s.shape {
                return try BetaPlusSpectrum(endpointKeV: q, daughterZ: z, fermiFunction: model.fermiFunction)
            }
            return nil
        }
        scale = PhysicalConstants.electronsPerTonneXenon * PhysicalConstants.secondsPerYear
    }

    /// Rate components at true recoil T (keV).
    public func components(recoilKeV t: Double) throws -> RateComponents {
        guard t.isFinite, t > 0 else { throw RecoilError.invalidEnergy(t) }
        let eMin = Kinematics.minimumNeutrinoEnergyKeV(recoilKeV: t)
        let sw = model.sin2ThetaW
        let survival = model.survival
        let muRef = RecoilModel.referenceMuNuBohr
        var weak = [Double](repeating: 0, count: model.sources.count)
        var mag = weak
        let wf = model.binding.weakFactor(recoilKeV: t)
        let mf = model.binding.magneticFactor(recoilKeV: t)
        for (k, source) in model.sources.enumerated() {
            let flux = source.flux(model.solarModel) * scale
            func weakCS(_ e: Double) -> Double {
                let p = survival.pee(neutrinoEnergyKeV: e, source: source)
                return p * CrossSections.weak(neutrinoEnergyKeV: e, recoilKeV: t, flavour: .electron, sin2ThetaW: sw)
                    + (1 - p) * CrossSections.weak(neutrinoEnergyKeV: e, recoilKeV: t, flavour: .muonOrTau, sin2ThetaW: sw)
            }
            func magCS(_ e: Double) -> Double {
                CrossSections.magnetic(neutrinoEnergyKeV: e, recoilKeV: t, muNuBohr: muRef)
            }
            switch source.shape {
            case .lines(let lines):
                for line in lines where line.energyKeV > eMin {
                    weak[k] += flux * line.fraction * weakCS(line.energyKeV)
                    mag[k] += flux * line.fraction * magCS(line.energyKeV)
                }
            case .betaPlus(let q, _):
                guard eMin < q, let spectrum = spectra[k] else { continue }
                weak[k] = flux * (try integrator.qags(from: eMin, to: q, relTol: relativeTolerance) {
                    spectrum.density($0) * weakCS($0)
                }.value)
                mag[k] = flux * (try integrator.qags(from: eMin, to: q, relTol: relativeTolerance) {
                    spectrum.density($0) * magCS($0)
                }.value)
            }
            weak[k] *= wf
            mag[k] *= mf
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
