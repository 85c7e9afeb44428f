import Foundation

extension FitReport {
    /// One dataset of a combination, fitted on its own (same physics options and window).
    public struct DatasetResult: Codable, Sendable {
        public var name: String
        /// "official" or "digitised".
        public var provenance: String
        /// The analysis window [lo, hi] in keV.
        public var windowKeV: [Double]
        public var bins: Int
        /// Best-fit μν (μB).
        public var muNuBest: Double
        /// The interval [lo, hi] (μB) at the report's CL and method.
        public var interval: [Double]
        /// Median expected upper limit (μB), Asimov background-only data set.
        public var expectedLimit: Double
        public var significanceSigma: Double
        public var converged: Bool
        enum CodingKeys: String, CodingKey {
            case name, provenance, bins, converged
            case interval = "interval_muB"
            case windowKeV = "window_keV"
            case muNuBest = "mu_nu_best_muB"
            case expectedLimit = "expected_limit_asimov_median_muB"
            case significanceSigma = "z_asymptotic"
        }
    }

    /// When this combination's upper end is above the strongest (lowest) upper end of its
    /// datasets alone, one line saying why (nil otherwise): the datasets whose own best fits lie
    /// above the combined one make the combined profile likelihood rise more slowly (and, when
    /// the combined best fit is above 0, the limit grows with it); when the compatibility test
    /// flags tension, the datasets disagree.
    public func weakerThanStrongestSingleReason() -> String? {
        guard let rows = perDataset, let best = rows.min(by: { $0.interval[1] < $1.interval[1] }),
              interval.count == 2, interval[1] > best.interval[1] else { return nil }
        let f = { (v: Double) in String(format: "%.3f", v / 1e-11) }
        var s = "the combined limit \(f(interval[1])) is \(String(format: "%.2f", interval[1] / best.interval[1]))× \(best.name)'s alone (\(f(best.interval[1]))) (×10⁻¹¹ μB): "
        let pulling = rows.filter { $0.muNuBest > muNuBest }.sorted { $0.muNuBest > $1.muNuBest }
            .map { "\($0.name) \(f($0.muNuBest))" }
        if muNuBest > 0 { s += "the combined best fit μν = \(f(muNuBest)) is above 0 and an upper limit grows with its best fit; " }
        s += pulling.isEmpty
            ? "the shared nuisances (solar flux) are pulled by the other datasets"
            : "datasets whose own best fits lie above the combined one (\(pulling.joined(separator: ", "))) favour larger μν, so the combined likelihood rises more slowly with μν than \(best.name)'s alone"
        if let c = compatibility, c.tension {
            s += "; the datasets disagree on one μν (p = \(String(format: "%.2g", c.pValue)), \(c.pValueMethod.rawValue)), so the combination averages incompatible data"
        }
        return s
    }
}
