import ArgumentParser
import Foundation

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Fit and write a report folder (summary.json, summary.md, model spec, plots); default folder report/.",
        discussion: "Takes every option of `nmmfit fit`; `nmmfit report` is `nmmfit fit --report report`.")

    @Argument(help: "Output folder.")
    var directory: String = "report"

    @OptionGroup var fit: FitOptions

    func run() throws { try fit.execute(reportDirectory: directory) }
}
