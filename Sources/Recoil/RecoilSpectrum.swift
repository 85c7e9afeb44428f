import Foundation
import GSL

/// The differential rate at one true recoil energy, split by source and channel, in
/// events/(t·y·keV). The magnetic part is at μν = ``RecoilModel/referenceMuNuBohr``.
public struct RateComponents: Sendable, Equatable {
    /// True recoil energy T (keV).
    public var recoilKeV: Double
    /// SM weak rate per source (events/(t·y·keV)), in the order of ``RecoilModel/sources``.
    public var weak: [Double]
    /// Magnetic-moment rate per source at μν = 10⁻¹¹ μB (events/(t·y·keV)).
    public var magneticAtReference: [Double]

    /// Total SM weak rate.
    public var weakTotal: Double { weak.reduce(0, +) }
    /// Total magnetic rate at the reference moment.
    public var magneticTotalAtReference: Double { magneticAtReference.reduce(0, +) }

    /// Magnetic rate at μν (μB): exactly (μν/10⁻¹¹)² × the reference rate.
    public func magnetic(muNuBohr: Double) -> Double {
        let r = muNuBohr / RecoilModel.referenceMuNuBohr
        return r * r * magneticTotalAtReference
    }

    /// Weak + magnetic rate at μν (μB).
    public func total(muNuBohr: Double) -> Double { weakTotal + magnetic(muNuBohr: muNuBohr) }
}

/// Errors of the recoil calculation.
public enum RecoilError: Error, CustomStringConvertible, Equatable {
    /// A negative or non-finite μν.
    case invalidMuNu(Double)
    /// A recoil energy that is not positive and finite.
    case invalidEnergy(Double)
    /// A malformed energy grid.
    case invalidGrid(String)

    public var description: String {
        switch self {
        case .invalidMuNu(let m): "μν = \(m) μB is invalid: it must be finite and ≥ 0"
        case .invalidEnergy(let e): "recoil energy \(e) keV is invalid: it must be finite and > 0"
        case .invalidGrid(let s): "invalid energy grid: \(s)"
        }
    }
}

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

/// A tabulated recoil spectrum: ``RateComponents`` on an energy grid.
public struct RecoilTable: Sendable {
    /// The sources, in the order of each row's arrays.
    public var sources: [SolarSource]
    /// One row per energy.
    public var rows: [RateComponents]

    /// A uniform grid from `lower` to `upper` (keV, inclusive within rounding) in `step`s.
    public static func grid(from lower: Double, to upper: Double, step: Double) throws -> [Double] {
        guard lower.isFinite, upper.isFinite, step.isFinite, lower > 0, upper >= lower, step > 0 else {
            throw RecoilError.invalidGrid("need 0 < emin ≤ emax and step > 0 (got \(lower), \(upper), \(step))")
        }
        let n = Int(((upper - lower) / step + 1e-9).rounded(.down))
        guard n < 10_000_000 else { throw RecoilError.invalidGrid("more than 10⁷ points") }
        return (0...n).map { lower + Double($0) * step }
    }
}
