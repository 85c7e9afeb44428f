import ArgumentParser

@main
struct NMMFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "nmmfit",
        abstract: "The neutrino magnetic moment from liquid-xenon electron-recoil data.",
        version: "0.1.0",
        subcommands: [Fit.self, Export.self, ReportCommand.self, Model.self, Spectrum.self, Scan.self, Interval.self, Significance.self, GoodnessOfFit.self, Compare.self, SensitivityCommand.self, CoverageCommand.self, Toys.self, Merge.self, Batch.self, Bench.self, Datasets.self],
        defaultSubcommand: nil
    )
}
