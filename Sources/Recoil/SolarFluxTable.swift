import Formats
import Foundation

/// The solar-ν fluxes the recoil spectrum uses, per solar model and source, with their 1σ
/// relative uncertainties and how each was checked (`nmmfit model solar-fluxes`).
public struct SolarFluxTable: Codable, Sendable {
    public struct Row: Codable, Sendable {
        public var source: String
        public var solarModel: String
        /// Flux (cm⁻² s⁻¹).
        public var fluxPerCm2PerS: Double
        public var relativeUncertainty: Double
        public var check: String
        enum CodingKeys: String, CodingKey {
            case source, check
            case solarModel = "solar_model", fluxPerCm2PerS = "flux_per_cm2_per_s", relativeUncertainty = "relative_uncertainty"
        }
    }

    public var nmmfitOutput = OutputVersion.current
    public var rows: [Row]
    enum CodingKeys: String, CodingKey { case nmmfitOutput = "nmmfit_output", rows }

    /// Every source of every solar model.
    public init() {
        rows = SolarModel.allCases.flatMap { m in
            SolarSource.allCases.map { s in
                Row(source: s.rawValue, solarModel: m.rawValue, fluxPerCm2PerS: s.flux(m), relativeUncertainty: s.relativeFluxUncertainty(m), check: s.fluxCheck(m))
            }
        }
    }

    public var text: String {
        TextFormat.table(["source", "model", "flux [cm⁻² s⁻¹]", "rel. 1σ", "checked against"], rows.map {
            [$0.source, $0.solarModel, TextFormat.g($0.fluxPerCm2PerS, 3), TextFormat.f($0.relativeUncertainty, 3), $0.check]
        }) + "\n"
    }
}
