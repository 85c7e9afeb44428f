import Formats
import Foundation
import Likelihood

/// The result of `nmmfit interval`: the interval once, as `interval_muB`, with the keys `fit`
/// uses; for Feldman–Cousins each end's toy and grid error in μB beside the tested points.
public struct IntervalReport: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var muNuBest: Double
    public var interval: [Double]
    public var intervalKind: String
    public var cl: Double
    public var method: String
    public var feldmanCousins: FeldmanCousinsReport?
    enum CodingKeys: String, CodingKey {
        case cl
        case interval = "interval_muB"
        case intervalKind = "interval_kind"
        case method = "interval_method"
        case nmmfitOutput = "nmmfit_output"
        case muNuBest = "mu_nu_best_muB"
        case feldmanCousins = "feldman_cousins"
    }
    public init(muNuBest: Double, interval: MuNuInterval, cl: Double, feldmanCousins: FeldmanCousins.Result? = nil) {
        self.muNuBest = muNuBest
        self.interval = [interval.lower, interval.upper]
        intervalKind = interval.isUpperLimit ? "upper_limit" : "two_sided"
        self.cl = cl
        method = interval.method
        self.feldmanCousins = feldmanCousins.map(FeldmanCousinsReport.init)
    }
}
