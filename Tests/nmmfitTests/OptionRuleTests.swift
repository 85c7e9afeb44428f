import ArgumentParser
import Foundation
import Testing
@testable import nmmfit

/// The command line's option rules checked in-process: `NMMFit.parseAsRoot` runs the parser and
/// every `validate()` without launching the binary or computing anything (a fraction of a
/// millisecond per case, where a launch of the binary takes 0.4–1.7 s on a loaded 2-core
/// machine). The end-to-end suites check at the process boundary that such an error leaves as
/// exit code 64 and one line on stderr (the hostile-input corpus, SpecReproductionTests).
@Suite("Option rules (in-process parsing)")
struct OptionRuleTests {
    struct Refused: Sendable, CustomTestStringConvertible {
        var args: [String]
        /// Every fragment must be in the message.
        var fragments: [String]
        var testDescription: String { args.joined(separator: " ") }
    }

    /// Options refused while parsing: units of μν, scalar masses, toy options, batch resources,
    /// model-command inputs and dataset overrides.
    static let refused: [Refused] = [
        Refused(args: ["spectrum", "--mu", "2"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["scan", "--max", "2"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["model", "sm-dirac", "--mu", "0.5"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["model", "horizontal", "--mh", "1000", "--mH", "200"], fragments: ["lighter"]),
        Refused(args: ["toys", "--mu", "2", "-o", "x.jsonl"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["toys", "--statistic", "t", "--test-mu", "1", "-o", "x.jsonl"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["coverage", "--mu", "2"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["interval", "--method", "feldman-cousins", "--grid-max", "3"], fragments: ["μB", "Bohr magneton"]),
        Refused(args: ["spectrum", "--mu", "-1e-11"], fragments: ["--mu"]),
        Refused(args: ["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", "study", "--", "--mu", "abc"],
                fragments: ["toys options after --", "'abc'"]),
        Refused(args: ["batch", "--system", "htcondor", "-n", "10", "--nshards", "2", "--outdir", "study", "--partition", "x"],
                fragments: ["partitions"]),
        Refused(args: ["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", "study", "--time", "1h"],
                fragments: ["--time"]),
        Refused(args: ["batch", "--system", "slurm", "-n", "100", "--name", "z", "--outdir", "study"],
                fragments: ["--nshards, --toys-per-shard or --shard-duration"]),
        Refused(args: ["model", "joint"], fragments: ["--fit FILE or --mu-range"]),
        Refused(args: ["model", "joint", "--mu-range", "1e-11,2e-11", "--profile", "scan.csv"], fragments: ["--profile"]),
        // --cl given at its default value is still an option that would be ignored
        Refused(args: ["export", "--format", "pyhf", "--cl", "0.9"], fragments: ["--cl/--interval-method", "--format hepdata"]),
        Refused(args: ["export", "--format", "pyhf", "--interval-method", "asymptotic-unified"], fragments: ["--cl/--interval-method"]),
        Refused(args: ["model", "joint", "--mu-range", "1e-11,2e-11", "--g2", "2025-final"], fragments: ["'2025-final'"]),
        Refused(args: ["model", "joint", "--mu-range", "3e-11,1e-11"], fragments: ["--mu-range"]),
        Refused(args: ["model", "sm-transition", "--masses-ev", "0,-1,2"], fragments: ["--masses-ev"]),
        Refused(args: ["model", "lr-mixing", "--sin2xi", "2"], fragments: ["--sin2xi"]),
        Refused(args: ["fit", "--dataset", "lz_ws2024", "--window", "lz_ws2024=5"], fragments: []),
        Refused(args: ["fit", "--dataset", "lz_ws2024", "--set", "lz_ws2024"], fragments: []),
        // coverage shards: one true μν per toys file; --shard, --cl and --critical-toys only where they act
        Refused(args: ["coverage", "--mu", "0", "--mu", "1e-11", "--write-toys", "c.jsonl"], fragments: []),
        Refused(args: ["coverage", "--mu", "0", "--shard", "1", "--nshards", "2"], fragments: []),
        Refused(args: ["coverage", "--mu", "0", "--write-toys", "c.jsonl", "--method", "wilks"], fragments: []),
        Refused(args: ["coverage", "--mu", "0", "--write-toys", "c.jsonl", "--critical-toys", "200"], fragments: []),
        Refused(args: ["coverage", "--mu", "0", "--write-toys", "c.jsonl", "--cl", "0.8"], fragments: []),
        // batch: the toys options it sets itself, and --transfer-files with a spec the job would not have
        Refused(args: ["batch", "--system", "slurm", "-n", "10", "--nshards", "2", "--outdir", "study", "--", "--seed=3"], fragments: []),
        Refused(args: ["batch", "--system", "htcondor", "-n", "30", "--nshards", "3", "--outdir", "study", "--transfer-files", "--", "--spec", "m.json"],
                fragments: ["--transfer-files"]),
    ]

    @Test("a refused option is a usage error (exit 64) whose message names the problem", arguments: refused)
    func refusedWhileParsing(_ c: Refused) {
        do {
            _ = try NMMFit.parseAsRoot(c.args)
            Issue.record("accepted: nmmfit \(c.args.joined(separator: " "))")
        } catch {
            #expect(NMMFit.exitCode(for: error).rawValue == 64, "\(NMMFit.message(for: error))")
            let message = NMMFit.message(for: error)
            for f in c.fragments { #expect(message.contains(f), "\(message)") }
        }
    }

    /// The commands the schema examples and README run parse as given (and reach the command
    /// the user meant).
    @Test("the documented invocations parse", arguments: [
        ["fit"], ["fit", "--json"], ["fit", "--dataset", "all", "--json"], ["fit", "--tritium", "free"],
        ["interval", "--method", "feldman-cousins", "--toys", "30", "--grid-points", "7", "--grid-max", "4e-11", "--json"],
        ["toys", "-n", "6", "--shard", "1", "--nshards", "2", "-o", "s.jsonl", "-q"],
        ["model", "horizontal", "--mh", "100", "--mH", "1000", "--json"],
        ["spectrum", "--mu", "2e-11", "--per-source", "--format", "csv"],
    ])
    func documentedInvocationsParse(_ args: [String]) throws {
        let command = try NMMFit.parseAsRoot(args)
        let name = type(of: command)._commandName
        #expect(args.contains(name) || args.first == name, "\(args) parsed as \(type(of: command))")
    }
}
