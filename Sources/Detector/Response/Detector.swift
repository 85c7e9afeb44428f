import Foundation
import GSL

/// A detector's response: exposure, efficiency and resolution.
public struct Detector: Sendable {
    /// Exposure in tonne·years.
    public var exposureTonneYear: Double
    /// Energy resolution.
    public var resolution: EnergyResolution
    /// Detection efficiency.
    public var efficiency: Efficiency

    public init(exposureTonneYear: Double, resolution: EnergyResolution, efficiency: Efficiency) {
        self.exposureTonneYear = exposureTonneYear
        self.resolution = resolution
        self.efficiency = efficiency
    }

    /// Lowest true energy (keV) included in the folding. Below it the efficiency (XENON1T:
    /// ε(0.2 keV) ≈ 5×10⁻⁵) or the resolution (a 0.1-keV recoil lands ≥ 9σ below 1 keV)
    /// leaves no events in a window starting at ≥ 1 keV.
    public static let minimumTrueEnergyKeV = 0.1

    /// Absolute tolerance of the folding integrals, in events/(t·y): far below any count that
    /// matters, it stops QAGS from chasing relative precision where the integrand is ~0
    /// (below threshold), which would end in GSL_EROUND.
    public static let absoluteTolerance = 1e-10

    /// Expected counts per reconstructed-energy bin:
    /// ```
    /// trueEnergy:     N_i = exposure ∫ dT r(T) ε(T) P(E_lo ≤ E' < E_hi | T)
    /// reconstructed:  N_i = exposure ∫_{E_lo}^{E_hi} dE ε(E) ∫ dT r(T) G(E; T, σ(T))
    /// ```
    /// with P from the Gaussian resolution. True energies below the window are included
    /// (down to ``minimumTrueEnergyKeV``) so that resolution spill-in is kept; integrals are
    /// split at `breakpointsKeV` (e.g. atomic shell edges) and done with GSL QAGS.
    ///
    /// - Parameters:
    ///   - rate: dR/dT in events/(t·y·keV) at true T (keV).
    ///   - efficiencyShift: shift along the efficiency band, in σ.
    public func fold(
        _ rate: (Double) -> Double, bins: EnergyBins, breakpointsKeV: [Double] = [],
        efficiencyShift: Double = 0, relativeTolerance: Double = 1e-7
    ) throws -> [Double] {
        let outer = Integrator(limit: 500), inner = Integrator(limit: 500)
        // ε is linear between its table nodes: split there too, so that every piece is smooth
        // (QAGS's extrapolation misreads kinks as a singularity and ends in GSL_EROUND).
        let effNodes = efficiency.central.xs
        let trueBreaks = efficiency.energy == .trueEnergy ? (breakpointsKeV + effNodes).sorted() : breakpointsKeV
        let res = resolution
        let tMin = Self.minimumTrueEnergyKeV
        var counts = [Double](repeating: 0, count: bins.count)
        for i in 0..<bins.count {
            let lo = bins.lower(i), hi = bins.upper(i)
            switch efficiency.energy {
            case .trueEnergy:
                let a = max(tMin, lo - 8 * res.sigmaKeV(lo))
                let b = hi + 8 * res.sigmaKeV(hi + 8 * res.sigmaKeV(2 * hi))
                counts[i] = try piecewise(outer, a, b, trueBreaks, relativeTolerance) { t in
                    let s = res.sigmaKeV(t)
                    let p = Self.gaussianProbability(from: (lo - t) / s, to: (hi - t) / s)
                    return rate(t) * efficiency.value(at: t, shift: efficiencyShift) * p
                }
            case .reconstructed:
                counts[i] = try piecewise(outer, lo, hi, effNodes, relativeTolerance) { e in
                    let eff = efficiency.value(at: e, shift: efficiencyShift)
                    if eff == 0 { return 0 }
                    let a = max(tMin, e - 8 * res.sigmaKeV(e))
                    let b = e + 8 * res.sigmaKeV(e + 8 * res.sigmaKeV(2 * e))
                    let smeared = try piecewise(inner, a, b, breakpointsKeV, relativeTolerance) { t in
                        let s = res.sigmaKeV(t)
                        let z = (e - t) / s
                        return rate(t) * exp(-0.5 * z * z) / (s * (2 * Double.pi).squareRoot())
                    }
                    return eff * smeared
                }
            }
            counts[i] *= exposureTonneYear
        }
        return counts
    }

    /// P(a ≤ Z < b) for a standard normal Z, without cancellation in either tail:
    /// Φ(b) − Φ(a) when a < 0, else Q(a) − Q(b) with Q = 1 − Φ.
    @inlinable
    public static func gaussianProbability(from a: Double, to b: Double) -> Double {
        a < 0 ? Distributions.normalCDF(b) - Distributions.normalCDF(a)
            : Distributions.normalSurvival(a) - Distributions.normalSurvival(b)
    }

    private func piecewise(
        _ integ: Integrator, _ a: Double, _ b: Double, _ breaks: [Double], _ rel: Double,
        _ f: (Double) throws -> Double
    ) throws -> Double {
        guard b > a else { return 0 }
        let cuts = [a] + breaks.filter { $0 > a && $0 < b }.sorted() + [b]
        var total = 0.0
        for k in 0..<(cuts.count - 1) {
            total += try integ.qags(from: cuts[k], to: cuts[k + 1], absTol: Self.absoluteTolerance, relTol: rel, f).value
        }
        return total
    }
}
