import ArgumentParser
import BuildInfo
import Formats
import Foundation

@main
struct NMMFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmmfit",
        abstract: "The neutrino magnetic moment from liquid-xenon electron-recoil data.",
        version: BuildInfo.description,
        subcommands: [Fit.self, Export.self, ReportCommand.self, ModelCommand.self, Spectrum.self, Scan.self, Interval.self, Significance.self, GoodnessOfFit.self, Compare.self, SensitivityCommand.self, CoverageCommand.self, Toys.self, Merge.self, Batch.self, Bench.self, Datasets.self],
        defaultSubcommand: nil
    )

    /// Runs the command with nmmfit's output policy (issue #17): SIGPIPE ignored, standard output
    /// checked at the end (``Console/finish()``), and every error as ONE bounded line on stderr
    /// (usage errors: exit 64 with a pointer to `--help`).
    static func main() {
        Console.installSignalPolicy()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // library errors: one line and their exit code, mapped here once
            if let (message, code) = CLIErrors.mapped(error) { CLIErrors.fail(message, code: code) }
            let code = exitCode(for: error)
            if code == .success {  // --help, --version
                Console.out(fullMessage(for: error) + "\n")
                Console.finish()
                Foundation.exit(0)
            }
            let text = message(for: error)
            if !text.isEmpty {
                // the full message ends with "See 'nmmfit … --help' for more information."
                let hint = fullMessage(for: error).split(separator: "\n")
                    .first { $0.contains("See '") }
                    .flatMap { l in l.range(of: "'").map { String(l[l.index(before: $0.upperBound)...]).components(separatedBy: " for more")[0] } }
                let line = InputError.oneLine(text.hasPrefix("Error:") ? text : "Error: \(text)")
                Console.error(line + (hint.map { " (see \($0))" } ?? ""))
            }
            Console.finish()
            Foundation.exit(code.rawValue)
        }
        Console.finish()
        Foundation.exit(0)
    }
}
