import Formats
import Foundation
import GSL

/// Expected upper limits under the background-only hypothesis: the median from the Asimov data
/// set (CCGV 2011 Sec. 3.2), and the ±1σ/±2σ band (the 2.3/15.9/50/84.1/97.7 % quantiles) from
/// background-only toys, each toy analysed exactly as the data are.
public struct Sensitivity {
    public struct Result: Sendable, Equatable {
        public var cl: Double
        public var method: String
        public var asimovMedian: Double
        /// Quantiles of the toy upper limits (μB) at −2σ, −1σ, median, +1σ, +2σ (empty without
        /// successful toys).
        public var band: [Double]
        public var observed: Double
        /// The lower end of the observed interval: 0 when it is an upper limit, > 0 when the
        /// data exclude μν = 0 (then ``observed`` is the upper end of a two-sided interval).
        public var observedLower: Double = 0
        public var toys: Int
        public var failedToys: Int
    }

    /// The labelled JSON form of a ``Result`` (output version ``OutputVersion``): every limit in μB.
    public struct Output: Sendable, Codable, Equatable {
        public var nmmfitOutput = OutputVersion.current
        public var cl: Double
        public var intervalMethod: String
        public var expectedLimitAsimovMedian: Double
        public var observedLimit: Double
        public var band: Band?
        public var toys: Int
        public var failedToys: Int
        /// The toy upper limits' quantiles at −2σ, −1σ, 0, +1σ, +2σ (μB).
        public struct Band: Sendable, Codable, Equatable {
            public var minus2sigma, minus1sigma, median, plus1sigma, plus2sigma: Double
            enum CodingKeys: String, CodingKey {
                case minus2sigma = "minus2sigma_muB", minus1sigma = "minus1sigma_muB", median = "median_muB"
                case plus1sigma = "plus1sigma_muB", plus2sigma = "plus2sigma_muB"
            }
        }
        enum CodingKeys: String, CodingKey {
            case cl, band, toys
            case nmmfitOutput = "nmmfit_output"
            case intervalMethod = "interval_method"
            case expectedLimitAsimovMedian = "expected_limit_asimov_median_muB"
            case observedLimit = "observed_limit_muB"
            case failedToys = "failed_toys"
        }
        public init(_ r: Result) {
            cl = r.cl
            intervalMethod = r.method
            expectedLimitAsimovMedian = r.asimovMedian
            observedLimit = r.observed
            band = r.band.count == 5 ? Band(minus2sigma: r.band[0], minus1sigma: r.band[1], median: r.band[2],
                                            plus1sigma: r.band[3], plus2sigma: r.band[4]) : nil
            toys = r.toys
            failedToys = r.failedToys
        }
    }

    public static let bandProbabilities = [0.02275, 0.15866, 0.5, 0.84134, 0.97725]

    public static func run(model: BinnedModel, cl: Double = 0.9, method: AsymptoticInterval.Method = .unified,
                           toys: Int = 200, seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           shouldStop: () -> Bool = { false }, progress: ((Int) -> Void)? = nil) throws -> Result {
        try run(model: model, cl: cl, method: method, toys: toys, seed: seed, threads: threads, file: nil,
                shouldStop: shouldStop, progress: progress)
    }

    /// The header of this study's toys file (``SensitivityToysFile``): its digest covers the
    /// model and the background-only fit the toys are drawn from.
    public static func toysFileHeader(model: BinnedModel, cl: Double = 0.9, method: AsymptoticInterval.Method = .unified,
                                      toys: Int, seed: UInt64) throws -> SensitivityToysFile.Header {
        let bkg = try ProfileLikelihood(model: model).conditionalFit(internal: 0).internalValues
        return SensitivityToysFile.Header(seed: seed, totalToys: toys, cl: cl, intervalMethod: method.rawValue,
                                          modelDigest: try ToyFileHeader.digest(model: model, truth: bkg))
    }

    /// As above, with the toys kept in `file` as they finish (open on ``toysFileHeader``'s study):
    /// the toys it already holds are used, the rest run and appended, so a run interrupted and
    /// resumed with the same file gives exactly the numbers of an uninterrupted one.
    public static func run(model: BinnedModel, cl: Double = 0.9, method: AsymptoticInterval.Method = .unified,
                           toys: Int = 200, seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                           file: SensitivityToysFile?,
                           shouldStop: () -> Bool = { false }, progress: ((Int) -> Void)? = nil) throws -> Result {
        let pl = try ProfileLikelihood(model: model)
        let observedInterval = try AsymptoticInterval.interval(pl, cl: cl, method: method)
        let observed = observedInterval.upper
        let bkg = try pl.conditionalFit(internal: 0).internalValues
        let asimov = Asimov.observation(model: model, internal: bkg)
        let median = try AsymptoticInterval.interval(try ProfileLikelihood(model: model, observation: asimov, multiStart: false),
                                                     cl: cl, method: method).upper
        let gen = ToyGenerator(model: model, truth: bkg)
        var limits: [Double] = []
        var failed = 0
        var done = 0
        func add(_ block: [Double?]) {
            for limit in block {
                if let limit { limits.append(limit) } else { failed += 1 }
            }
            done += block.count
            progress?(done)
        }
        if let file {
            guard file.header.identity == (try toysFileHeader(model: model, cl: cl, method: method, toys: toys, seed: seed)).identity else {
                throw FitError("internal: the sensitivity toys file \(file.path) is open on another study")
            }
            add(file.limits)
        }
        // each toy analysed as the data (its own profile likelihood and interval), on the toy
        // engine; `shouldStop` (e.g. Ctrl-C) ends the run: the band then comes from the toys finished
        let engine = ToyEngine(seed: seed, threads: threads)
        try engine.run((file?.next ?? 0)..<toys, blockSize: engine.blockSize(fitsPerToy: 20), shouldStop: shouldStop, worker: { () }, toy: { _, _, rng in
            let obs = gen.generate(using: rng)
            return try? AsymptoticInterval.interval(try ProfileLikelihood(model: model, observation: obs, multiStart: false),
                                                    cl: cl, method: method).upper
        }) { block in
            try file?.append(block)
            add(block)
        }
        limits.sort()
        let band = limits.isEmpty ? [] : bandProbabilities.map { FeldmanCousins.quantile(limits, $0) }
        var r = Result(cl: cl, method: method.rawValue, asimovMedian: median, band: band, observed: observed, toys: done,
                       failedToys: failed)
        r.observedLower = observedInterval.lower
        return r
    }
}
