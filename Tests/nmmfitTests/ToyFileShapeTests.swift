import Foundation
import Testing

/// Issue 14: a toys file is readable by common tools without special handling. Its header line
/// shares no key with a toy record (format 1 had `statistic: "q0"` beside the records' numeric
/// `statistic`, so `pandas.read_json(path, lines=True)["statistic"]` became a text column), and
/// every record has one shape.
@Suite("Toys files: one record shape, an unmistakable header")
struct ToyFileShapeTests {
    /// The JSON type of a value as pandas/JSON see it.
    static func kind(_ v: Any) -> String {
        if let n = v as? NSNumber {
            if String(cString: n.objCType) == "c" { return "bool" }
            return "number"
        }
        return v is String ? "string" : v is NSNull ? "null" : "other"
    }

    static func toysFile(_ tmp: URL, _ extra: [String]) throws -> [[String: Any]] {
        let f = tmp.appendingPathComponent("t.jsonl")
        let r = try CLITests.run(["toys", "-n", "12", "-o", f.path, "-q", "--force"] + extra)
        #expect(r.status == 0, "\(r.stderr)")
        let text = try String(contentsOf: f, encoding: .utf8)
        return try text.split(separator: "\n").map {
            try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])
        }
    }

    @Test("header keys are disjoint from record keys; every record has the same keys and JSON types",
          arguments: [[String](), ["--statistic", "t", "--mu", "2e-11"]])
    func oneShape(_ extra: [String]) throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let rows = try Self.toysFile(tmp, extra)
        #expect(rows.count == 13)
        let header = rows[0], records = rows.dropFirst()
        #expect(header["nmmfit_toys"] as? Int == 3)
        let shape = records.first!.mapValues(Self.kind)
        for r in records { #expect(r.mapValues(Self.kind) == shape) }
        #expect(shape["statistic"] == "number" && shape["toy"] == "number" && shape["converged"] == "bool")
        #expect(Set(header.keys).isDisjoint(with: shape.keys), "\(header.keys) ∩ \(shape.keys)")
    }

    @Test("pandas.read_json(lines=True) gives a numeric statistic column (when pandas is installed)")
    func pandasReadsIt() throws {
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        probe.arguments = ["python3", "-c", "import pandas"]
        probe.standardError = FileHandle.nullDevice
        try probe.run()
        probe.waitUntilExit()
        // without pandas the test above is the check (same property, asserted in Swift)
        try #require(probe.terminationStatus == 0, "pandas not installed (pip install pandas)")
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        _ = try Self.toysFile(tmp, [])
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", """
            import sys, pandas
            df = pandas.read_json(sys.argv[1], lines=True)
            toys = df[df["statistic_name"].isna()]
            assert str(df["statistic"].dtype) == "float64", df["statistic"].dtype
            assert len(toys) == 12 and toys["statistic"].notna().all()
            assert df["statistic_name"].iloc[0] == "q0"
            print("ok", df["statistic"].dtype)
            """, tmp.appendingPathComponent("t.jsonl").path]
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let o = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        #expect(p.terminationStatus == 0 && o.contains("ok float64"), "\(o)")
    }

    @Test("a format-1 toys file is refused with a line naming the format, for reading and for resuming")
    func oldFormatRefused() throws {
        let tmp = try CLITests.tempDir()
        defer { try? FileManager.default.removeItem(at: tmp) }
        let old = tmp.appendingPathComponent("old.jsonl")
        let v1 = #"{"model":"xenon1t_sr1","model_digest":"2d83815cfde54528","mu_nu_true":0,"nmmfit_toys":1,"nshards":1,"seed":1,"shard":0,"statistic":"q0","total_toys":1}"#
            + "\n" + #"{"converged":true,"failed":false,"mu_nu_hat":0,"nll_constrained":1,"nll_free":1,"s_hat":0,"s_hat_error":1,"statistic":0,"toy":0}"# + "\n"
        try Data(v1.utf8).write(to: old)
        for args in [["significance", "--from-toys", old.path], ["toys", "-n", "1", "-o", old.path], ["merge", old.path, "-o", tmp.appendingPathComponent("m.jsonl").path]] {
            let r = try CLITests.run(args)
            #expect(r.status == 2 && r.stderr.contains("toys file format 1") && r.stderr.contains("format 2"), "\(args): \(r.stderr)")
        }
        #expect(try String(contentsOf: old, encoding: .utf8) == v1)
    }
}
