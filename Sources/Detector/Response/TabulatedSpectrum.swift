import Foundation
import GSL
import Recoil

/// A fast, smooth representation of the true-energy recoil spectrum for folding: the
/// free-electron weak and magnetic rates are tabulated once on a logarithmic grid and
/// interpolated by cubic splines (of the weak rate and of T × the magnetic rate, both smooth),
/// then multiplied by the exact atomic-binding factor, whose steps stay sharp.
public struct TabulatedSpectrum: Sendable {
    /// The model (its `binding` is applied on evaluation).
    public let model: RecoilModel
    /// Tabulated range of true energies (keV).
    public let domain: ClosedRange<Double>
    private let weakSpline: Interpolator
    private let magneticTimesTSpline: Interpolator

    /// Tabulates the spectrum over [lower, upper] keV with `pointsPerDecade` grid points.
    public init(model: RecoilModel, lowerKeV: Double = 0.05, upperKeV: Double = 60, pointsPerDecade: Int = 120) throws {
        guard lowerKeV > 0, upperKeV > lowerKeV else {
            throw RecoilError.invalidGrid("need 0 < lower < upper (got \(lowerKeV), \(upperKeV))")
        }
        var free = model
        free.binding = .free
        let calc = try RecoilCalculator(model: free)
        let decades = log10(upperKeV / lowerKeV)
        let n = max(Int((decades * Double(pointsPerDecade)).rounded(.up)), 8)
        let logs = (0...n).map { log(lowerKeV) + Double($0) / Double(n) * (log(upperKeV) - log(lowerKeV)) }
        var w = [Double](), m = [Double]()
        w.reserveCapacity(n + 1)
        m.reserveCapacity(n + 1)
        for x in logs {
            let t = exp(x)
            let c = try calc.components(recoilKeV: t)
            w.append(c.weakTotal)
            m.append(c.magneticTotalAtReference * t)
        }
        self.model = model
        domain = lowerKeV...upperKeV
        weakSpline = try Interpolator(xs: logs, ys: w, kind: .cubic)
        magneticTimesTSpline = try Interpolator(xs: logs, ys: m, kind: .cubic)
    }

    /// SM weak dR/dT (events/(t·y·keV)) at true T (keV), binding included; 0 outside the domain.
    @inlinable
    public func weak(_ t: Double) -> Double {
        guard domain.contains(t) else { return 0 }
        return weakFree(t) * model.binding.weakFactor(recoilKeV: t)
    }

    /// Magnetic dR/dT (events/(t·y·keV)) at μν = 10⁻¹¹ μB, binding included; 0 outside.
    @inlinable
    public func magneticAtReference(_ t: Double) -> Double {
        guard domain.contains(t) else { return 0 }
        return magneticFree(t) * model.binding.magneticFactor(recoilKeV: t)
    }

    @usableFromInline func weakFree(_ t: Double) -> Double { weakSpline.clampedValue(at: log(t)) }
    @usableFromInline func magneticFree(_ t: Double) -> Double { magneticTimesTSpline.clampedValue(at: log(t)) / t }
}
