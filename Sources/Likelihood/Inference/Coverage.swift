import Foundation
import GSL

/// Coverage studies: how often an interval construction contains the true μν, from toys
/// generated at that μν (nuisances at their conditional fit to the data).
///
/// - Asymptotic methods (`wilks`, `asymptotic-unified`): each toy is analysed exactly like the
///   data — its own profile likelihood and interval — and containment is counted.
/// - Feldman–Cousins: by the Neyman construction the interval contains μν exactly when
///   t̃_toy(μν) ≤ c(μν); c(μν) comes from an independent toy ensemble (seed + 1), so the check
///   costs two fits per toy. (It uses the true nuisances for both ensembles; a full
///   per-toy profile construction would re-profile them on each toy.)
public enum Coverage {
    public struct Point: Sendable, Codable, Equatable {
        public var muNu: Double
        public var method: String
        public var cl: Double
        public var toys: Int
        public var failedToys: Int
        public var covered: Int
        public var coverage: Double
        /// Binomial standard error √(p(1−p)/N).
        public var error: Double
        enum CodingKeys: String, CodingKey {
            case method, cl, toys, covered, coverage, error
            case muNu = "mu_nu"
            case failedToys = "failed_toys"
        }
    }

    public static func run(profile pl: ProfileLikelihood, muNu: Double, cl: Double = 0.9, method: String,
                           toys: Int, criticalToys: Int = 2000, seed: UInt64 = 1,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws -> Point {
        let model = pl.model
        let s = model.internalPOI(muNu: muNu)
        let truth = try pl.conditionalFit(internal: s).internalValues
        var covered = 0, failed = 0, n = 0
        switch method {
        case "feldman-cousins":
            let fc = FeldmanCousins(profile: pl, cl: cl, toysPerPoint: criticalToys, seed: seed &+ 1, threads: threads)
            let c = try fc.point(muNu: muNu, index: 0).criticalValue
            ToyRunner(model: model, truth: truth, statistic: .tTilde(s: s), seed: seed).run(0..<toys, threads: threads) { block in
                for r in block {
                    if r.failed { failed += 1; continue }
                    n += 1
                    if r.statistic <= c { covered += 1 }
                }
            }
        case "wilks", "asymptotic-unified":
            let m = AsymptoticInterval.Method(rawValue: method)!
            let gen = ToyGenerator(model: model, truth: truth)
            for k in 0..<toys {
                let obs = gen.generate(using: RandomSource(seed: seed, stream: UInt64(k)))
                do {
                    let iv = try AsymptoticInterval.interval(try ProfileLikelihood(model: model, observation: obs, multiStart: false), cl: cl, method: m)
                    n += 1
                    if iv.lower <= muNu * (1 + 1e-9) && muNu <= iv.upper * (1 + 1e-9) { covered += 1 }
                } catch { failed += 1 }
            }
        default:
            throw FitError("unknown coverage method '\(method)' (wilks, asymptotic-unified, feldman-cousins)")
        }
        guard n > 0 else { throw FitError("all toys failed") }
        let p = Double(covered) / Double(n)
        return Point(muNu: muNu, method: method, cl: cl, toys: toys, failedToys: failed, covered: covered, coverage: p,
                     error: (p * (1 - p) / Double(n)).squareRoot())
    }
}
