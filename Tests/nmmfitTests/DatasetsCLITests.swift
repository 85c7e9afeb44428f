import Foundation
import Testing
import TestSupport

/// `nmmfit datasets`, `--dataset all`, `--window`, `--set` and the digitised-data flag on the
/// command line (issue #12).
@Suite("Datasets on the command line")
struct DatasetsCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func json(_ r: CLITests.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("datasets lists every shipped dataset with its provenance; show prints the assumptions")
    func listAndShow() throws {
        let r = try SharedRuns.shared.run(["datasets", "--json"])
        #expect(r.status == 0)
        let list = try #require(try Self.json(r)["datasets"] as? [[String: Any]])
        let prov = Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0["provenance"] as! String) })
        #expect(prov == ["xenon1t_sr1": "official", "xenonnt_sr0": "official", "lz_ws2022": "digitised",
                         "lz_ws2024": "digitised", "pandax4t_run1": "digitised"])
        let text = try CLITests.run(["datasets"])
        #expect(text.status == 0 && text.stdout.contains("DIGITISED (not official)"))
        let show = try CLITests.run(["datasets", "show", "lz_ws2024"])
        #expect(show.status == 0)
        #expect(show.stdout.contains("DIGITISED") && show.stdout.contains("includes_solar_weak true") && show.stdout.contains("ASSUMPTION"))
        let sj = try Self.json(try SharedRuns.shared.run(["datasets", "show", "pandax4t_run1", "--json"]))
        #expect((sj["dataset"] as? [String: Any])?["provenance"] as? String == "digitised")
        let bad = try CLITests.run(["datasets", "show", "lz_ws2099"])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("unknown dataset 'lz_ws2099'"))
    }

    @Test("folders whose name cannot name a dataset are listed as left out (text and JSON), not passed over; a dataset given twice is refused")
    func leftOutFoldersAndRepeats() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let src = Self.root.appendingPathComponent("data/xenon1t_sr1")
        for name in ["xenon1t_sr1", "all", "bad name"] {
            try FileManager.default.copyItem(at: src, to: dir.appendingPathComponent(name))
        }
        let j = try Self.json(try CLITests.run(["datasets", "--json", "--data-dir", dir.path]))
        #expect((j["datasets"] as? [[String: Any]])?.map { $0["name"] as? String } == ["xenon1t_sr1"])
        let skipped = try #require(j["skipped_folders"] as? [[String: String]])
        #expect(skipped.map { $0["name"] } == ["all", "bad name"])
        #expect(skipped[0]["reason"]?.contains("selects every dataset") == true && skipped[1]["reason"]?.contains("' '") == true)
        let text = try CLITests.run(["datasets", "--data-dir", dir.path])
        #expect(text.stdout.contains("left out") && text.stdout.contains("  bad name: it contains ' '"), "\(text.stdout)")
        // the shipped folder leaves nothing out
        #expect((try Self.json(try SharedRuns.shared.run(["datasets", "--json"]))["skipped_folders"] as? [Any])?.isEmpty == true)
        // a dataset named twice: one line, nothing fitted; `all` with a name it selects is fine
        let twice = try CLITests.run(["fit", "--dataset", "xenon1t_sr1", "--dataset", "xenon1t_sr1"])
        #expect(twice.status == 2 && twice.stdout.isEmpty)
        #expect(twice.stderr == "error: dataset 'xenon1t_sr1' is given twice; give each dataset once\n", "\(twice.stderr)")
        #expect(try CLITests.run(["fit", "--dataset", "all", "--dataset", "xenon1t_sr1", "--data-dir", dir.path, "-q"]).status == 0)
    }

    @Test("every result from data flags digitised datasets: JSON key and table footer (scan, gof, sensitivity), none for official data")
    func digitisedFlagEverywhere() throws {
        for args in [["scan", "--points", "3", "--max", "2e-11"], ["gof"], ["sensitivity", "--toys", "5"]] {
            // read-only commands: each runs once per test process (shared with the schema examples)
            let d = try SharedRuns.shared.run(args + ["--dataset", "lz_ws2024", "--json"])
            #expect(d.status == 0, "\(args): \(d.stderr)")
            #expect(try Self.json(d)["digitised_datasets"] as? [String] == ["lz_ws2024"], "\(args)")
            let t = try SharedRuns.shared.run(args + ["--dataset", "lz_ws2024"])
            #expect(t.status == 0 && t.stdout.contains("DIGITISED DATA: lz_ws2024"), "\(args)")
            let o = try SharedRuns.shared.run(args + ["--json"])
            #expect(try Self.json(o)["digitised_datasets"] as? [String] == [], "\(args)")
            #expect(!(try SharedRuns.shared.run(args)).stdout.contains("DIGITISED"), "\(args)")
        }
    }

    @Test("--window reaches one dataset of a combination; digitised datasets in the JSON")
    func combinationWindow() throws {
        let r = try CLITests.run(["fit", "--dataset", "lz_ws2024", "--dataset", "xenonnt_sr0", "--window", "lz_ws2024=2:15",
                                  "--compatibility-toys", "0", "--json"])
        #expect(r.status == 0, "\(r.stderr)")
        let j = try Self.json(r)
        #expect(j["digitised_datasets"] as? [String] == ["lz_ws2024"])
        let rows = try #require(j["per_dataset"] as? [[String: Any]])
        let lz = try #require(rows.first { $0["name"] as? String == "lz_ws2024" })
        #expect(lz["window_keV"] as? [Double] == [2, 15])
        // no toys asked for: the headline is the χ² p-value, marked as such
        let c = try #require(j["compatibility"] as? [String: Any])
        #expect(c["p_value_method"] as? String == "chi2_asymptotic" && c["toys"] as? Int == 0)
    }

    /// The default combination as users run it (`nmmfit report DIR --dataset all`, no option):
    /// the table, summary.json and summary.md state the same policy, the same calibrated
    /// compatibility p-value and the same verdict; summary.json validates against its schema.
    @Test("report --dataset all (defaults): policy, calibrated p-value and verdict agree in table, summary.md and summary.json")
    func defaultCombinationReport() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("rep")
        let r = try CLITests.run(["report", out.path, "--dataset", "all", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let summary = out.appendingPathComponent("summary.json")
        let v = try SchemaTests.validate("fit", [summary.path])
        #expect(v.status == 0, "\(v.output)")
        let j = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: summary)) as? [String: Any])
        #expect(Set(j["digitised_datasets"] as? [String] ?? []) == ["lz_ws2022", "lz_ws2024", "pandax4t_run1"])
        #expect((j["per_dataset"] as? [[String: Any]])?.count == 5)
        let policy = try #require(j["combination_policy"] as? [String: Any])
        #expect(policy["name"] as? String == "tritium-free" && policy["tritium_free_datasets"] as? [String] == ["xenon1t_sr1"])
        #expect((j["parameters"] as? [[String: Any]])?.contains { $0["name"] as? String == "tritium_xenon1t_sr1" } == true)
        let c = try #require(j["compatibility"] as? [String: Any])
        #expect(c["p_value_method"] as? String == "toys" && c["dof"] as? Int == 4)
        let toys = try #require(c["toys"] as? Int)
        #expect(toys >= 1000 && toys <= 20000)
        // one verdict line, worded once, in the table and in summary.md
        let md = try String(contentsOf: out.appendingPathComponent("summary.md"), encoding: .utf8)
        let tension = try #require(c["tension"] as? Bool)
        let verdict = try #require(r.stdout.split(separator: "\n").first {
            $0.hasPrefix("TENSION:") || $0.hasPrefix("the datasets are compatible")
        })
        #expect(verdict.hasPrefix("TENSION:") == tension)
        #expect(md.contains(String(verdict)))
        let compat = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("compatibility, one common μν") })
        #expect(md.contains(String(compat)) && compat.contains("calibrated: \(toys) toys"))
        #expect(r.stdout.contains("combination policy: tritium-free") && md.contains("**Combination policy:** tritium-free"))
        // a combined limit above the strongest single one says why, in the table and the JSON
        let rows = try #require(j["per_dataset"] as? [[String: Any]])
        let strongest = rows.compactMap { ($0["interval_muB"] as? [Double])?.last }.min()!
        let combined = try #require((j["interval_muB"] as? [Double])?.last)
        #expect((j["combined_weaker_reason"] != nil) == (combined > strongest))
        if combined > strongest { #expect(r.stdout.contains("WEAKER THAN ITS BEST INPUT")) }
    }

    @Test("a bad dataset spec gives one line naming file and key, exit 2; bad --window/--set exit 64")
    func badSpecs() throws {
        let dir = try CLITests.tempDir()
        let ds = dir.appendingPathComponent("lz_ws2024")
        try FileManager.default.copyItem(at: Self.root.appendingPathComponent("data/lz_ws2024"), to: ds)
        let spec = ds.appendingPathComponent("dataset.json")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "\"includes_solar_weak\": true,", with: "").write(to: spec, atomically: true, encoding: .utf8)
        let r = try CLITests.run(["fit", "--data-dir", dir.path, "--dataset", "lz_ws2024"])
        #expect(r.status == 2)
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains(spec.path) && r.stderr.contains("backgrounds[0].includes_solar_weak") && r.stderr.contains("double-count"))
        #expect(r.stdout.isEmpty)
        let set = try CLITests.run(["fit", "--dataset", "lz_ws2024", "--set", "lz_ws2024.efficiency.energy=sideways"])
        #expect(set.status == 2 && set.stderr.contains("efficiency.energy"))
        // a malformed --window or --set is a usage error: checked in-process (OptionRuleTests)
    }
}
