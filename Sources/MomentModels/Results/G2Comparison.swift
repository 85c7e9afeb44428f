import Formats
import Foundation

/// One comparison of a predicted Δa_μ with a measurement: the pull (prediction − Δa_μ)/σ and
/// whether it is within 2σ.
public struct G2Comparison: Codable, Sendable {
    public var id: String
    public var label: String
    /// Δa_μ in units of 10⁻¹¹, with its 1σ error in the same unit.
    public var deltaAMu1e11: Double
    public var sigma1e11: Double
    public var pullSigma: Double
    public var within2Sigma: Bool
    public var source: String
    enum CodingKeys: String, CodingKey {
        case id, label, source
        case deltaAMu1e11 = "delta_amu_1e-11", sigma1e11 = "sigma_1e-11", pullSigma = "pull_sigma", within2Sigma = "within_2_sigma"
    }

    /// The comparisons of a predicted Δa_μ (absolute, not in 10⁻¹¹) with each available measurement.
    public static func make(predicted: Double, _ ms: [MuonAnomalyMeasurement]) -> [G2Comparison] {
        ms.compactMap { m in
            guard let d = m.deltaAMu1e11, let s = m.sigma1e11 else { return nil }
            let pull = (predicted / 1e-11 - d) / s
            return G2Comparison(id: m.id, label: m.label, deltaAMu1e11: d, sigma1e11: s, pullSigma: pull, within2Sigma: abs(pull) <= 2, source: m.source)
        }
    }

    public static func table(_ cs: [G2Comparison]) -> String {
        TextFormat.table(["measurement", "Δa_μ [1e-11]", "(prediction − Δa_μ)/σ", "within 2σ"], cs.map {
            ["\($0.id): \($0.label)", "\(TextFormat.g($0.deltaAMu1e11, 4)) ± \(TextFormat.g($0.sigma1e11, 3))", TextFormat.f($0.pullSigma, 2), $0.within2Sigma ? "yes" : "no"]
        })
    }
}
