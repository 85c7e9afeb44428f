import Foundation
import Testing
import TestSupport

/// Issue 14: every JSON output of the commands in schemas/examples.json validates against its
/// JSON Schema (draft 2020-12, schemas/*.schema.json) with Python's `jsonschema`
/// (scripts/validate-json.py; installed by scripts/ensure-deps.sh); a renamed key fails; μν's
/// errors are in μB; a best fit at zero is printed as an upper limit.
@Suite("JSON schemas and the output contract")
struct SchemaTests {
    static let root = PackageRoot.url

    struct Example: Decodable, Sendable, CustomTestStringConvertible {
        var schema: String
        var args: [String]?
        var file: String?
        /// Commands run before `args`, for this example only (e.g. toy studies for --from-toys).
        var pre: [[String]]?
        /// For a JSON-lines file (toys): validate its `header` line or its `records`.
        var lines: String?
        var testDescription: String { "\(schema): \((args ?? [file ?? ""]).joined(separator: " "))" }
    }

    struct Examples: Decodable {
        var setup: [[String]]
        var examples: [Example]
    }

    static let examples: Examples = {
        let data = try! Data(contentsOf: root.appendingPathComponent("schemas/examples.json"))
        return try! JSONDecoder().decode(Examples.self, from: data)
    }()

    /// Runs scripts/validate-json.py; returns its exit status and output.
    static func validate(_ schema: String, _ files: [String], lines: String? = nil) throws -> (status: Int32, output: String) {
        try JSONSchemaCheck.validate(schema, files, lines: lines)
    }

    /// One temporary folder with the setup commands' files, made once for all examples (each
    /// distinct command of the examples then runs once in it, see ``SharedRuns``); what failed
    /// in the setup is in `setUpFailures`.
    static func prepared() throws -> SharedRuns.Folder {
        try SharedRuns.shared.folder("schema-examples") { tmp in
            try examples.setup.compactMap { a in
                let r = try NMMFitBinary.run(a.map { $0.replacingOccurrences(of: "{tmp}", with: tmp.path) })
                return r.status == 0 ? nil : "\(a.joined(separator: " ")): \(r.stderr)"
            }
        }
    }

    /// What users run by default: each command with no optional flag (only what it requires;
    /// for a `model` calculator that needs one of several inputs, the listed one). Two defaults
    /// are not run here for their cost: `coverage --json` (3 values × 1000 toys with
    /// Feldman–Cousins critical toys, ~30 s of CPU) and `bench --json` (minutes).
    static let defaultInvocations: [[String]] = [
        ["fit", "--json"], ["fit", "--dataset", "all", "--json"], ["report", "{tmp}/report", "-q"],
        ["fit", "--moments", "{tmp}/tm.json", "--element", "e-mu", "--json"],
        ["gof", "--json"], ["scan", "--json"], ["compare", "--json"], ["sensitivity", "--json"],
        ["spectrum", "--format", "json"], ["significance", "--json"], ["interval", "--json"],
        ["datasets", "--json"], ["datasets", "show", "xenon1t_sr1", "--json"],
        ["export", "--format", "spec"], ["export", "--format", "pyhf", "-o", "{tmp}/ws.json", "-q"],
        ["toys", "-o", "{tmp}/t-default.jsonl", "-q"],
        ["model", "g2-data", "--json"], ["model", "solar-fluxes", "--json"],
        ["model", "mass-moment", "--mu", "3e-11", "--mass-ev", "0.1", "--json"], ["model", "sm-dirac", "--mass-ev", "0.1", "--json"],
        ["model", "sm-transition", "--masses-ev", "0,0.0086,0.0502", "--json"], ["model", "lr-mixing", "--sin2xi", "0.01", "--json"],
        ["model", "horizontal", "--mh", "100", "--mH", "1000", "--json"], ["model", "horizontal-region", "--mu-hi", "3e-11", "--json"],
        ["model", "g2-scalar", "--mass-gev", "100", "--y-left", "1", "--y-right", "1", "--json"],
        ["model", "g2-horizontal", "--m-neutral-gev", "100", "--mH", "1000", "--ffprime", "1.25e-3", "--json"],
        ["model", "joint", "--mu-range", "0,7e-12,limit", "--json"], ["model", "effective", "--moments", "{tmp}/tm.json", "--json"],
    ]

    /// Every command that draws a figure, with only the option that asks for it: the figure's
    /// data file (`NAME.data.json`, with the run's provenance) is what it writes by default.
    static let figureWriters: [[String]] = [
        ["report", "{tmp}/report", "-q"], ["fit", "--plot", "{tmp}/plots", "-q"], ["scan", "--plot", "{tmp}/scan.svg", "-q"],
        ["sensitivity", "--plot", "{tmp}/sensitivity.svg", "-q"], ["spectrum", "--plot", "{tmp}/recoil.svg"],
        ["model", "horizontal-region", "--mu-hi", "3e-11", "--svg", "{tmp}/region.svg"],
        ["model", "joint", "--mu-range", "0,7e-12,limit", "--svg", "{tmp}/joint.svg"],
    ]

    @Test("every figure's data file (NAME.data.json) and the HEPData submission's provenance.json are among the validated examples")
    func figureDataAreExamples() {
        let figures = Set(Self.examples.examples.filter { $0.schema == "figure-data" }.compactMap { $0.args?.joined(separator: " ") })
        for args in Self.figureWriters {
            #expect(figures.contains(args.joined(separator: " ")), "schemas/examples.json lacks the figure data of: nmmfit \(args.joined(separator: " "))")
        }
        #expect(Self.examples.examples.contains { $0.schema == "hepdata-provenance" && $0.args?.first == "export" })
    }

    @Test("every command's default output (no optional flags) is among the validated examples")
    func defaultOutputsAreExamples() {
        let listed = Set(Self.examples.examples.compactMap { $0.args?.joined(separator: " ") })
        for args in Self.defaultInvocations {
            #expect(listed.contains(args.joined(separator: " ")), "schemas/examples.json lacks the default output of: nmmfit \(args.joined(separator: " "))")
        }
    }

    @Test("python3 with jsonschema is available (scripts/ensure-deps.sh installs it)")
    func validatorAvailable() throws {
        let r = try Self.validate("fit", [])
        #expect(!r.output.contains("ModuleNotFoundError"), "install it: pip install jsonschema (or apt-get install python3-jsonschema)")
    }

    @Test("each command's JSON validates against its schema", arguments: examples.examples)
    func validates(_ ex: Example) throws {
        let shared = try Self.prepared()
        #expect(shared.setUpFailures.isEmpty, "\(shared.setUpFailures)")
        let tmp = shared.url
        let sub = { (s: String) in s.replacingOccurrences(of: "{tmp}", with: tmp.path) }
        var path: String
        // an example's commands run once; examples that share a command share its output
        for a in ex.pre ?? [] {
            let r = try SharedRuns.shared.run(a.map(sub))
            #expect(r.status == 0, "\(r.stderr)")
        }
        if let args = ex.args {
            let r = try SharedRuns.shared.run(args.map(sub))
            #expect(r.status == 0, "\(r.stderr)")
            path = tmp.appendingPathComponent("out-\(UUID().uuidString).json").path
            try Data(r.stdout.utf8).write(to: URL(fileURLWithPath: path))
            if let f = ex.file { path = sub(f) }
        } else {
            path = Self.root.appendingPathComponent(ex.file!).path
        }
        let v = try Self.validate(ex.schema, [path], lines: ex.lines)
        #expect(v.status == 0, "\(v.output)")
    }

    @Test("a renamed, missing or extra key fails validation")
    func renamedKeyFails() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try SharedRuns.shared.run(["fit", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        var renamed = doc
        renamed["mu_nu_best"] = renamed.removeValue(forKey: "mu_nu_best_muB")
        var camel = doc
        var status = try #require(camel["fit_status"] as? [String: Any])
        status["atBound"] = status.removeValue(forKey: "at_bound")
        camel["fit_status"] = status
        var oldVersion = doc
        oldVersion["nmmfit_output"] = 1
        for (name, bad) in [("renamed", renamed), ("camel", camel), ("version", oldVersion)] {
            let f = tmp.appendingPathComponent("\(name).json")
            try JSONSerialization.data(withJSONObject: bad).write(to: f)
            let v = try Self.validate("fit", [f.path])
            #expect(v.status == 1, "\(name): \(v.output)")
        }
    }

    @Test("fit: μν and its asymmetric errors in μB, μν² separately in 10⁻²² μB²; the text table gives μν's errors")
    func muNuErrorsInBohr() throws {
        let r = try SharedRuns.shared.run(["fit", "--json"])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let best = try #require(doc["mu_nu_best_muB"] as? Double)
        let lo = try #require(doc["mu_nu_error_low_muB"] as? Double), hi = try #require(doc["mu_nu_error_high_muB"] as? Double)
        let s = try #require(doc["mu_nu_squared_best_1e-22_muB2"] as? Double), se = try #require(doc["mu_nu_squared_error_1e-22_muB2"] as? Double)
        // μB-sized errors (not the μν² error, ~2 in units of 10⁻²² μB²)
        #expect(best > 1e-11 && best < 1e-10 && lo > 1e-12 && lo < best && hi > 1e-12 && hi < best)
        // independent check by error propagation: σ(μν) ≈ σ(μν²) / (2 μν), both in 10⁻¹¹ μB units
        let propagated = se / (2 * (best / 1e-11)) * 1e-11
        #expect(abs((lo + hi) / 2 - propagated) / propagated < 0.15)
        #expect(abs(s - (best / 1e-11) * (best / 1e-11)) < 1e-6 * s)
        let params = try #require(doc["parameters"] as? [[String: Any]])
        let mu = try #require(params.first { $0["name"] as? String == "mu_nu" })
        #expect(mu["unit"] as? String == "muB" && mu["error"] == nil)
        #expect(mu["error_low"] as? Double == lo && mu["error_high"] as? Double == hi && mu["value"] as? Double == best)
        #expect(doc["interval_kind"] as? String == "two_sided")
        let text = try SharedRuns.shared.run(["fit"]).stdout
        let row = try #require(text.split(separator: "\n").first { $0.contains("mu_nu [10⁻¹¹ μB]") })
        #expect(row.contains("+\(String(format: "%.3f", hi / 1e-11)) −\(String(format: "%.3f", lo / 1e-11))"), "\(row)")
        #expect(!row.contains("—"))
    }

    @Test("a best fit at zero is printed as an upper limit, in text, JSON and the report")
    func zeroBestFitIsALimit() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let r = try CLITests.run(["fit", "--dataset", "xenonnt_sr0", "--json", "-o", tmp.appendingPathComponent("f.json").path])
        let doc = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        #expect(doc["mu_nu_best_muB"] as? Double == 0)
        #expect(doc["interval_kind"] as? String == "upper_limit")
        let upper = try #require((doc["interval_muB"] as? [Double])?.last)
        let limit = "μν < \(String(format: "%.3f", upper / 1e-11)) × 10⁻¹¹ μB (90 % CL)"
        let text = try CLITests.run(["fit", "--dataset", "xenonnt_sr0"]).stdout
        #expect(text.contains(limit), "\(text)")
        #expect(!text.contains("± 0.000") && !text.contains("[0.000,"))
        let rep = try CLITests.run(["report", tmp.appendingPathComponent("rep").path, "--dataset", "xenonnt_sr0", "-q"])
        #expect(rep.status == 0, "\(rep.stderr)")
        let md = try String(contentsOf: tmp.appendingPathComponent("rep/summary.md"), encoding: .utf8)
        #expect(md.contains(limit) && md.contains("upper limit"))
    }

    @Test("moments outside the physical range are refused naming the unit; existing outputs before any work")
    func unitTrapsAndEarlyChecks() throws {
        for args in [["spectrum", "--mu", "2"], ["scan", "--max", "2"], ["model", "sm-dirac", "--mu", "0.5"]] {
            let r = try CLITests.run(args)
            #expect(r.status == 64 && r.stderr.contains("μB") && r.stderr.contains("Bohr magneton"), "\(args): \(r.stderr)")
        }
        let h = try CLITests.run(["model", "horizontal", "--mh", "1000", "--mH", "200"])
        #expect(h.status == 64 && h.stderr.contains("lighter"), "\(h.stderr)")
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let f = tmp.appendingPathComponent("exists.json")
        try Data("{}".utf8).write(to: f)
        // sensitivity with many toys would take minutes: refused at once, the file untouched
        let t0 = Date()
        let s = try CLITests.run(["sensitivity", "--toys", "90000", "-o", f.path])
        #expect(s.status == 2 && s.stderr.contains("exists") && Date().timeIntervalSince(t0) < 20, "\(s.stderr)")
        #expect(try String(contentsOf: f, encoding: .utf8) == "{}")
        try FileManager.default.createDirectory(at: tmp.appendingPathComponent("rep"), withIntermediateDirectories: true)
        try Data("x".utf8).write(to: tmp.appendingPathComponent("rep/summary.json"))
        let rep = try CLITests.run(["report", tmp.appendingPathComponent("rep").path])
        #expect(rep.status == 2 && rep.stderr.contains("summary.json"), "\(rep.stderr)")
        #expect(!FileManager.default.fileExists(atPath: tmp.appendingPathComponent("rep/profile_scan.svg").path))
    }

    @Test("significance, interval (Feldman–Cousins), coverage, toys, merge: unit traps and existing outputs before any work; FC grid problems named")
    func unitTrapsAndEarlyChecksOfToyCommands() throws {
        for args in [["toys", "--mu", "2", "-o", "x.jsonl"], ["toys", "--statistic", "t", "--test-mu", "1", "-o", "x.jsonl"],
                     ["coverage", "--mu", "2"], ["interval", "--method", "feldman-cousins", "--grid-max", "3"]] {
            let r = try CLITests.run(args)
            #expect(r.status == 64 && r.stderr.contains("μB") && r.stderr.contains("Bohr magneton"), "\(args): \(r.stderr)")
        }
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let f = tmp.appendingPathComponent("exists.json")
        try Data("{}".utf8).write(to: f)
        // each would run for minutes: refused at once, the file untouched
        for args in [["significance", "--toys", "300000"], ["interval", "--method", "feldman-cousins", "--toys", "30000"],
                     ["coverage", "--toys", "1000"], ["merge", "nothing.jsonl"]] {
            let t0 = Date()
            let r = try CLITests.run(args + ["-o", f.path])
            #expect(r.status == 2 && r.stderr.contains("exists") && Date().timeIntervalSince(t0) < 20, "\(args): \(r.stderr)")
        }
        #expect(try String(contentsOf: f, encoding: .utf8) == "{}")
        // a grid that does not reach the interval's upper end: the reason and the option, exit 2, not "fit failed"
        let g = try CLITests.run(["interval", "--method", "feldman-cousins", "--toys", "20", "--grid-points", "4", "--grid-max", "2e-11"])
        #expect(g.status == 2 && g.stderr.contains("beyond the largest tested μν") && g.stderr.contains("--grid-max")
                && !g.stderr.contains("fit failed"), "\(g.stderr)")
    }

    @Test("help: report does not offer --report; no default printed twice")
    func helpTexts() throws {
        let rep = try CLITests.run(["report", "--help"])
        #expect(!rep.stdout.contains("--report <"), "\(rep.stdout)")
        for cmd in [["fit"], ["report"], ["gof"], ["scan"], ["compare"], ["sensitivity"], ["spectrum"], ["export"],
                    ["model", "g2-scalar"], ["model", "joint"], ["model", "horizontal"],
                    ["significance"], ["interval"], ["coverage"], ["toys"], ["merge"], ["batch"]] {
            let help = try CLITests.run(cmd + ["--help"]).stdout
            // one segment per option; ArgumentParser adds "(default: …)" itself, so no option
            // mentions a default twice
            for option in help.components(separatedBy: "\n  -").dropFirst() {
                #expect(option.components(separatedBy: "default").count <= 2, "\(cmd): \(option)")
                // nor lists its values twice (ArgumentParser adds "(values: …)" for typed options)
                if option.contains("(values: ") {
                    let values = option.components(separatedBy: "(values: ")[1].components(separatedBy: CharacterSet(charactersIn: ";)"))[0]
                        .components(separatedBy: ", ")
                    let before = option.components(separatedBy: "(values: ")[0]
                    #expect(values.filter { before.contains($0) }.count < values.count, "\(cmd): \(option)")
                }
            }
        }
    }
}
