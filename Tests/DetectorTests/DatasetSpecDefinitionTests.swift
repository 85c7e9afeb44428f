import Foundation
import Testing
@testable import Formats
@testable import Detector

/// The `dataset.json` format is defined once, by `DatasetSpec`'s coding keys; its JSON Schema and
/// the key tables of docs/datasets.md must list exactly those keys. Roles are declared.
@Suite("One dataset-spec definition and declared roles")
struct DatasetSpecDefinitionTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("the JSON Schema's keys are the spec's keys at every path")
    func schemaMatches() throws {
        let data = try Data(contentsOf: Self.root.appendingPathComponent("schemas/dataset-spec.schema.json"))
        let schema = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        func props(_ o: [String: Any]?) -> Set<String> { Set(((o?["properties"] as? [String: Any]) ?? [:]).keys) }
        let top = schema["properties"] as? [String: Any]
        let background = (top?["backgrounds"] as? [String: Any])?["items"] as? [String: Any]
        let paths: [String: Set<String>] = [
            "": props(schema),
            "resolution": props(top?["resolution"] as? [String: Any]),
            "efficiency": props(top?["efficiency"] as? [String: Any]),
            "observed": props(top?["observed"] as? [String: Any]),
            "backgrounds[]": props(background),
            "backgrounds[].constraint": props((background?["properties"] as? [String: Any])?["constraint"] as? [String: Any]),
        ]
        #expect(Set(paths.keys) == Set(DatasetSpec.allowedKeys.keys))
        for (path, keys) in DatasetSpec.allowedKeys { #expect(paths[path] == keys, "schema at '\(path)'") }
    }

    @Test("the key tables of docs/datasets.md list the spec's keys")
    func docsMatch() throws {
        let doc = try String(contentsOf: Self.root.appendingPathComponent("docs/datasets.md"), encoding: .utf8)
        let sections = ["### Top level": "", "### `resolution`": "resolution", "### `efficiency`": "efficiency",
                        "### `observed`": "observed", "### `backgrounds[]`": "backgrounds[]"]
        var current: String?
        var found: [String: Set<String>] = [:]
        for line in doc.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.hasPrefix("#") { current = sections[String(line)]; continue }
            guard let path = current, line.hasPrefix("| `") else { continue }
            // the first cell names one key or several (`a`, `b`)
            let cell = line.dropFirst(1).prefix { $0 != "|" }
            for (k, part) in cell.split(separator: "`", omittingEmptySubsequences: false).enumerated() where k % 2 == 1 {
                found[path, default: []].insert(String(part))
            }
        }
        for (heading, path) in sections { #expect(found[path] == DatasetSpec.allowedKeys[path], "docs table under \(heading)") }
    }

    @Test("display_name is part of the spec and names the dataset in figures; the title's leading name otherwise")
    func displayName() throws {
        let spec = try DataLocator.spec(named: "xenon1t_sr1", dataDirectory: Self.root.appendingPathComponent("data").path).spec
        #expect(spec.shownName == "XENON1T SR1")
        var named = spec
        named.displayName = "XENON1T (SR1)"
        #expect(named.shownName == "XENON1T (SR1)")
        let json = String(decoding: try JSONEncoder().encode(named), as: UTF8.self)
        let back = try DatasetSpec.decode(Data(json.utf8), file: "d.json", yaml: false)
        #expect(back.displayName == "XENON1T (SR1)")
    }

    @Test("the tritium hypothesis is declared: only XENON1T SR1's 'tritium' component has the role, and a name decides nothing")
    func roles() throws {
        let dir = Self.root.appendingPathComponent("data").path
        var tritium: [String] = []
        for name in DataLocator.available(in: Self.root.appendingPathComponent("data")) {
            let spec = try DataLocator.spec(named: name, dataDirectory: dir).spec
            for b in spec.backgrounds {
                #expect(b.role != nil, "\(name).\(b.name) declares its role")
                if b.isTritiumHypothesis { tritium.append("\(name).\(b.name)") }
            }
        }
        #expect(tritium == ["xenon1t_sr1.tritium"])
        // renaming a background does not change what it is
        let (nt, file) = try DataLocator.spec(named: "xenonnt_sr0", dataDirectory: dir)
        let renamed = try nt.applying([try DatasetSpec.Override(parsing: "xenonnt_sr0.backgrounds.B0.name=tritium_B0")], file: file.path)
        #expect(renamed.backgrounds[0].name == "tritium_B0")
        #expect(!renamed.backgrounds[0].isTritiumHypothesis)
        // an old spec without role: a background, whatever its name
        var old = nt
        old.backgrounds[0].role = nil
        old.backgrounds[0].name = "tritium"
        #expect(old.backgrounds[0].effectiveRole == .background)
        // the hypothesis cannot be on by default
        let bad = try nt.applying([try DatasetSpec.Override(parsing: "xenonnt_sr0.backgrounds.B0.role=tritium")], file: file.path)
        #expect(bad.backgrounds[0].isTritiumHypothesis)
        #expect(throws: InputError.self) {
            _ = try nt.applying([try DatasetSpec.Override(parsing: "xenonnt_sr0.backgrounds.B0.role=tritium"),
                                 try DatasetSpec.Override(parsing: "xenonnt_sr0.backgrounds.B0.enabled_by_default=true")], file: file.path)
        }
    }
}
