import Analysis
import ArgumentParser
import Formats
import Foundation
import Likelihood
import Report

struct GoodnessOfFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gof",
        abstract: "Saturated-model (Baker–Cousins) goodness of fit of the best fit and of the background-only fit.")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            let out = try GoodnessOfFitReport.compute(model: try data.model(physics: physics))
            try output.emit(out, provenance: try data.provenance(physics: physics)) { GoodnessOfFitText.render(out) }
        }
    }
}
