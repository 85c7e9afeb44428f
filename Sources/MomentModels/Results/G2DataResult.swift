import Formats
import Foundation

/// The measured Δa_μ values the g−2 commands can select, with their sources (`nmmfit model g2-data`).
public struct G2DataResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var measurements: [MuonAnomalyMeasurement]
    enum CodingKeys: String, CodingKey { case nmmfitOutput = "nmmfit_output", measurements }

    public init(measurements: [MuonAnomalyMeasurement] = MuonAnomalyMeasurement.all) {
        self.measurements = measurements
    }

    public var text: String {
        TextFormat.table(["id", "Δa_μ [1e-11]", "σ [1e-11]", "comparison", "source"], measurements.map {
            [$0.id + ($0.id == MuonAnomalyMeasurement.defaultMeasurement.id ? " (default)" : ""),
             $0.deltaAMu1e11.map { TextFormat.g($0, 4) } ?? "unavailable", $0.sigma1e11.map { TextFormat.g($0, 3) } ?? "—", $0.label, $0.source]
        }) + "\n" + measurements.map { "\($0.id): read from \"\($0.quote)\"" }.joined(separator: "\n") + "\n"
    }
}
