import Foundation
import Testing

/// `nmmfit datasets`, `--dataset all`, `--window`, `--set` and the digitised-data flag on the
/// command line (issue #12).
@Suite("Datasets on the command line", .serialized)
struct DatasetsCLITests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func json(_ r: CLITests.Run) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("datasets lists every shipped dataset with its provenance; show prints the assumptions")
    func listAndShow() throws {
        let r = try CLITests.run(["datasets", "--json"])
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
        let sj = try Self.json(try CLITests.run(["datasets", "show", "pandax4t_run1", "--json"]))
        #expect((sj["dataset"] as? [String: Any])?["provenance"] as? String == "digitised")
        let bad = try CLITests.run(["datasets", "show", "lz_ws2099"])
        #expect(bad.status == 2)
        #expect(bad.stderr.split(separator: "\n").count == 1 && bad.stderr.contains("unknown dataset 'lz_ws2099'"))
    }

    @Test("every result from data flags digitised datasets: JSON key and table footer (scan, gof, sensitivity), none for official data")
    func digitisedFlagEverywhere() throws {
        for args in [["scan", "--points", "3", "--max", "2e-11"], ["gof"], ["sensitivity", "--toys", "5"]] {
            let d = try CLITests.run(args + ["--dataset", "lz_ws2024", "--json"])
            #expect(d.status == 0, "\(args): \(d.stderr)")
            #expect(try Self.json(d)["digitised_datasets"] as? [String] == ["lz_ws2024"], "\(args)")
            let t = try CLITests.run(args + ["--dataset", "lz_ws2024"])
            #expect(t.status == 0 && t.stdout.contains("DIGITISED DATA: lz_ws2024"), "\(args)")
            let o = try CLITests.run(args + ["--json"])
            #expect(try Self.json(o)["digitised_datasets"] as? [String] == [], "\(args)")
            #expect(!(try CLITests.run(args)).stdout.contains("DIGITISED"), "\(args)")
        }
    }

    @Test("fit --dataset all: per-dataset results, compatibility, digitised datasets in the JSON and the footer")
    func fitAll() throws {
        let r = try CLITests.run(["fit", "--dataset", "all", "--window", "lz_ws2024=2:15", "--json"])
        #expect(r.status == 0)
        let j = try Self.json(r)
        #expect(Set(j["digitised_datasets"] as? [String] ?? []) == ["lz_ws2022", "lz_ws2024", "pandax4t_run1"])
        let rows = try #require(j["per_dataset"] as? [[String: Any]])
        #expect(rows.count == 5)
        let lz = try #require(rows.first { $0["name"] as? String == "lz_ws2024" })
        #expect(lz["window_keV"] as? [Double] == [2, 15])
        let c = try #require(j["compatibility"] as? [String: Any])
        #expect(c["dof"] as? Int == 4)
        let table = try CLITests.run(["fit", "--dataset", "xenon1t_sr1", "--dataset", "lz_ws2024"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("DIGITISED DATA: lz_ws2024"))
        #expect(table.stdout.contains("compatibility, one common μν vs one per dataset"))
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
        #expect(try CLITests.run(["fit", "--dataset", "lz_ws2024", "--window", "lz_ws2024=5"]).status == 64)
        #expect(try CLITests.run(["fit", "--dataset", "lz_ws2024", "--set", "lz_ws2024"]).status == 64)
    }
}
