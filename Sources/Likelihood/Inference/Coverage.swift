import Formats
import Foundation
import GSL

/// Coverage studies: how often an interval construction contains the true μν, from toys
/// generated at that μν (nuisances at their conditional fit to the data).
///
/// - Asymptotic methods (`wilks`, `asymptotic-unified`): each toy is analysed exactly like the
///   data — its own profile likelihood and interval — and containment is counted.
/// - Feldman–Cousins (profile construction): by the Neyman construction the interval contains
///   μν exactly when t̃_toy(μν) ≤ c_toy(μν); for each toy the nuisances are re-profiled at μν on
///   that toy and c_toy comes from `criticalToys` inner toys thrown there — the full
///   construction at the true value, without scanning a grid.
public enum Coverage {
    public struct Point: Sendable, Codable, Equatable {
        public var muNu: Double
        public var method: IntervalMethod
        public var cl: Double
        public var toys: Int
        public var failedToys: Int
        public var covered: Int
        public var coverage: Double
        /// Binomial standard error √(p(1−p)/N).
        public var error: Double
        enum CodingKeys: String, CodingKey {
            case cl, toys, covered, coverage
            case method = "interval_method"
            case error = "coverage_error"
            case muNu = "mu_nu_true_muB"
            case failedToys = "failed_toys"
        }
    }

    /// Coverage of an asymptotic construction from a whole toys file of t̃ at its true μν
    /// (checked against these data and model): μν is inside the interval {μ : t̃(μ) ≤ c(μ)}
    /// exactly when the toy's t̃(μν) ≤ c(μν), so each toy's record decides (wilks: c = χ²₁(CL);
    /// asymptotic-unified: CCGV Eq. 47 with σ from the Asimov data at μν). Feldman–Cousins needs
    /// inner toys per toy and is not available from files.
    public static func fromToys(_ sample: ToyStudySample, profile pl: ProfileLikelihood, cl: Double, method: IntervalMethod) throws -> Point {
        let h = sample.header
        guard h.statistic == "t", h.testedMuNu == h.muNuTrue else {
            throw InputError(file: sample.path, line: 1, "is not a t̃ study at its true μν (\(FrontEndTerm.tStudyAtTruth.text)); coverage needs one")
        }
        try ToyStudy.check(sample, against: pl)
        let c: Double
        switch method {
        case .wilks: c = try Distributions.chiSquaredQuantile(cl, dof: 1)
        case .asymptoticUnified:
            c = try AsymptoticInterval.criticalValue(cl: cl, sOverSigma: try AsymptoticInterval.sOverSigma(pl, internal: pl.model.internalPOI(muNu: h.muNuTrue)))
        case .feldmanCousins:
            throw InputError(file: sample.path, "Feldman–Cousins coverage needs inner toys for every toy; run \(FrontEndTerm.feldmanCousinsCoverage.text) instead of \(FrontEndTerm.fromToys.text)")
        }
        let n = sample.statistics.count
        guard n > 0 else { throw FitError("all toys failed") }
        let covered = sample.statistics.reduce(0) { $0 + ($1 <= c * (1 + 1e-9) ? 1 : 0) }
        let p = Double(covered) / Double(n)
        return Point(muNu: h.muNuTrue, method: method, cl: cl, toys: h.totalToys, failedToys: sample.failed, covered: covered,
                     coverage: p, error: (p * (1 - p) / Double(n)).squareRoot())
    }

    public static func run(profile pl: ProfileLikelihood, muNu: Double, cl: Double = 0.9, method: IntervalMethod,
                           toys: Int, criticalToys: Int = 500, seed: UInt64 = 1,
                           threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           shouldStop: () -> Bool = { false }) throws -> Point {
        let model = pl.model
        let s = model.internalPOI(muNu: muNu)
        let truth = try pl.conditionalFit(internal: s).internalValues
        // `shouldStop` (e.g. Ctrl-C) ends the toys early: the point then uses the toys finished
        var covered = 0, failed = 0, n = 0, done = 0
        switch method.asymptotic {
        case nil:
            // Each outer toy is treated as data: its nuisances are profiled at the true μν, the
            // critical value comes from inner toys thrown there, and the interval covers μν
            // exactly when t̃_toy(μν) ≤ c_toy(μν) (the Neyman construction's acceptance).
            let gen = ToyGenerator(model: model, truth: truth)
            let fitter = Fitter(model: model)
            for k in 0..<toys {
                if shouldStop() { break }
                done += 1
                let obs = gen.generate(using: RandomSource(seed: seed, stream: UInt64(k)))
                do {
                    let free = try fitter.fitMultiStart(obs)
                    var start = free.internalValues
                    start[model.poiIndex] = s
                    let cond = try fitter.fit(obs, start: start, fixedPOI: s)
                    let t = TestStatistic.likelihoodRatio(restricted: cond.nll, free: free.nll)
                    let c = try FeldmanCousins.criticalValue(model: model, truth: cond.internalValues, internalPOI: s, cl: cl,
                                                             toys: criticalToys, seed: RandomSource.mix(seed &+ 1, UInt64(k)),
                                                             threads: threads).value
                    n += 1
                    if t <= c { covered += 1 }
                } catch { failed += 1 }
            }
        case let m?:
            let gen = ToyGenerator(model: model, truth: truth)
            for k in 0..<toys {
                if shouldStop() { break }
                done += 1
                let obs = gen.generate(using: RandomSource(seed: seed, stream: UInt64(k)))
                do {
                    let iv = try AsymptoticInterval.interval(try ProfileLikelihood(model: model, observation: obs, multiStart: false), cl: cl, method: m)
                    n += 1
                    if iv.lower <= muNu * (1 + 1e-9) && muNu <= iv.upper * (1 + 1e-9) { covered += 1 }
                } catch { failed += 1 }
            }
        }
        guard n > 0 else {
            throw FitError(study: done == 0 ? "no toy finished, so there is no coverage" : "all \(done) toys failed to fit, so there is no coverage")
        }
        let p = Double(covered) / Double(n)
        return Point(muNu: muNu, method: method, cl: cl, toys: done, failedToys: failed, covered: covered, coverage: p,
                     error: (p * (1 - p) / Double(n)).squareRoot())
    }
}
