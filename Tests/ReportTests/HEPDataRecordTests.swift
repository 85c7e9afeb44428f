import Foundation
import Testing
import TestSupport
@testable import Formats
@testable import Likelihood
@testable import Analysis
@testable import Report

/// The HEPData export: the tables carry the fit's numbers (read back with nmmfit's own HEPData
/// reader), HEPData's validator accepts the folder, and a non-finite number writes nothing.
@Suite("HEPData export")
struct HEPDataRecordTests {
    /// The default XENON1T SR1 fit with its expected limit and a 21-point scan.
    static let fitted: (report: FitReport, scan: [ProfileLikelihood.ScanPoint]) = {
        let model = try! AnalysisConfig().buildModel().model
        let pl = try! ProfileLikelihood(model: model)
        var r = try! FitReport.make(profile: pl)
        r.expectedLimit = try! Sensitivity.run(model: model, cl: r.cl, method: .unified, toys: 0).asimovMedian
        let scan = try! pl.scan((0...20).map { 2.2 * r.interval[1] * Double($0) / 20 })
        return (r, scan)
    }()

    static func export() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-hepdata-\(UUID().uuidString)")
        let s = HEPDataRecord.submission(report: fitted.report, scans: [.init(label: "XENON1T SR1", points: fitted.scan)], command: "test")
        try s.write(to: dir.path)
        return dir
    }

    /// A run's provenance as the command-line tool passes it (a command with a quote and a line break).
    static let provenance = RunProvenance(toolVersion: "0.1.0", commit: "0123abc", command: "nmmfit export --format hepdata -o 'a\nb'",
                                          dataDigests: ["xenon1t_sr1/binned.csv": String(repeating: "ab", count: 32)], seed: 7,
                                          specOverrides: ["xenon1t_sr1.exposure_tonne_year=0.65"], digitisedDatasets: [])

    /// The submission as `nmmfit export --format hepdata` writes it: with the run's provenance.
    static func exportWithProvenance() throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-hepdata-\(UUID().uuidString)")
        let s = try HEPDataRecord.submission(report: fitted.report, scans: [.init(label: "XENON1T SR1", points: fitted.scan)], provenance: provenance)
        try s.write(to: dir.path)
        return dir
    }

    @Test("with a provenance: provenance.json (its keys as in every JSON output) is written and listed as the record's resource; the comment names every field, one per line")
    func provenanceInTheSubmission() throws {
        let dir = try Self.exportWithProvenance()
        defer { try? FileManager.default.removeItem(at: dir) }
        let names = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(names == ["submission.yaml", "limits.yaml", "scan.yaml", "spectrum_1_xenon1t_sr1.yaml", "provenance.json"])
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent("provenance.json"))) as? [String: Any])
        #expect(json["command"] as? String == Self.provenance.command && json["seed"] as? Int == 7 && json["nmmfit_output"] as? Int == 3)
        #expect(json["data_digests"] as? [String: String] == Self.provenance.dataDigests)
        #expect(json["tables"] as? [String] == ["limits.yaml", "scan.yaml", "spectrum_1_xenon1t_sr1.yaml"])
        let yaml = try String(contentsOf: dir.appendingPathComponent("submission.yaml"), encoding: .utf8)
        #expect(yaml.contains("additional_resources:\n- location: provenance.json\n"), "\(yaml)")
        // the comment as a literal block: one field per line, the line break of the command written as \u{a}
        for line in ["  tool_version: 0.1.0\n", "  commit: 0123abc\n", "  command: nmmfit export --format hepdata -o 'a\\u{a}b'\n",
                     "  data_digests: \(String(repeating: "ab", count: 32))  xenon1t_sr1/binned.csv\n", "  seed: 7\n",
                     "  spec_overrides: xenon1t_sr1.exposure_tonne_year=0.65\n", "  digitised_datasets: none\n"] {
            #expect(yaml.contains(line), "\(line)")
        }
    }

    @Test("a resource that would overwrite a table, or names a folder, is refused")
    func resourceNames() throws {
        let t = HEPDataSubmission.Table(name: "t", description: "d", keywords: [], dataFile: "t.yaml",
                                        independent: [.init(.init("x"), .points([1]))], dependent: [.init(.init("y"), values: [2])])
        for location in ["t.yaml", "a/b.json", "submission.yaml", ""] {
            let s = HEPDataSubmission(comment: "c", tables: [t], resources: [.init(location: location, description: "d", text: "{}")])
            #expect(throws: InputError.self, "\(location)") { try s.files() }
        }
    }

    /// Whether `python3` can import the validator (`pip install hepdata-validator`).
    static let validatorAvailable = Python3.imports("hepdata_validator")

    static func python(_ args: [String]) throws -> (status: Int32, output: String) { try Python3.run(args) }

    @Test("the tables hold the fit's limits, scan and spectrum (read back with the HEPData reader)")
    func tablesHoldTheFit() throws {
        let dir = try Self.export()
        defer { try? FileManager.default.removeItem(at: dir) }
        let r = Self.fitted.report
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["limits.yaml", "scan.yaml", "spectrum_1_xenon1t_sr1.yaml", "submission.yaml"])

        // the limits table is labelled by dataset (text), which the dataset reader refuses: walk the YAML tree
        let text = try String(contentsOf: dir.appendingPathComponent("limits.yaml"), encoding: .utf8)
        let tree = try #require(try SpecDecoding.composeYAML(text, file: "limits.yaml")?.tree as? [String: Any])
        let columns = try #require(tree["dependent_variables"] as? [[String: Any]])
        func column(_ name: String) throws -> [[String: Any]] {
            let c = try #require(columns.first { ($0["header"] as? [String: Any])?["name"] as? String == name })
            return try #require(c["values"] as? [[String: Any]])
        }
        func number(_ v: Any?) -> Double { (v as? Double) ?? (v as? Int).map(Double.init) ?? (v as? String).flatMap(Double.init) ?? .nan }
        let upper = number(try column("$\\mu_\\nu$ interval, upper end (observed)")[0]["value"])
        #expect(abs(upper * 1e-11 - r.interval[1]) / r.interval[1] < 1e-5)
        let expected = number(try column("$\\mu_\\nu$ upper limit (expected, median)")[0]["value"])
        #expect(abs(expected * 1e-11 - r.expectedLimit!) / r.expectedLimit! < 1e-5)
        let best = try column("$\\mu_\\nu$ best fit")[0]
        #expect(abs(number(best["value"]) * 1e-11 - r.muNuBest) / r.muNuBest < 1e-5)
        let asym = try #require(((best["errors"] as? [[String: Any]])?.first)?["asymerror"] as? [String: Any])
        #expect(abs(number(asym["plus"]) * 1e-11 - r.muNuErrorHigh) / r.muNuErrorHigh < 1e-5)
        #expect(abs(-number(asym["minus"]) * 1e-11 - r.muNuErrorLow) / r.muNuErrorLow < 1e-5)

        let scan = try HEPDataTable(contentsOf: dir.appendingPathComponent("scan.yaml"))
        #expect(scan.count == 21)
        let t = try scan.column("$-2\\Delta\\ln L$")
        for (a, b) in zip(t, Self.fitted.scan.map(\.deltaTwoNLL)) { #expect(abs(a - b) <= 1e-5 * max(1, abs(b))) }

        let spectrum = try HEPDataTable(contentsOf: dir.appendingPathComponent("spectrum_1_xenon1t_sr1.yaml"))
        let ch = r.channels[0]
        #expect(try spectrum.binEdgesKeV() == ch.binEdgesKeV)
        #expect(try spectrum.column("Observed events") == ch.observed)
        let total = try spectrum.column("Fitted total")
        for (a, b) in zip(total, ch.totalBestFit) { #expect(abs(a - b) <= 1e-5 * b) }
        // the fitted components add up to the fitted total
        let parts = try ch.bestFit.keys.map { try spectrum.column("Fitted \($0)") }
        for i in total.indices { #expect(abs(parts.reduce(0) { $0 + $1[i] } - total[i]) <= 1e-4 * total[i]) }
    }

    @Test("HEPData's own validator (hepdata-validator) accepts the submission",
          .enabled(if: validatorAvailable, "needs the Python package hepdata-validator (pip install hepdata-validator; make test installs it)"))
    func validatorAccepts() throws {
        for dir in [try Self.export(), try Self.exportWithProvenance()] {
            try Self.validate(dir)
        }
    }

    static func validate(_ dir: URL) throws {
        defer { try? FileManager.default.removeItem(at: dir) }
        let script = """
        import sys
        from hepdata_validator.full_submission_validator import FullSubmissionValidator
        v = FullSubmissionValidator()
        ok = v.validate(directory=sys.argv[1])
        for f, msgs in v.get_messages().items():
            for m in msgs: print(f, m.message)
        sys.exit(0 if ok else 1)
        """
        let r = try Self.python(["-c", script, dir.path])
        #expect(r.status == 0, "hepdata-validator rejected the submission:\n\(r.output)")
    }

    @Test("a non-finite number is refused with the table and field named, and nothing is written")
    func nonFiniteRefused() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-hepdata-\(UUID().uuidString)")
        let t = HEPDataSubmission.Table(name: "t", description: "d", keywords: [], dataFile: "t.yaml",
                                        independent: [.init(.init("x"), .points([1, 2]))],
                                        dependent: [.init(.init("y"), values: [1, .nan])])
        #expect {
            try HEPDataSubmission(comment: "c", tables: [t]).write(to: dir.path)
        } throws: { e in
            "\(e)".contains("t.yaml") && "\(e)".contains("dependent_variables[0].values[1].value")
        }
        #expect(!FileManager.default.fileExists(atPath: dir.path))
    }

    @Test("numbers are YAML 1.1 floats (a decimal point, a signed exponent)")
    func yamlNumbers() {
        #expect(HEPDataSubmission.yamlNumber(26) == "26.0")
        #expect(HEPDataSubmission.yamlNumber(1e20) == "1.0e+20")
        #expect(HEPDataSubmission.yamlNumber(2.404e-11) == "2.404e-11")
        #expect(HEPDataSubmission.yamlNumber(-0.5) == "-0.5")
    }
}
