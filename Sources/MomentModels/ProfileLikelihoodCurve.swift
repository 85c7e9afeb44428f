import Formats
import Foundation

/// The profile likelihood of the effective moment, −2ΔlnL(μν), as a scan of the data gives it
/// (`nmmfit scan --json`: `points` of `mu_nu_muB` and `minus_two_delta_lnL`), interpolated
/// linearly between scan points. Outside the scanned range the curve is unknown (nil).
public struct ProfileLikelihoodCurve: Sendable, Equatable {
    /// Scanned μν (μB), increasing.
    public let muBohr: [Double]
    /// −2ΔlnL at each point (dimensionless).
    public let minusTwoDeltaLnL: [Double]

    /// A curve from points (sorted here); needs at least two distinct μν ≥ 0 and finite values.
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)``.
    public init(muBohr: [Double], minusTwoDeltaLnL: [Double]) throws {
        guard muBohr.count == minusTwoDeltaLnL.count, muBohr.count >= 2 else {
            throw MomentError.invalidParameter("profile points", Double(muBohr.count), "need at least two (μν, −2ΔlnL) points")
        }
        let pairs = zip(muBohr, minusTwoDeltaLnL).sorted { $0.0 < $1.0 }
        for (m, q) in pairs where !(m.isFinite && m >= 0 && q.isFinite && q >= -1e-6) {
            throw MomentError.invalidParameter("profile point μν", m, "needs μν ≥ 0 (μB) and a finite −2ΔlnL ≥ 0")
        }
        guard Set(pairs.map(\.0)).count == pairs.count else {
            throw MomentError.invalidParameter("profile points", Double(pairs.count), "μν values must be distinct")
        }
        self.muBohr = pairs.map(\.0)
        self.minusTwoDeltaLnL = pairs.map { max(0, $0.1) }
    }

    /// −2ΔlnL at μν (μB) by linear interpolation; nil outside the scanned range.
    public func value(atBohr mu: Double) -> Double? {
        guard let first = muBohr.first, let last = muBohr.last, mu >= first, mu <= last else { return nil }
        var hi = muBohr.firstIndex { $0 >= mu } ?? muBohr.count - 1
        if hi == 0 { hi = 1 }
        let lo = hi - 1, t = (mu - muBohr[lo]) / (muBohr[hi] - muBohr[lo])
        return minusTwoDeltaLnL[lo] + t * (minusTwoDeltaLnL[hi] - minusTwoDeltaLnL[lo])
    }

    /// Reads a scan result file (see the type's description).
    /// - Throws: ``InputError`` naming the file and field.
    public static func load(scanResult path: String) throws -> ProfileLikelihoodCurve {
        // the reading budget of every JSON input: nesting, nodes and repeated keys checked first
        let text = try TextInput.read(path: path, what: "scan result")
        guard let top = try SpecDecoding.parseJSON(text, file: path) as? [String: Any] else {
            throw InputError(file: path, "not a JSON object (expected `nmmfit scan --json` output)")
        }
        guard let points = top["points"] as? [[String: Any]] else {
            throw InputError(file: path, field: "points", "missing or not a list: expected `nmmfit scan --json` output")
        }
        var mus = [Double](), qs = [Double]()
        for (k, p) in points.enumerated() {
            guard let m = p["mu_nu_muB"] as? Double ?? (p["mu_nu_muB"] as? Int).map(Double.init),
                  let q = p["minus_two_delta_lnL"] as? Double ?? (p["minus_two_delta_lnL"] as? Int).map(Double.init) else {
                throw InputError(file: path, field: "points[\(k)]", "needs numbers mu_nu_muB (μB) and minus_two_delta_lnL")
            }
            if p["converged"] as? Bool == false { throw InputError(file: path, field: "points[\(k)].converged", "the scan fit did not converge at this point") }
            mus.append(m)
            qs.append(q)
        }
        do { return try ProfileLikelihoodCurve(muBohr: mus, minusTwoDeltaLnL: qs) } catch let e as MomentError {
            throw InputError(file: path, field: "points", "\(e)")
        }
    }
}
