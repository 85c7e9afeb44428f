import Foundation
import Testing
@testable import Formats
@testable import Detector
@testable import Likelihood
@testable import Analysis

/// The run spec (model spec version 2 with its `analysis`): the per-dataset and compatibility
/// models a re-run derives from the saved model are the ones the builder assembles from the
/// datasets, and the spec survives its JSON round trip unchanged, so a re-run computes from
/// identical inputs.
@Suite("Run specs: derived models and the JSON round trip")
struct RunSpecTests {
    /// XENON1T SR1 (open ³H: freed by the default policy) with LZ WS2024 in its own window and
    /// one spec change, the efficiency shape nuisance on: every kind of parameter a combination has.
    static let config: AnalysisConfig = {
        let set = try! DatasetSpec.Override(parsing: "lz_ws2024.resolution.a=0.35")
        return AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"),
                                         .init(dataset: "lz_ws2024", emin: 2, emax: 15, overrides: [set])],
                              efficiencyShape: true)
    }()

    @Test("each channel alone and the separate-μν alternative equal the builder's models")
    func derivedModels() throws {
        let prepared = try Self.config.prepare()
        let spec = prepared.model.spec
        #expect(prepared.inputs.count == 2 && spec.parameters.contains { $0.name == ModelBuilder.atomicParameter })
        for (c, input) in prepared.inputs.enumerated() {
            let built = try prepared.builder.assemble([input])
            #expect(spec.channelOnly(c) == built, "channel \(c)")
        }
        let separate = try prepared.builder.assemble(prepared.inputs, separateMuNu: true)
        #expect(spec.separatingParameterOfInterest(name: ModelBuilder.separateMuNuParameter) == separate)
        #expect(separate.parameters.last?.name == ModelBuilder.separateMuNuParameter("lz_ws2024"))
    }

    @Test("the run spec's JSON reads back to the same model (bit for bit) and analysis")
    func roundTrip() throws {
        let prepared = try Self.config.prepare()
        let run = try Self.config.runSpec(prepared, cl: 0.95, method: .wilks, compatibilityToys: .fixed(50), seed: 11)
        let data = try run.jsonData()
        let back = try RunSpec.decode(data, file: "run.json", yaml: false)
        #expect(back.model == run.model)
        #expect(back.model.nmmfitModel == ModelSpec.currentVersion)
        let a = try #require(back.analysis)
        #expect(a.cl == 0.95 && a.intervalMethod == "wilks" && a.seed == 11 && a.compatibilityToys == .count(50))
        #expect(a.datasets.map(\.name) == ["xenon1t_sr1", "lz_ws2024"] && a.specOverrides == ["lz_ws2024.resolution.a=0.35"])
        #expect(a.digitisedDatasets == ["lz_ws2024"])
        #expect(a.combinationPolicy?.tritiumFreeDatasets == ["xenon1t_sr1"])
        #expect(try back.jsonData() == data)
    }

    @Test("a bad analysis section is refused with the key path")
    func badAnalysis() throws {
        let prepared = try AnalysisConfig().prepare()
        let run = try AnalysisConfig().runSpec(prepared, cl: 0.9, method: .unified, compatibilityToys: .adaptive, seed: 1)
        let good = try #require(try JSONSerialization.jsonObject(with: try run.jsonData()) as? [String: Any])
        let cases: [(String, Any, String)] = [
            ("cl", 1.5, "analysis.cl"),
            ("interval_method", "feldman-cousins", "analysis.interval_method"),
            ("datasets", [["name": "lz_ws2024", "provenance": "official"]], "analysis.datasets"),
            ("seed", 3, "analysis.seed"),
            ("extra", 1, "analysis.extra"),
        ]
        for (key, value, field) in cases {
            var object = good
            var analysis = try #require(object["analysis"] as? [String: Any])
            analysis[key] = value
            object["analysis"] = analysis
            let bytes = try JSONSerialization.data(withJSONObject: object)
            #expect(throws: InputError.self) { try RunSpec.decode(bytes, file: "s.json", yaml: false) }
            do { _ = try RunSpec.decode(bytes, file: "s.json", yaml: false) } catch let e as InputError {
                #expect(e.field == field, "\(key): \(e)")
            }
        }
        // a version this build does not know: one line naming nmmfit_model
        var object = good
        object["nmmfit_model"] = 3
        do {
            _ = try RunSpec.decode(try JSONSerialization.data(withJSONObject: object), file: "s.json", yaml: false)
            Issue.record("version 3 was read")
        } catch let e as InputError {
            #expect(e.field == "nmmfit_model" && e.message.contains("supported: [1, 2]"), "\(e)")
        }
    }
}
