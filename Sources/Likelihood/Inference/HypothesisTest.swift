import Formats
import Foundation
import GSL

/// A likelihood-ratio test of nested hypotheses: the null fixes some non-negative components
/// (e.g. a tritium amplitude, or μν) at zero; the alternative frees them. Components in
/// `excluded` are held at zero in both (left out of the comparison).
/// ```
/// Δ = −2 ln [ L(null) / L(alternative) ] ≥ 0
/// ```
/// Asymptotically, with k tested parameters on their boundary, Δ follows the χ̄² mixture
/// Σ_j C(k, j) 2⁻ᵏ χ²_j (Chernoff, Ann. Math. Stat. 25 (1954) 573; Self & Liang, JASA 82
/// (1987) 605), e.g. ½χ²₀ + ½χ²₁ for one. A toy-based p-value draws from the fitted null.
public struct HypothesisTest {
    public struct Result: Sendable, Codable, Equatable {
        /// Output format version (``OutputVersion``).
        public var nmmfitOutput = OutputVersion.current
        public var tested: [String]
        public var excluded: [String]
        public var deltaTwoNLL: Double
        public var pAsymptotic: Double
        public var zAsymptotic: Double
        public var toys: Int
        public var failedToys: Int
        public var pToys: Double?
        public var pToysError: Double?
        public var zToys: Double?
        public var nullFit: FitResult
        public var alternativeFit: FitResult
        enum CodingKeys: String, CodingKey {
            case tested, excluded, toys
            case nmmfitOutput = "nmmfit_output"
            case deltaTwoNLL = "minus_two_delta_lnL"
            case pAsymptotic = "p_value_asymptotic"
            case zAsymptotic = "z_asymptotic"
            case failedToys = "failed_toys"
            case pToys = "p_value_toys"
            case pToysError = "p_value_toys_error"
            case zToys = "z_toys"
            case nullFit = "null_fit"
            case alternativeFit = "alternative_fit"
        }
    }

    public let model: BinnedModel
    /// Indices of the tested parameters (fixed at 0 under the null).
    public let tested: [Int]
    /// Indices of parameters fixed at 0 under both hypotheses (components left out entirely).
    public let excluded: [Int]

    public init(model: BinnedModel, testedNames: [String], excludedNames: [String] = []) throws {
        self.model = model
        func index(_ n: String) throws -> Int {
            guard let i = model.parameterNames.firstIndex(of: n) else {
                throw InputError(field: "test", "unknown parameter '\(n)' (parameters: \(model.parameterNames.joined(separator: ", ")))")
            }
            guard model.lower[i] == 0, model.constraintSigma[i] == 0, !model.fixedBySpec[i] else {
                throw InputError(field: "test", "'\(n)' is not a free, non-negative amplitude; only such components (e.g. mu_nu, tritium) can be tested against 0")
            }
            return i
        }
        let t = try testedNames.map(index)
        tested = t
        excluded = try excludedNames.map(index).filter { !t.contains($0) }
        guard !tested.isEmpty else { throw FitError("nothing to test") }
    }

    func fits(_ obs: Observation, _ fitter: Fitter, start: [Double]? = nil) throws -> (null: FitResult, alt: FitResult) {
        var altMask = model.fixedBySpec
        var base = start ?? model.initial
        for i in excluded {
            altMask[i] = true
            base[i] = 0
        }
        // the alternative from two starts (tested components at their start, and at 0)
        var zeroStart = base
        for i in tested { zeroStart[i] = 0 }
        var alt = try fitter.fit(obs, start: base, fixedMask: altMask)
        if let other = try? fitter.fit(obs, start: zeroStart, fixedMask: altMask), other.nll < alt.nll { alt = other }
        var nullMask = altMask
        var s0 = alt.internalValues
        for i in tested {
            nullMask[i] = true
            s0[i] = 0
        }
        let null = try fitter.fit(obs, start: s0, fixedMask: nullMask)
        return (null, alt)
    }

    /// The asymptotic p-value of Δ for k boundary parameters (χ̄² mixture).
    public static func chiBarSquaredP(_ delta: Double, k: Int) -> Double {
        guard delta > 0 else { return 1 }
        var p = 0.0
        var binom = 1.0
        for j in 1...k {
            binom = binom * Double(k - j + 1) / Double(j)
            p += binom * pow(0.5, Double(k)) * Distributions.chiSquaredSurvival(delta, dof: Double(j))
        }
        return p
    }

    /// Runs the test; `progress` is called with the number of toys done after each block of toys
    /// (the toy engine runs them on `threads` threads); `shouldStop` (e.g. Ctrl-C) ends the toys
    /// early, and the toy p-value uses those finished. With `toysFile`, the toys are kept in the
    /// file it opens for the study's header as they finish, and those it already holds are used,
    /// so that a run interrupted and resumed gives exactly the numbers of an uninterrupted one.
    public func run(toys: Int = 0, seed: UInt64 = 1, threads: Int = ProcessInfo.processInfo.activeProcessorCount,
                    shouldStop: () -> Bool = { false }, toysFile: ((ComparisonToysHeader) throws -> ComparisonToysFile)? = nil,
                    progress: ((Int) -> Void)? = nil) throws -> Result {
        let fitter = Fitter(model: model)
        let (null, alt) = try fits(model.observed, fitter)
        let delta = TestStatistic.likelihoodRatio(restricted: null.nll, free: alt.nll)
        let p = Self.chiBarSquaredP(delta, k: tested.count)
        // p can underflow to 0 for a huge Δ; Z then stays finite through the k = 1 identity Z = √Δ
        // as a lower bound of the χ̄² significance.
        let z = try TestStatistic.significance(p: p, ifUnderflow: delta.squareRoot())
        var pT: Double?, pErr: Double?, zT: Double?
        var tail = ToyTail(observed: delta)
        if toys > 0 {
            let gen = ToyGenerator(model: model, truth: null.internalValues)
            let engine = ToyEngine(seed: seed, threads: threads)
            let model = model
            var file: ComparisonToysFile?
            defer { file?.close() }
            if let toysFile {
                let f = try toysFile(ComparisonToysHeader(seed: seed, totalToys: toys, tested: tested.map { model.parameterNames[$0] },
                                                          excluded: excluded.map { model.parameterNames[$0] },
                                                          modelDigest: try ToyFileHeader.digest(model: model, truth: null.internalValues)))
                file = f
                for v in f.values { tail.add(v) }
                if f.next > 0 { progress?(tail.toys) }
            }
            try engine.run((file?.next ?? 0)..<toys, blockSize: engine.blockSize(fitsPerToy: 3), shouldStop: shouldStop,
                       worker: { Fitter(model: model) }, toy: { fitter, _, rng in
                guard let f = try? fits(gen.generate(using: rng), fitter, start: null.internalValues) else { return nil as Double? }
                return TestStatistic.twiceDeltaNLL(restricted: f.null.nll, free: f.alt.nll)
            }) { block in
                try file?.append(block)
                for t in block { tail.add(t) }
                progress?(tail.toys)
            }
            guard tail.usable > 0 else {
                throw FitError(study: tail.toys == 0 ? "no toy finished, so there is no toy p-value"
                    : "all \(tail.toys) toys failed to fit, so there is no toy p-value (the asymptotic one stands)")
            }
            pT = tail.p
            pErr = tail.pError
            zT = try tail.z()
        }
        let done = tail.toys, failed = tail.failed
        return Result(tested: tested.map { model.parameterNames[$0] }, excluded: excluded.map { model.parameterNames[$0] }, deltaTwoNLL: delta, pAsymptotic: p, zAsymptotic: z,
                      toys: done, failedToys: failed, pToys: pT, pToysError: pErr, zToys: zT, nullFit: null, alternativeFit: alt)
    }
}
