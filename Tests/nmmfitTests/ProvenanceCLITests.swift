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
}
