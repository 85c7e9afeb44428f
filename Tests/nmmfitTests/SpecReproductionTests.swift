import Foundation
import Testing
import TestSupport

/// A model spec saved by a run (`fit --save-spec FILE`, and `model_spec.json` of a report folder)
/// reproduces every number of that run: `fit --spec FILE` prints the same JSON, field by field
/// and bit for bit, except the fields that say how the run was started:
/// - `command`: the command line (`--spec FILE` instead of the data options);
/// - `data_digests`: the files read (the re-run reads the spec file, not the dataset files).
/// A moment-element fit repeats both inside its `fit` document, where they are excluded too.
/// Nothing else is excluded: every number (best fit, intervals, expected limit, significance,
/// per-component counts, `fit_status`, the per-dataset table, the compatibility test with its
/// toys) and every record (`spec_overrides`, `combination_policy`, `seed`, `digitised_datasets`,
/// the tool version and commit) must be equal.
@Suite("A saved spec reproduces its run", .serialized)
struct SpecReproductionTests {
    /// The top-level keys that must differ between a run and its re-run from the saved spec.
    static let excluded: Set<String> = ["command", "data_digests"]

    struct Comparison {
        var differences: [String] = []
        var numbers = 0
        var leaves = 0
    }

    /// Compares two parsed JSON values; numbers by their bit pattern (the encoder prints the
    /// shortest text that round-trips, so equal text is equal bits and vice versa).
    static func compare(_ a: Any, _ b: Any, path: String, into c: inout Comparison) {
        switch (a, b) {
        case let (x as [String: Any], y as [String: Any]):
            for k in Set(x.keys).union(y.keys).sorted() {
                if (path.isEmpty || path == "fit") && excluded.contains(k) { continue }
                let p = path.isEmpty ? k : "\(path).\(k)"
                guard let xv = x[k], let yv = y[k] else {
                    c.differences.append("\(p): only in the \(x[k] == nil ? "re-run" : "original")")
                    continue
                }
                compare(xv, yv, path: p, into: &c)
            }
        case let (x as [Any], y as [Any]):
            guard x.count == y.count else { c.differences.append("\(path): \(x.count) vs \(y.count) items"); return }
            for (i, (xv, yv)) in zip(x, y).enumerated() { compare(xv, yv, path: "\(path)[\(i)]", into: &c) }
        case let (x as String, y as String):
            c.leaves += 1
            if x != y { c.differences.append("\(path): \(x) vs \(y)") }
        case let (x as NSNumber, y as NSNumber):
            c.leaves += 1
            c.numbers += 1
            if x.doubleValue.bitPattern != y.doubleValue.bitPattern || x.stringValue != y.stringValue {
                c.differences.append("\(path): \(x) vs \(y)")
            }
        case (is NSNull, is NSNull):
            c.leaves += 1
        default:
            c.differences.append("\(path): \(a) vs \(b)")
        }
    }

    static func json(_ url: URL) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
    }

    /// Runs `args` with `--save-spec`, then `fit --spec` of the saved file, both with `-o`;
    /// returns both JSON objects and their comparison.
    static func rerun(_ args: [String], rerunExtra: [String] = []) throws -> (original: [String: Any], rerun: [String: Any], comparison: Comparison, spec: [String: Any]) {
        let dir = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("spec.json"), first = dir.appendingPathComponent("original.json")
        let second = dir.appendingPathComponent("rerun.json")
        let r1 = try NMMFitBinary.run(["fit"] + args + ["--save-spec", spec.path, "-o", first.path, "-q"])
        #expect(r1.status == 0, "\(r1.stderr)")
        let r2 = try NMMFitBinary.run(["fit", "--spec", spec.path, "-o", second.path, "-q"] + rerunExtra)
        #expect(r2.status == 0, "\(r2.stderr)")
        let (a, b) = (try json(first), try json(second))
        var c = Comparison()
        compare(a, b, path: "", into: &c)
        return (a, b, c, try json(spec))
    }

    @Test("the default fit (XENON1T SR1): every field but command and data_digests is bitwise equal")
    func defaultFit() throws {
        let (a, b, c, spec) = try Self.rerun([])
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        #expect(c.numbers > 80, "numbers compared: \(c.numbers)")
        // what a re-run dropped before the spec carried the analysis
        for key in ["expected_limit_asimov_median_muB", "interval_muB", "mu_nu_best_muB", "z_asymptotic", "fit_status", "channels",
                    "parameters", "digitised_datasets", "tool_version", "commit"] {
            #expect(a[key] != nil && b[key] != nil, "\(key)")
        }
        #expect(a["command"] as? String != b["command"] as? String)
        #expect(spec["nmmfit_model"] as? Int == 2)
        let analysis = try #require(spec["analysis"] as? [String: Any])
        #expect(analysis["cl"] as? Double == 0.9 && analysis["interval_method"] as? String == "asymptotic-unified")
    }

    @Test("a flagged single fit (--cl, --interval-method wilks, --set): the saved settings are used by the re-run")
    func flaggedSingleFit() throws {
        let (a, _, c, _) = try Self.rerun(["--cl", "0.95", "--interval-method", "wilks",
                                           "--set", "xenon1t_sr1.exposure_tonne_year=0.65"])
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        #expect(a["cl"] as? Double == 0.95 && a["interval_method"] as? String == "wilks")
        #expect(a["spec_overrides"] as? [String] == ["xenon1t_sr1.exposure_tonne_year=0.65"])
    }

    @Test("--cl given to the re-run replaces the saved one (and only then do the numbers differ)")
    func clOverride() throws {
        let (a, b, _, _) = try Self.rerun([], rerunExtra: ["--cl", "0.95"])
        #expect(a["cl"] as? Double == 0.9 && b["cl"] as? Double == 0.95)
        let (ia, ib) = (try #require(a["interval_muB"] as? [Double]), try #require(b["interval_muB"] as? [Double]))
        #expect(ib[1] > ia[1])
    }

    @Test("a combination with --set and --window: per-dataset table, compatibility toys, policy and records are bitwise equal")
    func combination() throws {
        let args = ["--dataset", "xenon1t_sr1", "--dataset", "lz_ws2024", "--window", "lz_ws2024=2:15",
                    "--set", "lz_ws2024.resolution.a=0.35", "--compatibility-toys", "60", "--seed", "7"]
        let (a, b, c, spec) = try Self.rerun(args)
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        #expect(c.numbers > 200, "numbers compared: \(c.numbers)")
        for key in ["per_dataset", "compatibility", "combination_policy", "spec_overrides", "seed", "expected_limit_asimov_median_muB"] {
            #expect(a[key] != nil && b[key] != nil, "\(key)")
        }
        #expect(b["seed"] as? Int == 7)
        #expect(b["spec_overrides"] as? [String] == ["lz_ws2024.resolution.a=0.35"])
        let rows = try #require(b["per_dataset"] as? [[String: Any]])
        #expect(rows.map { $0["name"] as? String } == ["xenon1t_sr1", "lz_ws2024"])
        #expect((rows[1]["window_keV"] as? [Double]) == [2, 15])
        let compatibility = try #require(b["compatibility"] as? [String: Any])
        #expect(compatibility["toys"] as? Int == 60)
        let analysis = try #require(spec["analysis"] as? [String: Any])
        #expect(analysis["seed"] as? Int == 7 && analysis["compatibility_toys"] as? Int == 60)
    }

    @Test("a moment-element fit (--moments, --element e-mu): element, direct fit and universal fit are bitwise equal")
    func momentElement() throws {
        let moments = SchemaTests.root.appendingPathComponent("data/models/su2h_e_mu_majorana.json").path
        let (a, b, c, spec) = try Self.rerun(["--moments", moments, "--element", "e-mu"])
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        #expect(c.numbers > 100, "numbers compared: \(c.numbers)")
        for key in ["fit", "element", "universal_fit", "parameter_of_interest"] { #expect(a[key] != nil && b[key] != nil, "\(key)") }
        let element = try #require(b["element"] as? [String: Any])
        #expect(element["rescaled_upper_muB"] != nil && element["sensitivity"] != nil)
        let fit = try #require(b["fit"] as? [String: Any])
        #expect(fit["expected_limit_asimov_median_muB"] != nil)
        let saved = try #require((spec["analysis"] as? [String: Any])?["moment_element"] as? [String: Any])
        #expect(saved["element"] as? String == "e-mu" && saved["universal_model"] != nil)
    }

    @Test("a version-1 spec (the model alone) is still read: the fit's numbers, and now its expected limit")
    func versionOne() throws {
        let dir = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("spec.json"), first = dir.appendingPathComponent("original.json")
        #expect(try NMMFitBinary.run(["fit", "--save-spec", spec.path, "-o", first.path, "-q"]).status == 0)
        var object = try Self.json(spec)
        object["analysis"] = nil
        object["nmmfit_model"] = 1
        try JSONSerialization.data(withJSONObject: object).write(to: spec)
        let r = try NMMFitBinary.run(["fit", "--spec", spec.path, "--json", "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let b = try #require(try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let a = try Self.json(first)
        #expect((b["interval_muB"] as? [Double]) == (a["interval_muB"] as? [Double]))
        #expect((b["expected_limit_asimov_median_muB"] as? Double) == (a["expected_limit_asimov_median_muB"] as? Double))
        // a version-1 spec with an analysis section is refused with one line
        object["analysis"] = try Self.json(first).isEmpty ? nil : ["cl": 0.9, "interval_method": "wilks",
                                                                   "datasets": [["name": "xenon1t_sr1", "provenance": "official"]]]
        try JSONSerialization.data(withJSONObject: object).write(to: spec)
        let bad = try NMMFitBinary.run(["fit", "--spec", spec.path, "-q"])
        #expect(bad.status == 2 && bad.stderr.contains("analysis") && bad.stderr.contains("nmmfit_model 2"), "\(bad.stderr)")
        #expect(bad.stderr.split(separator: "\n").count == 1, "\(bad.stderr)")
    }

    @Test("a moment-element fit with an --atomic table file: the spec carries the table and the re-run is bitwise equal")
    func momentElementAtomicTable() throws {
        let dir = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        // a table equal to free electrons (factor 1): its element numbers must be those of --atomic free
        let table = dir.appendingPathComponent("binding.csv")
        try Data("T_keV,factor\n0,1\n100,1\n".utf8).write(to: table)
        let moments = SchemaTests.root.appendingPathComponent("data/models/su2h_e_mu_majorana.json").path
        let (a, b, c, spec) = try Self.rerun(["--moments", moments, "--element", "e-mu", "--atomic", table.path])
        #expect(c.differences.isEmpty, "\(c.differences.joined(separator: "\n"))")
        #expect(c.numbers > 90, "numbers compared: \(c.numbers)")
        let recoil = try #require(((spec["analysis"] as? [String: Any])?["moment_element"] as? [String: Any])?["recoil"] as? [String: Any])
        let carried = try #require(recoil["atomic_table"] as? [String: Any])
        #expect(recoil["atomic"] as? String == "table" && carried["content"] as? String == "T_keV,factor\n0,1\n100,1\n")
        #expect(carried["sha256"] as? String == (a["data_digests"] as? [String: String])?[table.path])
        // the table acted: the rescaled interval is that of free electrons, not of the default stepping
        let free = try NMMFitBinary.run(["fit", "--moments", moments, "--element", "e-mu", "--atomic", "free", "--json", "-q"])
        #expect(free.status == 0, "\(free.stderr)")
        let f = try #require(try JSONSerialization.jsonObject(with: Data(free.stdout.utf8)) as? [String: Any])
        let (eb, ef) = (try #require(b["element"] as? [String: Any]), try #require(f["element"] as? [String: Any]))
        #expect(eb["rescaled_upper_muB"] as? Double == ef["rescaled_upper_muB"] as? Double)
        #expect(eb["sensitivity"] as? Double == ef["sensitivity"] as? Double)
    }

    /// `fit --cl 0.95 --save-spec`, then `interval`, `scan`, `sensitivity` with `--spec`: each
    /// uses the saved 95 % CL (the library's rule for every reader), and `--cl` given wins with a note.
    @Test("interval, scan and sensitivity with --spec use the saved CL; a given --cl wins and says so")
    func otherReaders() throws {
        let dir = try TemporaryFolder.make()
        defer { try? FileManager.default.removeItem(at: dir) }
        let spec = dir.appendingPathComponent("s.json"), fit = dir.appendingPathComponent("fit.json")
        let r = try NMMFitBinary.run(["fit", "--cl", "0.95", "--set", "xenon1t_sr1.exposure_tonne_year=0.65",
                                      "--save-spec", spec.path, "-o", fit.path, "-q"])
        #expect(r.status == 0, "\(r.stderr)")
        let original = try Self.json(fit)
        func run(_ args: [String]) throws -> (json: [String: Any], stderr: String) {
            let p = try NMMFitBinary.run(args + ["--spec", spec.path, "--json"])
            #expect(p.status == 0, "\(p.stderr)")
            return (try #require(try JSONSerialization.jsonObject(with: Data(p.stdout.utf8)) as? [String: Any]), p.stderr)
        }
        let iv = try run(["interval"])
        #expect(iv.json["cl"] as? Double == 0.95)
        #expect(iv.json["interval_muB"] as? [Double] == original["interval_muB"] as? [Double])
        #expect(!iv.stderr.contains("replaces"))
        // the saved analysis's records reach every reader's provenance
        #expect(iv.json["spec_overrides"] as? [String] == ["xenon1t_sr1.exposure_tonne_year=0.65"])
        let given = try run(["interval", "--cl", "0.9"])
        #expect(given.json["cl"] as? Double == 0.9)
        #expect(given.stderr.contains("note: --cl 0.9 replaces the confidence level 0.95 saved in the spec"), "\(given.stderr)")
        let refit = try run(["fit", "--cl", "0.9", "-q"])
        #expect(refit.json["cl"] as? Double == 0.9 && refit.stderr.isEmpty, "-q keeps stderr quiet: \(refit.stderr)")
        let noted = try NMMFitBinary.run(["fit", "--spec", spec.path, "--cl", "0.9"])
        #expect(noted.status == 0 && noted.stderr.contains("note: --cl 0.9 replaces the confidence level 0.95 saved in the spec"), "\(noted.stderr)")
        // a physics option with --spec would be ignored (the spec fixes the physics): a usage error, one line
        let physics = try NMMFitBinary.run(["interval", "--spec", spec.path, "--atomic", "free"])
        #expect(physics.status == 64 && physics.stderr.contains("--atomic applies only with datasets"), "\(physics.stderr)")
        #expect(physics.stderr.split(separator: "\n").count == 1, "\(physics.stderr)")
        let wilks = try run(["interval", "--method", "wilks"])
        #expect(wilks.json["interval_method"] as? String == "wilks" && wilks.json["cl"] as? Double == 0.95)
        #expect(wilks.stderr.contains("--method wilks replaces the interval method asymptotic-unified"), "\(wilks.stderr)")
        let sens = try run(["sensitivity", "--toys", "5", "-q"])
        #expect(sens.json["cl"] as? Double == 0.95)
        #expect(sens.json["expected_limit_asimov_median_muB"] as? Double == original["expected_limit_asimov_median_muB"] as? Double)
        // scan draws the interval at the saved CL: its default grid ends at 2.2 × the 95 % upper end
        let scan = try run(["scan", "--points", "3", "-q"])
        let points = try #require(scan.json["points"] as? [[String: Any]])
        let upper = try #require((original["interval_muB"] as? [Double])?.last)
        #expect(points.last?["mu_nu_muB"] as? Double == 2.2 * upper)
    }
}
