import Foundation
import Testing
import TestSupport
@testable import Detector
@testable import Formats

/// The dataset folder rules: one spec per folder, and dataset names that cannot forge a
/// message line or a path (the reading budget itself is in FormatsTests' ReadingBudgetTests).
@Suite("Dataset folders and names")
struct DatasetNameRuleTests {
    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return ""
    }

    @Test("a folder with two dataset specs is refused, naming both")
    func twoSpecsInOneFolder() throws {
        let dir = try TemporaryFolder.make(prefix: "nmmfit-budget")
        defer { try? FileManager.default.removeItem(at: dir) }
        try "{}".write(to: dir.appendingPathComponent("dataset.json"), atomically: true, encoding: .utf8)
        try "{}".write(to: dir.appendingPathComponent("dataset.yaml"), atomically: true, encoding: .utf8)
        let m = Self.message { _ = try Dataset.specFile(in: dir) }
        #expect(m.contains("dataset.json and dataset.yaml"), "\(m)")
    }

    @Test("dataset names: control characters, 'all' and dots refused; the shipped names accepted")
    func datasetNames() throws {
        for bad in ["a\nb", "a\u{1B}[31m", "all", ".hidden", "a b", "a/b", ""] {
            #expect(DataLocator.nameProblem(bad) != nil, "\(bad.debugDescription)")
        }
        for name in DataLocator.available(in: try DataLocator.dataDirectory()) { #expect(DataLocator.nameProblem(name) == nil) }
        let m = Self.message { _ = try DataLocator.specFile(named: "x\ny") }
        #expect(m.contains("not a dataset name") && !m.contains("\n"), "\(m)")
    }
}
