import ArgumentParser
import Formats
import Foundation
import GSL
import Likelihood

struct Significance: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The discovery test of μν > 0: q0, asymptotic Z = √q0 and p-value, and a toy-based p-value on request.")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @OptionGroup var toyOptions: ToyOptions<Significance>
    @OptionGroup var threadOptions: ThreadOptions
    @Option(name: .customLong("from-toys"), parsing: .upToNextOption,
            help: "Toy p-value from a merged background-only toys file (nmmfit toys/batch --mu 0, statistic q0, same data options), or a folder holding exactly one.")
    var fromToys: [String] = []

    func validate() throws {
        guard toyOptions.count >= 0 else { throw ValidationError("--toys must be ≥ 0") }
        guard threadOptions.threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        if !fromToys.isEmpty && (toyOptions.count > 0 || toyOptions.seed != nil) { throw ValidationError("--from-toys excludes --toys and --seed (the file holds the toys)") }
        try ResourceLimit.toys.validate(toyOptions.count, option: "--toys")
        try threadOptions.check()
    }

    /// Version-2 output (issue 14): the same keys as `fit` and `compare` for the same quantities.
    struct Output: Encodable {
        var nmmfitOutput = OutputVersion.current
        var muNuBest: Double
        var q0: Double
        var zAsymptotic: Double
        var pValueAsymptotic: Double
        var toy: ToyPValue?
        enum CodingKeys: String, CodingKey {
            case q0, toys
            case nmmfitOutput = "nmmfit_output"
            case muNuBest = "mu_nu_best_muB"
            case zAsymptotic = "z_asymptotic"
            case pValueAsymptotic = "p_value_asymptotic"
            case failedToys = "failed_toys"
            case toysExceeding = "toys_exceeding"
            case pValueToys = "p_value_toys"
            case pValueToysError = "p_value_toys_error"
            case zToys = "z_toys"
            case zToysLowerBound = "z_toys_lower_bound"
        }
        func encode(to encoder: Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(nmmfitOutput, forKey: .nmmfitOutput)
            try c.encode(muNuBest, forKey: .muNuBest)
            try c.encode(q0, forKey: .q0)
            try c.encode(zAsymptotic, forKey: .zAsymptotic)
            try c.encode(pValueAsymptotic, forKey: .pValueAsymptotic)
            try c.encode(toy?.toys ?? 0, forKey: .toys)
            guard let toy else { return }
            try c.encode(toy.failedToys, forKey: .failedToys)
            try c.encode(toy.exceeding, forKey: .toysExceeding)
            try c.encode(toy.pValue, forKey: .pValueToys)
            try c.encode(toy.pValueError, forKey: .pValueToysError)
            try c.encodeIfPresent(toy.significance, forKey: .zToys)
            try c.encodeIfPresent(toy.zLowerBound, forKey: .zToysLowerBound)
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            let d = try pl.discovery()
            let toys = toyOptions.count
            let progress = DelayedProgress(total: toys > 0 ? toys : nil, label: "significance toys", quiet: output.quiet || output.json)
            // Ctrl-C (or SIGTERM, SIGQUIT) stops after the current block of toys; the toys finished
            // are kept and the p-value is given from them, with a note and exit 130
            if toys > 0 { Interrupt.shared.install() }
            var toy = toys > 0 ? try ToyPValue.compute(profile: pl, toys: toys, seed: toyOptions.seedValue, threads: threadOptions.threads,
                                                       shouldStop: { Interrupt.shared.requested }) { progress.update($0) } : nil
            progress.finish()
            let interrupted = toys > 0 && Interrupt.shared.requested
            if !fromToys.isEmpty {
                let q0Studies = try ToyStudySample.paths(fromToys).filter {
                    let h = try ToyFileReader(path: $0).header()
                    return h.statisticName == .q0 && h.muNuTrue == 0
                }
                guard q0Studies.count == 1 else {
                    // name what each file holds, so the user sees why none (or several) fit
                    let found = try ToyStudySample.paths(fromToys).map { p -> String in
                        let h = try ToyFileReader(path: p).header()
                        return "\(p): \(h.statistic) at μν = \(Format.g(h.muNuTrue, 3)) μB"
                    }
                    throw InputError("--from-toys: need exactly one background-only q0 study (nmmfit toys --mu 0), found \(q0Studies.count) among \(found.joined(separator: "; "))")
                }
                let sample = try ToyStudySample.load(path: q0Studies[0])
                try ToyStudy.check(sample, against: pl)
                toy = try ToyPValue.from(q0Observed: d.q0, sample: sample)
            }
            let out = Output(muNuBest: pl.best.muNu, q0: d.q0, zAsymptotic: d.z, pValueAsymptotic: d.p, toy: toy)
            try output.emit(out) {
                var s = "q0 = \(Format.f(d.q0, 3));  asymptotic Z = \(Format.f(d.z)) σ, p = \(Format.g(d.p, 3))\n"
                if let t = toy {
                    s += "toys: \(t.exceeding) of \(t.toys - t.failedToys) background-only toys have q0 ≥ q0_obs → p = \(Format.g(t.pValue, 3)) ± \(Format.g(t.pValueError, 2))"
                    if let z = t.significance {
                        s += ", Z = \(Format.f(z)) σ\n"
                    } else if let zl = t.zLowerBound {
                        s += ", Z > \(Format.f(zl)) σ\n"
                    } else {
                        s += " (every toy is at least as signal-like as the data: no evidence)\n"
                    }
                    if t.failedToys > 0 { s += "(\(t.failedToys) toys failed to fit and are excluded)\n" }
                }
                return s
            }
            if interrupted, let t = toy {
                Console.error("interrupted: the toy p-value uses the \(t.toys) of \(toys) toys finished")
                throw ExitCode(130)
            }
        }
    }
}

extension Significance: ToyCountDefault {
    static let toys = 0
    static let toysHelp = "Background-only toys for a toy-based p-value (0, the default: asymptotic only)."
}
