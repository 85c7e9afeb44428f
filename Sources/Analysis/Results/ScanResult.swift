import Formats
import Foundation
import Likelihood

/// The result of `nmmfit scan`: the profile-likelihood curve −2ΔlnL(μν) on a grid of μν, with
/// the best fit (`nll_best` is −ln L including Σ ln n_i!, as in every output: ``FitStatus``).
public struct ScanResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    /// Best-fit μν (μB).
    public var muNuBest: Double
    /// −ln L at the best fit, including Σ ln n_i! (dimensionless).
    public var nllBest: Double
    public var points: [ProfileLikelihood.ScanPoint]

    enum CodingKeys: String, CodingKey {
        case points
        case nmmfitOutput = "nmmfit_output"
        case muNuBest = "mu_nu_best_muB"
        case nllBest = "nll_best"
    }

    public init(muNuBest: Double, nllBest: Double, points: [ProfileLikelihood.ScanPoint]) {
        self.muNuBest = muNuBest
        self.nllBest = nllBest
        self.points = points
    }

    /// Scans `profile` on `grid` (μν in μB), calling `progress` with the points done.
    public static func compute(profile: ProfileLikelihood, grid: [Double], progress: (Int) -> Void = { _ in }) throws -> ScanResult {
        var pts: [ProfileLikelihood.ScanPoint] = []
        for (k, mu) in grid.enumerated() {
            pts += try profile.scan([mu])
            progress(k + 1)
        }
        return ScanResult(muNuBest: profile.best.muNu,
                          nllBest: profile.best.nll + FitStatus.logFactorials(profile.model.observed.counts), points: pts)
    }
}
