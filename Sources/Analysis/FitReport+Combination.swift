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
}
