import Foundation
import Testing
@testable import Detector
@testable import Formats

/// Bad dataset folders and specs are reported clearly: file, line and field (the dataset
/// loader's checks; the text readers' own checks are in FormatsTests' BadInputTests).
@Suite("Bad dataset input is reported clearly")
struct DatasetBadInputTests {
    /// Copies the XENON1T dataset to a temporary folder, lets `mutate` spoil it, loads it.
    static func loadMutated(_ mutate: (URL) throws -> Void) throws -> Dataset {
        let src = try DataLocator.dataDirectory().appendingPathComponent("xenon1t_sr1")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for f in ["dataset.json", "binned.csv", "efficiency.csv"] {
            try FileManager.default.copyItem(at: src.appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        defer { try? FileManager.default.removeItem(at: dir) }
        try mutate(dir)
        return try Dataset.load(directory: dir)
    }

    static func edit(_ dir: URL, _ file: String, _ change: (String) -> String) throws {
        let u = dir.appendingPathComponent(file)
        try change(try String(contentsOf: u, encoding: .utf8)).write(to: u, atomically: true, encoding: .utf8)
    }

    static func expectError(_ fragment: String, field: String? = nil, line: Int? = nil, _ mutate: (URL) throws -> Void) {
        do {
            _ = try loadMutated(mutate)
            Issue.record("no error (expected '\(fragment)')")
        } catch let e as InputError {
            #expect(e.description.contains(fragment), "\(e)")
            if let field { #expect(e.field == field, "\(e)") }
            if let line { #expect(e.line == line, "\(e)") }
            #expect(e.file != nil || e.field != nil)
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("negative observed counts") func negativeCounts() {
        Self.expectError("negative", field: "observed_counts", line: 10) { try Self.edit($0, "binned.csv") { $0.replacingOccurrences(of: "1,2,26,", with: "1,2,-26,") } }
    }

    @Test("non-integer observed counts") func nonInteger() {
        Self.expectError("whole number", field: "observed_counts") { try Self.edit($0, "binned.csv") { $0.replacingOccurrences(of: "1,2,26,", with: "1,2,26.5,") } }
    }

    @Test("overlapping bins") func overlapping() {
        Self.expectError("overlaps", field: "E_lo_keV") { try Self.edit($0, "binned.csv") { $0.replacingOccurrences(of: "\n2,3,61,", with: "\n1.5,3,61,") } }
    }

    @Test("a gap between bins") func gapped() {
        Self.expectError("gap", field: "E_lo_keV") { try Self.edit($0, "binned.csv") { $0.replacingOccurrences(of: "\n2,3,61,", with: "\n2.5,3,61,") } }
    }

    @Test("unsorted efficiency table") func unsortedEfficiency() {
        Self.expectError("strictly increasing", field: "energy_keV") {
            try Self.edit($0, "efficiency.csv") { $0.replacingOccurrences(of: "\n0.21021021021021022,", with: "\n-1.0,") }
        }
    }

    @Test("zero exposure") func zeroExposure() {
        Self.expectError("exposure must be positive", field: "exposure_tonne_year") {
            try Self.edit($0, "dataset.json") { $0.replacingOccurrences(of: "0.647309514", with: "0") }
        }
    }

    @Test("unknown key, reported with its path") func unknownKey() {
        Self.expectError("unknown key", field: "efficiency.relativ_constraint") {
            try Self.edit($0, "dataset.json") { $0.replacingOccurrences(of: "\"relative_constraint\"", with: "\"relativ_constraint\"") }
        }
    }

    @Test("wrong type, reported with its path") func wrongType() {
        Self.expectError("wrong type (expected a number)", field: "exposure_tonne_year") {
            try Self.edit($0, "dataset.json") { $0.replacingOccurrences(of: "0.647309514", with: "\"big\"") }
        }
    }

    @Test("a wrong type is named in a JSON file's words, not Swift's") func typeWords() {
        #expect(SpecDecoding.expected([Double].self) == "an array, e.g. [1, 20]")
        #expect(SpecDecoding.expected([String: Double].self).hasPrefix("an object"))
        #expect(SpecDecoding.expected(Int.self) == "an integer" && SpecDecoding.expected(Bool.self) == "true or false")
        Self.expectError("wrong type (expected an array, e.g. [1, 20])", field: "default_window_keV") {
            try Self.edit($0, "dataset.json") { $0.replacingOccurrences(of: "\"default_window_keV\": [\n    1,\n    7\n  ]", with: "\"default_window_keV\": 1") }
        }
    }

    @Test("a spec version this build does not know") func unknownVersion() {
        Self.expectError("not supported", field: "nmmfit_dataset") {
            try Self.edit($0, "dataset.json") { $0.replacingOccurrences(of: "\"nmmfit_dataset\": 1", with: "\"nmmfit_dataset\": 7") }
        }
    }

    @Test("malformed JSON") func malformedJSON() {
        Self.expectError("malformed JSON") { try Self.edit($0, "dataset.json") { String($0.dropLast(5)) } }
    }

    @Test("a missing data file") func missingFile() {
        Self.expectError("no such file") { try FileManager.default.removeItem(at: $0.appendingPathComponent("binned.csv")) }
    }

    @Test("a window outside the efficiency table, an unknown dataset") func windowAndName() throws {
        let ds = try DataLocator.dataset(named: "xenon1t_sr1")
        #expect(throws: InputError.self) { _ = try ds.binned(window: 1...300) }
        do { _ = try DataLocator.dataset(named: "xenon2t"); Issue.record("no error") } catch let e as InputError {
            #expect(e.description.contains("unknown dataset 'xenon2t'") && e.description.contains("xenon1t_sr1"))
        }
    }

    /// Regression: found by Fuzz/FuzzDatasetSpec (a flow mapping with a sequence as a key made
    /// Yams force-unwrap nil and abort the process).
    @Test("YAML with a non-string mapping key is an error, not a crash",
          arguments: ["{\"default_window_keV\" :1,[ 30], \"name\": \"x\"}", "{[1, 2]: 3}", "? [a]\n: b\n"])
    func yamlNonStringKey(text: String) {
        #expect(throws: InputError.self) { _ = try DatasetSpec.decode(Data(text.utf8), file: "crash.yaml", yaml: true) }
    }

    @Test("deeply nested YAML and JSON are rejected, not a stack overflow")
    func deepNesting() {
        let deep = String(repeating: "[", count: 5000) + String(repeating: "]", count: 5000)
        #expect(throws: InputError.self) { _ = try DatasetSpec.decode(Data(deep.utf8), file: "deep.yaml", yaml: true) }
        #expect(throws: InputError.self) { _ = try DatasetSpec.decode(Data(deep.utf8), file: "deep.json", yaml: false) }
    }

    @Test("YAML specs are read with the same rules") func yamlSpec() throws {
        let ds = try Self.loadMutated { dir in
            let json = try Data(contentsOf: dir.appendingPathComponent("dataset.json"))
            let obj = try JSONSerialization.jsonObject(with: json) as! [String: Any]
            // a tiny YAML emitter is not needed: JSON is valid YAML 1.2
            try FileManager.default.removeItem(at: dir.appendingPathComponent("dataset.json"))
            try JSONSerialization.data(withJSONObject: obj).write(to: dir.appendingPathComponent("dataset.yaml"))
        }
        #expect(ds.spec.name == "xenon1t_sr1")
    }
}
