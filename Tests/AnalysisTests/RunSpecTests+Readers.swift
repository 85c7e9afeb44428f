import Foundation
import Testing
@testable import Formats
@testable import Likelihood
@testable import Recoil
@testable import Analysis

/// The one rule every reader of a saved spec applies (``SavedAnalysis/settings(_:cl:method:clOption:methodOption:)``):
/// the saved CL and interval method apply unless given, a given one wins and a note says so;
/// every reader validates the saved analysis; the spec of a moment-element fit carries its
/// atomic-binding table.
@Suite("Run specs: every reader applies the saved analysis")
struct RunSpecReaderTests {
    static func folder() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("runspec-readers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func saved(cl: Double, method: AsymptoticInterval.Method) -> SavedAnalysis {
        SavedAnalysis(cl: cl, intervalMethod: method, datasets: [.init(name: "xenon1t_sr1", provenance: "official")])
    }

    @Test("without a saved analysis: the defaults, no notes")
    func defaults() throws {
        let s = try SavedAnalysis.settings(nil, cl: nil, method: nil)
        #expect(s.cl == 0.9 && s.method == .asymptoticUnified && s.asymptoticMethod == .unified && s.notes.isEmpty)
        let given = try SavedAnalysis.settings(nil, cl: 0.95, method: .wilks)
        #expect(given.cl == 0.95 && given.method == .wilks && given.notes.isEmpty)
    }

    @Test("the saved CL and method apply when none is given")
    func savedApplies() throws {
        let s = try SavedAnalysis.settings(Self.saved(cl: 0.95, method: .wilks), cl: nil, method: nil)
        #expect(s.cl == 0.95 && s.method == .wilks && s.asymptoticMethod == .wilks && s.notes.isEmpty)
    }

    @Test("a given choice wins; a note names the option, the given and the saved value (none when they agree)")
    func givenWins() throws {
        let saved = Self.saved(cl: 0.95, method: .unified)
        let s = try SavedAnalysis.settings(saved, cl: 0.9, method: .feldmanCousins, clOption: "--cl", methodOption: "--method")
        #expect(s.cl == 0.9 && s.method == .feldmanCousins && s.asymptoticMethod == .unified)
        #expect(s.notes == ["--cl 0.9 replaces the confidence level 0.95 saved in the spec",
                            "--method feldman-cousins replaces the interval method asymptotic-unified saved in the spec"])
        let same = try SavedAnalysis.settings(saved, cl: 0.95, asymptoticMethod: .unified)
        #expect(same.cl == 0.95 && same.notes.isEmpty)
        let key = try SavedAnalysis.settings(saved, cl: 0.99, method: nil, clOption: "cl")
        #expect(key.notes == ["cl 0.99 replaces the confidence level 0.95 saved in the spec"])
    }

    @Test("RunSpec.analyse uses the same rule: the saved CL unless one is given")
    func analyseFollowsTheRule() throws {
        let config = AnalysisConfig()
        let prepared = try config.prepare()
        let run = try config.runSpec(prepared, cl: 0.95, method: .wilks, compatibilityToys: .adaptive, seed: 1)
        let a = try run.analyse()
        #expect(a.report.cl == 0.95 && a.report.intervalMethod == "wilks")
        let b = try run.analyse(cl: 0.9)
        #expect(b.report.cl == 0.9 && b.report.intervalMethod == "wilks" && b.runSpec.analysis?.cl == 0.9)
    }

    @Test("every reader of a spec file (DataChoice) validates its analysis, and reads the saved one")
    func readersValidate() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = AnalysisConfig()
        let run = try config.runSpec(try config.prepare(), cl: 0.95, method: .unified, compatibilityToys: .adaptive, seed: 1)
        let good = dir.appendingPathComponent("good.json")
        try run.jsonData().write(to: good)
        let choice = DataChoice(spec: good.path)
        #expect(try choice.savedAnalysis()?.cl == 0.95)
        #expect(try choice.model(recoil: RecoilModel()).spec == run.model)
        var object = try #require(try JSONSerialization.jsonObject(with: try run.jsonData()) as? [String: Any])
        var analysis = try #require(object["analysis"] as? [String: Any])
        analysis["cl"] = 1.5
        object["analysis"] = analysis
        let bad = dir.appendingPathComponent("bad.json")
        try JSONSerialization.data(withJSONObject: object).write(to: bad)
        do {
            _ = try DataChoice(spec: bad.path).model(recoil: RecoilModel())
            Issue.record("a spec with analysis.cl 1.5 was read")
        } catch let e as InputError {
            #expect(e.field == "analysis.cl", "\(e)")
        }
    }

    /// A table that differs from the built-in models (factor 0.5 below 5 keV, 1 above).
    static let table = "# test table\nT_keV,factor\n0,0.5\n5,0.5\n5.001,1\n100,1\n"

    @Test("the recoil options carry an atomic-binding table: its text, digest and format, read back to the same factors")
    func atomicTable() throws {
        let dir = try Self.folder()
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("binding.csv")
        try Data(Self.table.utf8).write(to: file)
        let model = try RecoilChoice(atomic: file.path).model()
        #expect(throws: InputError.self) { try SavedAnalysis.Physics(model) }
        let physics = try SavedAnalysis.Physics(model, atomicTableFile: file.path)
        #expect(physics.atomic == "table" && physics.atomicTable?.format == "csv")
        #expect(physics.atomicTable?.sha256 == SHA256.hex(Data(Self.table.utf8)) && physics.atomicTable?.content == Self.table)
        let back = try JSONDecoder().decode(SavedAnalysis.Physics.self, from: try JSONEncoder().encode(physics))
        let binding = try back.recoilModel(file: "s.json").binding
        for t in [0.5, 3.0, 5.0005, 7.0, 50.0] {
            #expect(binding.weakFactor(recoilKeV: t) == model.binding.weakFactor(recoilKeV: t))
            #expect(binding.magneticFactor(recoilKeV: t) == model.binding.magneticFactor(recoilKeV: t))
        }
        #expect(binding.weakFactor(recoilKeV: 3) == 0.5)
        // an edited table (its text no longer matches the digest) and a table without its content are refused
        var edited = back
        edited.atomicTable?.content = Self.table.replacingOccurrences(of: "0.5", with: "0.6")
        do { _ = try edited.recoilModel(file: "s.json"); Issue.record("an edited table was read") } catch let e as InputError {
            #expect(e.field == "analysis.moment_element.recoil.atomic_table.sha256", "\(e)")
        }
        var missing = back
        missing.atomicTable = nil
        do { _ = try missing.recoilModel(file: "s.json"); Issue.record("atomic table without its table was read") } catch let e as InputError {
            #expect(e.field == "analysis.moment_element.recoil.atomic_table", "\(e)")
        }
        // a built-in model carries no table
        let stepping = try SavedAnalysis.Physics(RecoilModel(), atomicTableFile: nil)
        #expect(stepping.atomic == "stepping" && stepping.atomicTable == nil)
    }
}
