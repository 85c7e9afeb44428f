import ArgumentParser
import Formats
import Foundation
import Recoil

// MARK: - solar-fluxes

extension ModelCommand {
    struct SolarFluxes: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "solar-fluxes",
            abstract: "The solar-ν fluxes the recoil spectrum uses (B16-GS98, B16-AGSS09met), with how each was checked.",
            discussion: "Vinyoles et al., ApJ 835 (2017) 202, Table 6; the check status is recorded in data/README.md.")
        @OptionGroup var output: OutputOptions

        typealias Row = SolarFluxTable.Row
        typealias Output = SolarFluxTable

        func run() throws {
            try CLIErrors.run {
                let out = SolarFluxTable()
                try output.emit(out) { out.text }
            }
        }
    }
}
