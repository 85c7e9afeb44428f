import Foundation
import Testing
import TestSupport

/// The files written beside the results — each figure's data (`NAME.data.json`, `NAME.data.csv`)
/// and a HEPData submission — say which build, command line, data files, seed and spec changes
/// made them, with the same values as the command's `--json` output.
@Suite("Provenance in figure data files and HEPData submissions", .serialized)
struct FigureProvenanceCLITests {
    static let provenanceKeys = ["tool_version", "commit", "command", "data_digests", "seed", "spec_overrides", "digitised_datasets"]

    static func object(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    static func run(_ args: [String]) throws -> [String: Any] {
        let r = try CLITests.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    /// The provenance keys of a JSON object, as JSON text (sorted), for comparison.
    static func provenance(_ o: [String: Any]) throws -> String {
        let p = o.filter { Self.provenanceKeys.contains($0.key) }
        return String(decoding: try JSONSerialization.data(withJSONObject: p, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self)
    }

    /// The `# name: value` lines of a CSV's comment block, and the rest of the file.
    static func commentBlock(_ url: URL) throws -> (fields: [(String, String)], table: [Substring]) {
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
        let comments = lines.prefix { $0.hasPrefix("#") }
        let fields = comments.dropFirst().map { line -> (String, String) in
            let body = line.dropFirst(2), colon = body.firstIndex(of: ":")!
            return (String(body[..<colon]), String(body[body.index(colon, offsetBy: 2)...]))
        }
        return (fields, Array(lines.dropFirst(comments.count)))
    }

    @Test("fit --plot: each figure's .data.json has the --json output's provenance (spec changes included), its .data.csv the same as '#' lines")
    func fitFigures() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let json = try Self.run(["fit", "--plot", tmp.path, "--json", "--set", "xenon1t_sr1.exposure_tonne_year=0.65"])
        let expected = try Self.provenance(json)
        #expect(expected.contains("xenon1t_sr1/binned.csv") && expected.contains("exposure_tonne_year=0.65"))
        for name in ["spectrum_xenon1t_sr1", "profile_scan", "limits_comparison"] {
            let data = try Self.object(tmp.appendingPathComponent("\(name).data.json"))
            #expect(try Self.provenance(data) == expected, "\(name)")
            #expect(data["nmmfit_figure"] as? Int == 1 && data["nmmfit_output"] == nil)
            let (fields, table) = try Self.commentBlock(tmp.appendingPathComponent("\(name).data.csv"))
            #expect(table.first?.hasPrefix("panel,element,kind,label,component,") == true, "\(name): \(table.first ?? "")")
            func values(_ key: String) -> [String] { fields.filter { $0.0 == key }.map(\.1) }
            #expect(values("tool_version") == [json["tool_version"] as? String] && values("commit") == [json["commit"] as? String])
            #expect(values("command") == [json["command"] as? String])
            let digests = try #require(json["data_digests"] as? [String: String])
            // as sha256sum prints them: HEX, two spaces, the path
            #expect(Set(values("data_digests")) == Set(digests.map { "\($0.value)  \($0.key)" }))
            #expect(values("spec_overrides") == ["xenon1t_sr1.exposure_tonne_year=0.65"])
        }
        // the limits figure reads the published-limits table: its digest is in the figure's provenance too
        #expect(expected.contains("limits/mu_nu_limits.csv"))
    }

    @Test("pandas reads each figure's .data.csv with comment='#', every row of the table and no comment",
          .enabled(if: Self.pandasAvailable, "needs python3 with pandas (make test installs it)"))
    func pandasReadsTheCSV() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try CLITests.run(["scan", "--points", "5", "--plot", tmp.appendingPathComponent("scan.svg").path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let csv = tmp.appendingPathComponent("scan.data.csv")
        let table = try Self.commentBlock(csv).table.filter { !$0.isEmpty }
        let script = """
        import sys, pandas as pd
        df = pd.read_csv(sys.argv[1], comment="#")
        print(len(df), list(df.columns)[:5], df["kind"].isna().sum())
        """
        let out = try Self.python(["-c", script, csv.path])
        #expect(out.status == 0, "\(out.output)")
        #expect(out.output.trimmingCharacters(in: .whitespacesAndNewlines) == "\(table.count - 1) ['panel', 'element', 'kind', 'label', 'component'] 0", "\(out.output)")
    }

    @Test("sensitivity --plot: the toys' seed is in the figure's data; model joint --svg: the --fit file's digest")
    func seedAndFiles() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let json = try Self.run(["sensitivity", "--toys", "8", "--seed", "11", "--plot", tmp.appendingPathComponent("s.svg").path, "--json"])
        let data = try Self.object(tmp.appendingPathComponent("s.data.json"))
        #expect(data["seed"] as? Int == 11 && json["seed"] as? Int == 11)
        #expect(try Self.provenance(data) == (try Self.provenance(json)))
        #expect(try Self.commentBlock(tmp.appendingPathComponent("s.data.csv")).fields.contains { $0 == ("seed", "11") })
        // a joint view from a saved element fit: the fit file is read, so it is digested
        let fit = tmp.appendingPathComponent("fit.json")
        let element = try CLITests.run(["fit", "--dataset", "xenonnt_sr0", "--moments", PackageRoot.path("data/models/su2h_e_mu_majorana.json"),
                                        "--element", "e-mu", "--json", "-o", fit.path, "-q"])
        #expect(element.status == 0, "\(element.stderr)")
        let joint = try Self.run(["model", "joint", "--fit", fit.path, "--steps", "5", "--svg", tmp.appendingPathComponent("j.svg").path, "--json"])
        let digests = try #require(joint["data_digests"] as? [String: String])
        #expect(digests[fit.path] == (try SHA256Sum.of(fit)))
        #expect(try Self.provenance(try Self.object(tmp.appendingPathComponent("j.data.json"))) == (try Self.provenance(joint)))
    }

    @Test("export --format hepdata: submission.yaml's comment and provenance.json (an additional resource) carry the run's provenance; HEPData's validator accepts the folder",
          .enabled(if: Self.validatorAvailable, "needs the Python package hepdata-validator (make test installs it)"))
    func hepdataProvenance() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let dir = tmp.appendingPathComponent("sub")
        let r = try CLITests.run(["export", "--format", "hepdata", "-o", dir.path, "--scan-points", "5", "--set", "xenon1t_sr1.exposure_tonne_year=0.65", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let p = try Self.object(dir.appendingPathComponent("provenance.json"))
        #expect(p["command"] as? String == "nmmfit export --format hepdata -o \(dir.path) --scan-points 5 --set xenon1t_sr1.exposure_tonne_year=0.65 -q")
        #expect(p["tables"] as? [String] == ["limits.yaml", "scan.yaml", "spectrum_1_xenon1t_sr1.yaml"])
        let fit = try Self.run(["fit", "--json", "--set", "xenon1t_sr1.exposure_tonne_year=0.65"])
        let digests = try #require(p["data_digests"] as? [String: String])
        #expect(digests == fit["data_digests"] as? [String: String] && p["spec_overrides"] as? [String] == ["xenon1t_sr1.exposure_tonne_year=0.65"])
        let script = """
        import sys, yaml
        from hepdata_validator.full_submission_validator import FullSubmissionValidator
        v = FullSubmissionValidator()
        ok = v.validate(directory=sys.argv[1])
        for f, msgs in v.get_messages().items():
            for m in msgs: print(f, m.message)
        first = next(yaml.safe_load_all(open(sys.argv[1] + "/submission.yaml")))
        print(first["additional_resources"][0]["location"])
        print(first["comment"])
        sys.exit(0 if ok else 1)
        """
        let out = try Self.python(["-c", script, dir.path])
        #expect(out.status == 0, "hepdata-validator rejected the submission:\n\(out.output)")
        let lines = out.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "provenance.json", "\(out.output)")
        for (path, hex) in digests { #expect(lines.contains("data_digests: \(hex)  \(path)"), "\(path)") }
        #expect(lines.contains("commit: \(p["commit"] as? String ?? "?")") && lines.contains("spec_overrides: xenon1t_sr1.exposure_tonne_year=0.65"))
    }

    static let pandasAvailable = Python3.imports("pandas")
    static let validatorAvailable = Python3.imports("hepdata_validator", "yaml")
    static func python(_ args: [String]) throws -> (status: Int32, output: String) { try Python3.run(args) }
}
