import Foundation
import Testing
@testable import Formats

/// The reading budget of structured text (depth, nodes, size per file type), the one rule for
/// repeated names, and the one lock and write path — in process, without the binary.
@Suite("Reading budget, repeated names and output locks")
struct ReadingBudgetTests {
    static func tempDir() throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-budget-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    static func message(_ body: () throws -> Void) -> String {
        do { try body() } catch { return "\(error)" }
        return ""
    }

    @Test("the YAML guard ends lines where libyaml does: LF, CR, NEL, U+2028, U+2029", arguments: ["\n", "\r", "\u{85}", "\u{2028}", "\u{2029}"])
    func yamlUnicodeLineBreaks(_ lineBreak: String) throws {
        // 5000 nested block sequences, one per line, separated by `lineBreak`
        var text = "nmmfit_model: 1" + lineBreak + "channels:" + lineBreak
        for i in 0..<5000 { text += String(repeating: " ", count: 2 * i) + "-" + lineBreak }
        let m = Self.message { try YAMLGuard.check(text, file: "deep.yaml") }
        #expect(m.contains("nested more than 64 levels"), "\(m)")
        // and the line number is libyaml's, counting those breaks
        #expect(m.contains("deep.yaml:"), "\(m)")
    }

    @Test("a spec nested with U+2028 line breaks is refused before Yams composes it (no stack overflow)")
    func deepSpecWithLineSeparators() throws {
        var text = "nmmfit_model: 1\u{2028}channels:\u{2028}"
        for i in 0..<5000 { text += String(repeating: " ", count: i) + "- \u{2028}" }
        let m = Self.message {
            let _: [String: Int] = try SpecDecoding.decode(Data(text.utf8), file: "s.yaml", yaml: true, allowedKeys: [:],
                                                           versionKey: "nmmfit_model", supported: [1])
        }
        #expect(m.contains("nested more than"), "\(m)")
    }

    @Test("JSON: depth, node count and repeated keys are checked before parsing")
    func jsonGuard() throws {
        let deep = "{\"a\":" + String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000) + "}"
        #expect(Self.message { try JSONGuard.check(deep, file: "d.json") }.contains("JSON nested more than 64 levels"))
        let dup = "{\"nmmfit_model\": 1,\n \"channels\": [],\n \"nmmfit_model\": 2}"
        let m = Self.message { try JSONGuard.check(dup, file: "d.json") }
        #expect(m.contains("d.json:3") && m.contains("'nmmfit_model'") && m.contains("line 1, column 2") && m.contains("line 3, column 2"), "\(m)")
        // the same key written with an escape is the same key
        #expect(Self.message { try JSONGuard.check("{\"a\": 1, \"\\u0061\": 2}", file: "e.json") }.contains("given twice"))
        // the same key in different objects, or in a string value, is fine
        try JSONGuard.check("{\"a\": {\"a\": 1}, \"b\": [{\"a\": 1}, {\"a\": \"a\"}], \"c\": \"{\\\"a\\\": 1, \\\"a\\\": 2}\"}", file: "ok.json")
        let nodes = try ResourceLimit.documentNodes.value()
        let wide = "[" + String(repeating: "1,", count: nodes + 1) + "1]"
        #expect(Self.message { try JSONGuard.check(wide, file: "w.json") }.contains("more than \(nodes) values"))
    }

    @Test("YAML: a repeated mapping key names both places; too many nodes are refused before composing")
    func yamlDuplicatesAndNodes() throws {
        let m = Self.message { _ = try SpecDecoding.composeYAML("a: 1\nb: 2\na: 3\n", file: "d.yaml") }
        #expect(m.contains("d.yaml:3") && m.contains("'a'") && m.contains("line 1") && m.contains("line 3"), "\(m)")
        let nodes = try ResourceLimit.documentNodes.value()
        let wide = "pad: [" + String(repeating: "1,", count: nodes + 1) + "1]\n"
        #expect(Self.message { try YAMLGuard.check(wide, file: "w.yaml") }.contains("more than \(nodes) values"))
    }

    @Test("each kind of file has its own size limit")
    func sizeLimitPerKind() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let f = dir.appendingPathComponent("m.json")
        let limit = try ResourceLimit.momentMatrixBytes.value()
        try Data(repeating: 0x20, count: limit + 1).write(to: f)
        let m = Self.message { _ = try TextInput.readData(path: f.path, what: "moment-matrix file", limit: .momentMatrixBytes) }
        #expect(m.contains("bytes per moment-matrix file"), "\(m)")
        // the same file is within the general limit
        _ = try TextInput.readData(path: f.path, what: "table")
        #expect(try ResourceLimit.momentMatrixBytes.value() < ResourceLimit.datasetSpecBytes.value())
        #expect(try ResourceLimit.datasetSpecBytes.value() < ResourceLimit.modelSpecBytes.value())
        // spec bytes passed in memory are held to the same limit
        let big = Data(repeating: 0x20, count: try ResourceLimit.datasetSpecBytes.value() + 1)
        let m2 = Self.message {
            let _: [String: Int] = try SpecDecoding.decode(big, file: "x.json", yaml: false, allowedKeys: [:], versionKey: "v",
                                                           supported: [1], limit: .datasetSpecBytes)
        }
        #expect(m2.contains("bytes per dataset spec"), "\(m2)")
    }

    @Test("a CSV column named twice is refused, naming both columns")
    func csvDuplicateColumn() {
        let m = Self.message { _ = try CSVTable(text: "T_keV,Z,T_keV\n1,2,3\n", file: "a.csv") }
        #expect(m.contains("a.csv:1") && m.contains("'T_keV'") && m.contains("columns 1 and 3"), "\(m)")
    }

    @Test("the lock file is never followed: a symbolic link or FIFO there is refused, the link's target untouched")
    func lockRefusesLinks() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o.json").path
        let victim = dir.appendingPathComponent("victim").path
        try "victim\n".write(toFile: victim, atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: FileLock.lockPath(for: out), withDestinationPath: victim)
        let m = Self.message { try OutputFile.write("x", to: out) }
        #expect(m.contains("is a symbolic link"), "\(m)")
        #expect(Self.message { try FileLock.checkLockPath(for: out) }.contains("is a symbolic link"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        #expect(!FileManager.default.fileExists(atPath: out))
        try FileManager.default.removeItem(atPath: FileLock.lockPath(for: out))
        #expect(mkfifo(FileLock.lockPath(for: out), 0o644) == 0)
        #expect(Self.message { try OutputFile.write("x", to: out) }.contains("FIFO"))
    }

    @Test("OutputFile.lock re-checks under the lock: an existing output without force is refused, with mayExist allowed")
    func lockRechecks() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("t.jsonl").path
        try "old\n".write(toFile: out, atomically: true, encoding: .utf8)
        #expect(Self.message { _ = try OutputFile.lock(out, force: false) }.contains("output file exists"))
        let (target, lock) = try OutputFile.lock(out, force: false, mayExist: true)
        #expect(target == URL(fileURLWithPath: out).resolvingSymlinksInPath().path || target == out)
        lock.release()
        #expect(!FileManager.default.fileExists(atPath: FileLock.lockPath(for: out)))
    }

    @Test("YAML depth and nodes are counted by libyaml's own events: a block scalar ended by a smaller indentation than the text scan assumed cannot hide 100000 nested sequences")
    func yamlEventCount() throws {
        // libyaml ends the block scalar at indentation 2 (the inner sequence's column); the
        // text scan took every line indented more than '- - |' for scalar content
        let hidden = "nmmfit_model: 1\nx:\n- - |\n   t\n  " + String(repeating: "- ", count: 100_000) + "a\n"
        let m = Self.message { _ = try SpecDecoding.composeYAML(hidden, file: "h.yaml") }
        #expect(m.contains("h.yaml:5") && m.contains("nested more than 64 levels"), "\(m)")
        // ordinary block scalars (and their indented text) are read as before
        let ok = "description: |\n  - not a list\n    [ not a flow\nlist:\n- - |\n    text\n  - b\n"
        let tree = try #require(try SpecDecoding.composeYAML(ok, file: "ok.yaml")?.tree as? [String: Any])
        #expect(tree["description"] as? String == "- not a list\n  [ not a flow\n")
        #expect((tree["list"] as? [[Any]])?.first?.count == 2)
        // nodes are counted as the parser sees them
        let nodes = try ResourceLimit.documentNodes.value()
        let many = "- |\n x\n" + String(repeating: "- a\n", count: nodes + 1)
        #expect(Self.message { try YAMLGuard.checkEvents(many, file: "n.yaml") }.contains("more than \(nodes) values"))
    }

    @Test("a lock file with a second name (a hard link to another file) is refused, that file untouched")
    func lockRefusesHardLinks() throws {
        let dir = try Self.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("o.json").path
        let victim = dir.appendingPathComponent("victim").path
        try "victim\n".write(toFile: victim, atomically: true, encoding: .utf8)
        #expect(link(victim, FileLock.lockPath(for: out)) == 0)
        let m = Self.message { try OutputFile.write("x", to: out) }
        #expect(m.contains("hard link"), "\(m)")
        #expect(Self.message { try FileLock.checkLockPath(for: out) }.contains("hard link"))
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "victim\n")
        #expect(!FileManager.default.fileExists(atPath: out))
    }

    @Test("a name with a line break or a terminal control cannot forge a table row or a message line")
    func displaySafety() throws {
        let table = TextFormat.table(["name", "value"], [["B0\nforged | row", "1"], ["B1\u{2028}x\u{202E}y", "2"]])
        #expect(table.split(separator: "\n").count == 4, "\(table)")
        #expect(table.contains("B0\\u{a}forged") && table.contains("\\u{2028}") && table.contains("\\u{202e}"))
        #expect(!InputError.oneLine("a\u{2028}b\u{2029}c\u{85}d").contains(where: { $0.unicodeScalars.contains { TextInput.breaksDisplay($0) || $0.value == 0x85 } }))
        // spec strings refuse them (a JSON \n in free text stays allowed)
        let spec = "{\"nmmfit_model\": 1, \"name\": \"a\\u202eb\"}"
        let m = Self.message {
            let _: [String: String] = try SpecDecoding.decode(Data(spec.utf8), file: "s.json", yaml: false, allowedKeys: [:],
                                                              versionKey: "nmmfit_model", supported: [1])
        }
        #expect(m.contains("U+202E"), "\(m)")
    }

    @Test("CSV: a quoted column name is refused (no CSV quoting); a row's field count is checked before it is split")
    func csvQuotesAndWideRows() throws {
        let q = Self.message { _ = try CSVTable(text: "a,\"a\"\n1,2\n", file: "q.csv") }
        #expect(q.contains("q.csv:1") && q.contains("quote"), "\(q)")
        let wide = "a,b\n1,2\n" + String(repeating: ",", count: 1_000_000) + "\n"
        let w = Self.message { _ = try CSVTable(text: wide, file: "w.csv") }
        #expect(w.contains("w.csv:3") && w.contains("expected 2 fields") && w.contains("found 1000001"), "\(w)")
    }
}
