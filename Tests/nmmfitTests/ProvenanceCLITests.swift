import Foundation
import Testing
import TestSupport

/// Every JSON output says which build, command and data made it, and uses one −ln L convention
/// and one name for μν².
@Suite("Provenance and conventions in the JSON outputs", .serialized)
struct ProvenanceCLITests {
    static func json(_ args: [String]) throws -> [String: Any] {
        let r = try CLITests.run(args)
        #expect(r.status == 0, "\(r.stderr)")
        return try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
    }

    @Test("fit --json: tool version and commit as --version prints them, the command, and the SHA-256 of each file read")
    func fitProvenance() throws {
        let j = try Self.json(["fit", "--json", "--set", "xenon1t_sr1.exposure_tonne_year=0.65"])
        let version = try CLITests.run(["--version"]).stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        let tool = try #require(j["tool_version"] as? String), commit = try #require(j["commit"] as? String)
        #expect(version == "\(tool) (commit \(commit))")
        #expect(j["command"] as? String == "nmmfit fit --json --set xenon1t_sr1.exposure_tonne_year=0.65")
        #expect(j["spec_overrides"] as? [String] == ["xenon1t_sr1.exposure_tonne_year=0.65"])
        let digests = try #require(j["data_digests"] as? [String: String])
        #expect(Set(digests.keys) == ["xenon1t_sr1/dataset.json", "xenon1t_sr1/binned.csv", "xenon1t_sr1/efficiency.csv"])
        for (path, digest) in digests {
            let file = SchemaTests.root.appendingPathComponent("data").appendingPathComponent(path)
            #expect(digest == (try SHA256Sum.of(file)), "\(path)")
        }
    }

    @Test("one −ln L convention: fit_status.nll = nll_best = scan's nll_best; μν² named mu_nu_squared_1e-22_muB2")
    func oneConvention() throws {
        let fit = try Self.json(["fit", "--json"])
        let status = try #require(fit["fit_status"] as? [String: Any])
        let nll = try #require(fit["nll_best"] as? Double)
        #expect(abs((status["nll"] as? Double ?? .nan) - nll) < 1e-9)
        #expect((status["names"] as? [String])?.first == "mu_nu_squared_1e-22_muB2")
        let scan = try Self.json(["scan", "--points", "2", "--json"])
        #expect(abs((scan["nll_best"] as? Double ?? .nan) - nll) < 1e-6)
        let compare = try Self.json(["compare", "--json"])
        let alt = try #require(compare["alternative_fit"] as? [String: Any])
        #expect(abs((alt["nll"] as? Double ?? .nan) - nll) < 1e-6)
        #expect((alt["names"] as? [String])?.contains("mu_nu") == false)
        #expect((scan["data_digests"] as? [String: String])?.count == 3 && compare["tool_version"] != nil)
    }

    @Test("outputs without data (spectrum --format json) carry the build and command and read no data file")
    func spectrumProvenance() throws {
        let j = try Self.json(["spectrum", "--format", "json", "--emax", "2"])
        #expect(j["tool_version"] != nil && j["commit"] != nil)
        #expect((j["data_digests"] as? [String: String])?.isEmpty == true)
        #expect(j["units"] as? String == "events/(tonne·year·keV)")
    }

    /// The header line of a toys file, as a dictionary.
    static func header(_ url: URL) throws -> [String: Any] {
        let first = try #require(try String(contentsOf: url, encoding: .utf8).split(separator: "\n").first)
        return try #require(try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any])
    }

    @Test("toys files: shards, their merge and a single run carry the same provenance and bytes; each shard run its full command")
    func toysFileProvenance() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let common = ["toys", "-n", "30", "--seed", "4", "--set", "xenon1t_sr1.exposure_tonne_year=0.65", "-q"]
        let single = dir.appendingPathComponent("single.jsonl")
        #expect(try CLITests.run(common + ["-o", single.path]).status == 0)
        var shards: [String] = []
        for i in 0..<2 {
            let path = dir.appendingPathComponent("s\(i).jsonl").path
            #expect(try CLITests.run(common + ["--shard", "\(i)", "--nshards=2", "--output", path]).status == 0)
            shards.append(path)
        }
        let merged = dir.appendingPathComponent("merged.jsonl")
        #expect(try CLITests.run(["merge"] + shards + ["-o", merged.path]).status == 0)
        #expect(try Data(contentsOf: merged) == Data(contentsOf: single), "merge = single run, byte for byte")

        let h = try Self.header(single)
        let p = try #require(h["provenance"] as? [String: Any])
        // without the file, the shard options and -q (which never change a toy)
        #expect(p["command"] as? String == "nmmfit toys -n 30 --seed 4 --set xenon1t_sr1.exposure_tonne_year=0.65")
        #expect(p["spec_overrides"] as? [String] == ["xenon1t_sr1.exposure_tonne_year=0.65"])
        // the same digests as the JSON outputs record, each the file's SHA-256
        let fit = try Self.json(["fit", "--json", "--set", "xenon1t_sr1.exposure_tonne_year=0.65"])
        let digests = try #require(p["data_digests"] as? [String: String])
        #expect(digests == fit["data_digests"] as? [String: String])
        for (path, digest) in digests {
            #expect(digest == (try SHA256Sum.of(SchemaTests.root.appendingPathComponent("data").appendingPathComponent(path))), "\(path)")
        }
        // a shard: the study's provenance, and its run's full command line
        let s1 = try Self.header(URL(fileURLWithPath: shards[1]))
        #expect((s1["provenance"] as? [String: Any])?["command"] as? String == p["command"] as? String)
        let run = try #require((s1["runs"] as? [[String: Any]])?.first)
        #expect(run["command"] as? String == "nmmfit " + (common + ["--shard", "1", "--nshards=2", "--output", shards[1]]).joined(separator: " "))
    }

    @Test("every kind of toys file the CLI keeps has the run's command line, data digests and spec changes in its header")
    func savedToysProvenance() throws {
        let dir = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let set = ["--set", "xenonnt_sr0.exposure_tonne_year=1.2"]
        let data = ["--dataset", "xenon1t_sr1", "--dataset", "xenonnt_sr0"] + set
        let runs: [(String, [String])] = [
            ("fit", ["fit"] + data + ["--compatibility-toys", "10"]),
            ("compare", ["compare", "--dataset", "xenonnt_sr0"] + set + ["--toys", "10"]),
            ("sensitivity", ["sensitivity", "--dataset", "xenonnt_sr0"] + set + ["--toys", "10"]),
            ("significance", ["significance", "--dataset", "xenonnt_sr0"] + set + ["--toys", "10"]),
        ]
        for (name, args) in runs {
            let file = dir.appendingPathComponent("\(name).jsonl")
            let all = args + ["--save-toys", file.path, "-q"]
            let r = try CLITests.run(all)
            #expect(r.status == 0, "\(name): \(r.stderr)")
            let p = try #require(try Self.header(file)["provenance"] as? [String: Any], "\(name)")
            // the command without the file's own name and -q: a resumed file equals an uninterrupted one
            #expect(p["command"] as? String == "nmmfit " + args.joined(separator: " "), "\(name)")
            #expect(p["spec_overrides"] as? [String] == ["xenonnt_sr0.exposure_tonne_year=1.2"], "\(name)")
            let keys = Set((p["data_digests"] as? [String: String] ?? [:]).keys)
            #expect(keys.contains("xenonnt_sr0/dataset.json") && keys.contains("xenonnt_sr0/events.csv"), "\(name): \(keys)")
            #expect(keys.contains("xenon1t_sr1/dataset.json") == (name == "fit"), "\(name): \(keys)")
        }
    }
}
