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

        struct Row: Codable {
            var source: String
            var solarModel: String
            var fluxPerCm2PerS: Double
            var relativeUncertainty: Double
            var check: String
            enum CodingKeys: String, CodingKey {
                case source, check
                case solarModel = "solar_model", fluxPerCm2PerS = "flux_per_cm2_per_s", relativeUncertainty = "relative_uncertainty"
            }
        }

        struct Output: Codable {
            var nmmfitOutput = OutputVersion.current
            var rows: [Row]
            enum CodingKeys: String, CodingKey { case nmmfitOutput = "nmmfit_output", rows }
        }

        func run() throws {
            try CLIErrors.run {
                let rows = SolarModel.allCases.flatMap { m in
                    SolarSource.allCases.map { s in
                        Row(source: s.rawValue, solarModel: m.rawValue, fluxPerCm2PerS: s.flux(m), relativeUncertainty: s.relativeFluxUncertainty(m), check: s.fluxCheck(m))
                    }
                }
                try output.emit(Output(rows: rows)) {
                    Format.table(["source", "model", "flux [cm⁻² s⁻¹]", "rel. 1σ", "checked against"], rows.map {
                        [$0.source, $0.solarModel, Format.g($0.fluxPerCm2PerS, 3), Format.f($0.relativeUncertainty, 3), $0.check]
                    }) + "\n"
                }
            }
        }
    }
}
