import Formats
import Foundation

/// The result of `nmmfit spectrum --format json`: the physics choices and the rows.
public struct SpectrumReport: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var units = SpectrumReport.rateUnit
    public var energy = "T_keV: true recoil energy in keV (before detector resolution)"
    public var muNuMuB: Double
    public var atomic: String
    public var solarModel: String
    public var sources: [String]
    public var rows: [SpectrumRow]?

    /// The unit of every rate column.
    public static let rateUnit = "events/(tonne·year·keV)"

    public init(muNuMuB: Double, atomic: String, solarModel: String, sources: [String], rows: [SpectrumRow]? = nil) {
        self.muNuMuB = muNuMuB
        self.atomic = atomic
        self.solarModel = solarModel
        self.sources = sources
        self.rows = rows
    }
    enum CodingKeys: String, CodingKey {
        case units, energy, atomic, sources, rows
        case nmmfitOutput = "nmmfit_output"
        case muNuMuB = "mu_nu_muB"
        case solarModel = "solar_model"
    }
}
