import ArgumentParser
import Formats
import Foundation
import Likelihood

struct GoodnessOfFit: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "gof",
        abstract: "Saturated-model (Baker–Cousins) goodness of fit of the best fit and of the background-only fit.")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    struct Entry: Codable {
        var chi2: Double
        var ndof: Int
        var pValue: Double
        enum CodingKeys: String, CodingKey {
            case chi2, ndof
            case pValue = "p_value_asymptotic"
        }
    }
    struct Output: Codable {
        var nmmfitOutput = OutputVersion.current
        var bestFit: Entry
        var backgroundOnly: Entry
        enum CodingKeys: String, CodingKey {
            case nmmfitOutput = "nmmfit_output"
            case bestFit = "best_fit"
            case backgroundOnly = "background_only"
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output], force: output.force)
            let model = try data.model(physics: physics)
            let pl = try ProfileLikelihood(model: model)
            let bkg = try pl.conditionalFit(internal: 0)
            let freeParams = GoodnessOfFitTest.fittedParameters(model)
            func entry(_ f: FitResult, _ k: Int) -> Entry {
                let g = GoodnessOfFitTest(model: model, fit: f, fittedParameters: k)
                return Entry(chi2: g.chi2, ndof: g.ndof, pValue: g.pValue)
            }
            let out = Output(bestFit: entry(pl.best, freeParams), backgroundOnly: entry(bkg, freeParams - 1))
            try output.emit(out, provenance: try data.provenance(physics: physics)) {
                Format.table(["hypothesis", "χ²_BC", "ndof", "p-value"], [
                    ["best fit", Format.f(out.bestFit.chi2, 3), "\(out.bestFit.ndof)", Format.g(out.bestFit.pValue, 3)],
                    ["background only", Format.f(out.backgroundOnly.chi2, 3), "\(out.backgroundOnly.ndof)", Format.g(out.backgroundOnly.pValue, 3)],
                ])
            }
        }
    }
}
