import Foundation
import Testing
@testable import Formats

/// Malformed inputs give an `InputError` naming the file, line and field (issue #7).
@Suite("Bad input is reported clearly")
struct BadInputTests {
    static let header = "E_lo_keV,E_hi_keV,observed_counts,b0_counts,tritium_counts\n"

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var csv: String
        var line: Int?
        var field: String?
        var fragment: String
        var testDescription: String { name }
    }

    static let csvCases: [Case] = [
        Case(name: "empty file", csv: "", line: nil, field: nil, fragment: "empty"),
        Case(name: "header only", csv: header, line: nil, field: nil, fragment: "no data rows"),
        Case(name: "wrong column count", csv: header + "1,2,3,4,5\n2,3,4,5\n", line: 3, field: nil, fragment: "expected 5 fields"),
        Case(name: "non-numeric field", csv: header + "1,2,abc,4,5\n", line: 2, field: "observed_counts", fragment: "not a number"),
        Case(name: "NaN", csv: header + "1,2,3,nan,5\n", line: 2, field: "b0_counts", fragment: "not finite"),
        Case(name: "infinity", csv: header + "1,2,3,4,inf\n", line: 2, field: "tritium_counts", fragment: "not finite"),
    ]

    @Test("CSV parsing errors name file, line and field", arguments: csvCases)
    func csvErrors(c: Case) {
        do {
            _ = try CSVTable(text: c.csv, file: "bad.csv")
            Issue.record("no error for \(c.name)")
        } catch let e as InputError {
            #expect(e.file == "bad.csv")
            #expect(e.line == c.line)
            #expect(e.field == c.field)
            #expect(e.description.contains(c.fragment), "\(e)")
        } catch { Issue.record("unexpected \(error)") }
    }

    // MARK: - issue #17: parsing policy, YAML bounds, messages, limits

    @Test("LF, CRLF and CR line ends and a BOM give the same table and line numbers",
          arguments: ["\n", "\r\n", "\r"])
    func lineEnds(eol: String) throws {
        let lf = "# comment\nE_lo_keV,E_hi_keV,n\n1,2,26\n2,3,61\n"
        let text = "\u{FEFF}" + lf.replacingOccurrences(of: "\n", with: eol)
        let t = try CSVTable(text: text, file: "f.csv")
        #expect(t.columns == ["E_lo_keV", "E_hi_keV", "n"])
        #expect(try t.column("n") == [26, 61])
        #expect(t.lines == [3, 4])
        let decoded = try TextInput.decode(Data(text.utf8), file: "f.csv")
        #expect(decoded == lf)
    }

    @Test("a NUL or escape byte inside a CSV field names file, line and field",
          arguments: ["\u{0}", "\u{1B}", "\u{7F}"])
    func controlCharacters(c: String) {
        let text = Self.header + "1,2,26,4,5\n2,3,6" + c + "1,4,5\n"
        do {
            _ = try CSVTable(text: text, file: "f.csv")
            Issue.record("accepted a control character")
        } catch let e as InputError {
            #expect(e.file == "f.csv" && e.line == 3 && e.field == "observed_counts", "\(e)")
            #expect(e.message.contains("control character"))
        } catch { Issue.record("\(error)") }
    }

    @Test("invalid UTF-8 and UTF-16 are refused with the line")
    func encodings() {
        #expect(throws: InputError.self) { _ = try TextInput.decode(Data([0x61, 0x0A, 0xFF]), file: "f") }
        do { _ = try TextInput.decode(Data([0x61, 0x0A, 0x62, 0xC3]), file: "f") } catch let e as InputError {
            #expect(e.line == 2 && e.message.contains("not UTF-8"))
        } catch { Issue.record("\(error)") }
        #expect(throws: InputError.self) { _ = try TextInput.decode(Data([0xFF, 0xFE, 0x7B, 0x00]), file: "f") }
    }

    @Test("the YAML pre-scan refuses deep nesting in every style before Yams parses it",
          arguments: [
            "a: " + String(repeating: "[", count: 100_000),
            "a: " + String(repeating: "{b: ", count: 100_000),
            "a:\n" + String(repeating: "- ", count: 100_000) + "x\n",
            "a:\n" + (1...200).map { String(repeating: " ", count: $0) + "k\($0):\n" }.joined(),
            "a:\n" + (1...200).map { String(repeating: " ", count: $0) + "- \n" }.joined(),
            "a: [\n" + String(repeating: "[\n", count: 100) + "]\n",
          ])
    func yamlDepth(text: String) {
        do {
            try YAMLGuard.check(text, file: "deep.yaml")
            Issue.record("accepted")
        } catch let e as InputError {
            #expect(e.message.contains("nested more than 64"), "\(e)")
        } catch { Issue.record("\(error)") }
    }

    @Test("the YAML pre-scan does not count brackets in strings, comments, plain scalars or block scalars")
    func yamlDepthFalsePositives() throws {
        let brackets = String(repeating: "[", count: 200)
        let text = """
        a: "\(brackets)"
        b: '\(brackets)'
        c: text\(brackets) # \(brackets)
        d: |
          \(brackets)
          {{{{{{{{{{{{{{{{
        e: [1, [2, "]]]]"], {f: '[[['}]
        """
        try YAMLGuard.check(text, file: "ok.yaml")
        try YAMLGuard.check(HEPDataTests.spectrum, file: "hepdata.yaml")
    }

    @Test("billion laughs is refused by the expansion budget, few aliases are fine")
    func billionLaughs() throws {
        var laughs = "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n"
        for i in 1...9 { laughs += "a\(i): &a\(i) [" + Array(repeating: "*a\(i - 1)", count: 9).joined(separator: ", ") + "]\n" }
        do {
            _ = try SpecDecoding.composeYAML(laughs, file: "lol.yaml")
            Issue.record("accepted")
        } catch let e as InputError {
            #expect(e.message.contains("aliases expand"), "\(e)")
        }
        let fine = "x: &x {a: 1, b: 2}\ny: *x\nz: *x\n"
        let tree = try SpecDecoding.composeYAML(fine, file: "ok.yaml")?.tree as? [String: Any]
        #expect((tree?["z"] as? [String: Any])?["b"] as? Int == 2)
    }

    @Test("messages are one line of bounded length with control characters escaped")
    func messageCap() {
        let junk = String(repeating: "x", count: 10_000_000)
        let e = InputError(file: "f.csv", line: 3, field: "n", "\(InputError.excerpt(junk)) is not a number")
        #expect(e.description.count < 200 && e.description.contains("(10000000 characters)"))
        let long = InputError(file: "f", junk + "\n\u{0}")
        #expect(long.description.count <= InputError.maxMessageCharacters + 40)
        #expect(!InputError(file: "f", "a\nb\u{0}c").description.contains("\n"))
        #expect(InputError(file: "f", "a\nb").description == "f: a\\u{a}b")
    }

    @Test("limits: checked products cannot overflow, and the message says how to raise the limit")
    func limits() throws {
        #expect(throws: InputError.self) { try ResourceLimit.toys.check(product: [Int.max, Int.max], option: "x") }
        #expect(throws: InputError.self) { try ResourceLimit.toys.check(Int.max, option: "--toys") }
        try ResourceLimit.toys.check(product: [1000, 1000], option: "x")
        do { try ResourceLimit.bins.check(10_000_000_000, option: "bins") } catch let e as InputError {
            #expect(e.message.contains("NMMFIT_MAX_BINS"))
        }
        // toys × shards at their ceilings stays below 2⁶³ (the sharding arithmetic)
        #expect(!ResourceLimit.toys.ceiling.multipliedReportingOverflow(by: ResourceLimit.shards.ceiling + 1).overflow)
    }

    @Test("FIFOs, folders and devices are refused as input and as output without blocking")
    func fileKinds() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-kinds-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        #expect(mkfifo(fifo, 0o644) == 0)
        // a device through a link in the temporary folder: a faulty build replaces the link, not /dev/null
        let device = dir.appendingPathComponent("device").path
        try FileManager.default.createSymbolicLink(atPath: device, withDestinationPath: "/dev/null")
        for (path, kind) in [(fifo, "FIFO"), (dir.path, "folder"), (device, "character device")] {
            do { _ = try TextInput.read(path: path, what: "table") } catch let e as InputError {
                #expect(e.message.contains(kind), "\(e)")
            }
            do { try OutputFile.write("x", to: path, force: true) } catch let e as InputError {
                #expect(e.message.contains(kind), "\(e)")
            }
        }
        #expect(throws: InputError.self) { try OutputFile.write("x", to: dir.path + "/sub/", force: true) }
        // a normal write leaves only the file (no temporary or lock file)
        try OutputFile.write("x", to: dir.appendingPathComponent("ok.json").path)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["device", "ok.json", "pipe"])
    }
}

