import ArgumentParser
import Benchmarks
import Formats
import Foundation

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks: spectrum, template folding, NLL evaluation, fits, toys per second (README lists results).",
        discussion: "Build with -c release (`make bench`); times are wall-clock medians of repeated runs.")

    @Option(help: "Toys for the toy-throughput measurements.")
    var toys: Int = 20000
    @Option(help: "Toys per point for the Feldman–Cousins timing (30 points).")
    var fcToys: Int = 10000
    @Flag(help: "Skip the (long) Feldman–Cousins band timing.")
    var skipFc = false
    @Flag(help: "Print JSON.")
    var json = false
    @Flag(help: "Only the benchmarks of the combination of all shipped datasets.")
    var combinedOnly = false

    typealias Row = BenchmarkSuite.Row
    typealias Output = BenchmarkSuite.Output

    func validate() throws {
        guard toys >= 100, fcToys >= 10 else { throw ValidationError("--toys ≥ 100 and --fc-toys ≥ 10") }
        try ResourceLimit.toys.validate(toys, option: "--toys")
        try ResourceLimit.toys.validate(product: [30, fcToys], option: "30 points × --fc-toys")
    }

    func run() throws {
        try CLIErrors.run {
            let suite = BenchmarkSuite(toys: toys, fcToys: fcToys, skipFeldmanCousins: skipFc, combinedOnly: combinedOnly)
            let out = try suite.run { r in if !json { Console.error("  \(r.name): \(Format.g(r.value, 4)) \(r.unit)") } }
            if json {
                // a result document as every --json output: with the build, command line and (no) data digests
                print(String(decoding: try ResultEncoder.encode(ResultDocument(out, provenance: .thisRun())), as: UTF8.self))
            } else {
                print(out.text, terminator: "")
            }
        }
    }
}
