import ArgumentParser
import Foundation
import Likelihood
import Recoil

struct CoverageCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "coverage",
        abstract: "Coverage of interval constructions on toys at given true μν values (the long version of the suite's check).",
        discussion: """
        Example (the documented long study): nmmfit coverage --mu 0 --mu 0.5e-11 --mu 2e-11 \
        --method asymptotic-unified --method wilks --method feldman-cousins --toys 5000
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @Option(name: .customLong("mu"), help: "True μν (μB); repeat for several.")
    var mus: [Double] = [0, 0.5e-11, 2e-11]
    @Option(name: .customLong("method"), help: "wilks, asymptotic-unified, feldman-cousins; repeat for several.")
    var methods: [String] = ["asymptotic-unified", "feldman-cousins"]
    @Option(help: "Confidence level.")
    var cl: Double = 0.9
    @Option(help: "Toys per point.")
    var toys: Int = 1000
    @Option(help: "Feldman–Cousins: inner toys per outer toy for its critical value (cost: toys × critical-toys).")
    var criticalToys: Int = 500
    @Option(help: "Random seed.")
    var seed: UInt64 = 1
    @Option(help: "Threads.")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount

    func validate() throws {
        try ConfidenceLevel.validate(cl)
        guard mus.allSatisfy({ $0.isFinite && $0 >= 0 }) else { throw ValidationError("--mu values must be ≥ 0 (μB)") }
        for m in mus { try MuNuOption.validate(m, option: "--mu") }
        let known = ["wilks", "asymptotic-unified", "feldman-cousins"]
        for m in methods where !known.contains(m) { throw ValidationError("unknown --method \(m) (\(known.joined(separator: ", ")))") }
        guard toys >= 10, criticalToys >= 100, threads >= 1 else { throw ValidationError("need --toys ≥ 10, --critical-toys ≥ 100, --threads ≥ 1") }
        try ResourceLimit.toys.validate(product: [max(mus.count, 1), toys] + (methods.contains("feldman-cousins") ? [criticalToys] : []),
                                        option: "--mu values × --toys" + (methods.contains("feldman-cousins") ? " × --critical-toys" : ""))
        try ResourceLimit.threads.validate(threads, option: "--threads")
    }

    struct Output: Codable {
        var nmmfitOutput = 1
        var points: [Coverage.Point]
        enum CodingKeys: String, CodingKey {
            case points
            case nmmfitOutput = "nmmfit_output"
        }
    }

    func run() throws {
        try CLIErrors.run {
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            var pts: [Coverage.Point] = []
            let progress = Progress(total: mus.count * methods.count, label: "coverage", quiet: output.quiet || output.json)
            for mu in mus {
                for m in methods {
                    pts.append(try Coverage.run(profile: pl, muNu: mu, cl: cl, method: m, toys: toys, criticalToys: criticalToys,
                                                seed: seed, threads: threads))
                    progress.update(pts.count)
                }
            }
            try output.emit(Output(points: pts)) {
                Format.table(["μν [1e-11 μB]", "method", "toys", "failed", "coverage", "± error", "nominal"], pts.map {
                    [Format.mu11($0.muNu), $0.method, "\($0.toys)", "\($0.failedToys)", Format.f($0.coverage, 4), Format.f($0.error, 4), Format.f(cl, 3)]
                })
            }
        }
    }
}
