import Foundation
import Yams

/// Strict decoding of versioned spec files (JSON or YAML).
public enum SpecDecoding {
    /// Decodes a versioned JSON or YAML spec: rejects unknown keys (with their path) and
    /// unsupported versions, and maps decoding errors to ``InputError``s naming the key path.
    /// The reading budget is the same for every spec: at most `limit` bytes, nesting and node
    /// counts bounded (``JSONGuard``, ``YAMLGuard``) before a parser sees the text, and no key
    /// given twice in one object.
    public static func decode<T: Decodable>(
        _ data: Data, file: String, yaml: Bool, allowedKeys: [String: Set<String>], versionKey: String, supported: [Int],
        limit: ResourceLimit = .fileBytes
    ) throws -> T {
        try limit.check(data.count, option: "size", file: file)
        let tree: Any
        let text = try TextInput.decode(data, file: file)
        if yaml {
            tree = try composeYAML(text, file: file)?.tree ?? [String: Any]()
        } else {
            tree = try parseJSON(text, file: file)
        }
        try check(tree, allowed: allowedKeys, file: file)
        if let dict = tree as? [String: Any], let v = dict[versionKey] as? Int, !supported.contains(v) {
            throw InputError(file: file, field: versionKey, "spec version \(v) is not supported by this nmmfit (supported: \(supported))")
        }
        do {
            // YAML is decoded through the same JSON decoder: one set of rules for both.
            let json = yaml ? try JSONSerialization.data(withJSONObject: tree) : Data(text.utf8)
            return try JSONDecoder().decode(T.self, from: json)
        } catch let e as DecodingError {
            throw InputError(file: file, field: path(of: e), message(of: e))
        } catch {
            throw InputError(file: file, "cannot interpret the spec: \(error)")
        }
    }


    /// Parses JSON text within the reading budget: NUL refused, nesting and repeated keys
    /// checked by ``JSONGuard`` first, then Foundation's parser. Errors are one-line ``InputError``s.
    public static func parseJSON(_ text: String, file: String?) throws -> Any {
        try TextInput.requireNoNUL(text, file: file)
        try JSONGuard.check(text, file: file)
        do {
            return try JSONSerialization.jsonObject(with: Data(text.utf8))
        } catch {
            throw InputError(file: file, "malformed JSON: \(OSErrorText.jsonReason(error))")
        }
    }

    /// Composes a YAML document safely: the text is first bounded by ``YAMLGuard`` (nesting
    /// depth, aliases: estimated on the text, then counted exactly by libyaml's event parser,
    /// ``YAMLGuard/checkEvents(_:file:)``), then composed by Yams, then converted to JSON-like Foundation values
    /// with at most ``ResourceLimit/yamlExpansionFactor`` nodes per byte (alias expansion).
    /// Returns nil for an empty document. Errors are one-line ``InputError``s with the line.
    public static func composeYAML(_ text: String, file: String) throws -> (node: Node, tree: Any)? {
        try YAMLGuard.check(text, file: file)
        try YAMLGuard.checkEvents(text, file: file)
        let node: Node?
        do {
            node = try Yams.compose(yaml: text)
        } catch let e as YamlError {
            throw yamlError(e, file: file)
        } catch {
            throw InputError(file: file, "malformed YAML")
        }
        guard let node else { return nil }
        var budget = min(ResourceLimit.yamlExpansionFactor * text.utf8.count + 1000, try ResourceLimit.documentNodes.value())
        guard let tree = try yamlTree(node, file: file, depth: 0, budget: &budget) else { return nil }
        return (node, tree)
    }

    /// A Yams error as one line: "malformed YAML: <problem>" at its line (never the echoed text).
    static func yamlError(_ e: YamlError, file: String) -> InputError {
        switch e {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _), let .composer(context, problem, mark, _):
            let ctx = context.map { " (\($0.text))" } ?? ""
            return InputError(file: file, line: mark.line, "malformed YAML at column \(mark.column): \(problem)\(ctx)")
        case let .reader(problem, offset, _, _):
            return InputError(file: file, "malformed YAML: \(problem)\(offset.map { " at byte offset \($0)" } ?? "")")
        case .memory: return InputError(file: file, "malformed YAML: the YAML parser ran out of memory")
        default: return InputError(file: file, "malformed YAML")
        }
    }

    /// Converts a composed YAML node into JSON-like Foundation values. Yams' own constructor
    /// force-unwraps non-string mapping keys (a crash found by fuzzing), so nmmfit walks the
    /// node tree itself: keys must be strings, nesting is limited, each node visited costs one
    /// unit of `budget` (aliases are visited once per use), scalars are resolved by their
    /// tags (int, float, bool, null, string).
    static func yamlTree(_ node: Node?, file: String, depth: Int, budget: inout Int) throws -> Any? {
        guard let node else { return nil }
        let maxDepth = try ResourceLimit.nestingDepth.value()
        guard depth < maxDepth else {
            throw InputError(file: file, line: node.mark?.line, "YAML nested more than \(maxDepth) levels deep")
        }
        budget -= 1
        guard budget >= 0 else {
            throw InputError(file: file, line: node.mark?.line,
                             "YAML aliases expand to more than \(ResourceLimit.yamlExpansionFactor) nodes per byte of the file or more than \(ResourceLimit.documentNodes.defaultValue) nodes (\"billion laughs\"); write the values out")
        }
        switch node {
        case .scalar(let sc):
            switch node.tag.description {
            case Tag.Name.int.rawValue: if let i = Int.construct(from: sc) { return i }
            case Tag.Name.float.rawValue: if let d = Double.construct(from: sc) { return d }
            case Tag.Name.bool.rawValue: if let b = Bool.construct(from: sc) { return b }
            case Tag.Name.null.rawValue: return NSNull()
            default: break
            }
            return sc.string
        case .mapping(let m):
            var out: [String: Any] = [:]
            var places: [String: String] = [:]
            for (k, v) in m {
                guard case .scalar(let key) = k else {
                    throw InputError(file: file, line: k.mark.map { $0.line }, "YAML mapping keys must be plain strings")
                }
                let place = k.mark.map { "line \($0.line), column \($0.column)" } ?? "?"
                if let first = places[key.string] {
                    throw InputError(file: file, line: k.mark?.line, field: key.string,
                                     "the key is given twice in one mapping (\(first) and \(place)); give it once")
                }
                places[key.string] = place
                out[key.string] = try yamlTree(v, file: file, depth: depth + 1, budget: &budget) ?? NSNull()
            }
            return out
        case .sequence(let seq):
            return try seq.map { try yamlTree($0, file: file, depth: depth + 1, budget: &budget) ?? NSNull() }
        }
    }

    static func check(_ tree: Any, allowed: [String: Set<String>], file: String, path: String = "", schema: String = "") throws {
        if let dict = tree as? [String: Any] {
            if let keys = allowed[schema] {
                for k in dict.keys.sorted() where !keys.contains(k) {
                    let p = path.isEmpty ? k : "\(path).\(k)"
                    throw InputError(file: file, field: p, "unknown key (allowed here: \(keys.sorted().joined(separator: ", ")))")
                }
            }
            for (k, v) in dict {
                let p = path.isEmpty ? k : "\(path).\(k)"
                let s = schema.isEmpty ? k : "\(schema).\(k)"
                try check(v, allowed: allowed, file: file, path: p, schema: s)
            }
        } else if let arr = tree as? [Any] {
            for (i, v) in arr.enumerated() {
                try check(v, allowed: allowed, file: file, path: "\(path)[\(i)]", schema: "\(schema)[]")
            }
        } else if path.isEmpty {
            throw InputError(file: file, "the top level must be an object")
        } else if let s = tree as? String,
                  let c = s.unicodeScalars.first(where: { ($0.value < 0x20 && $0 != "\n" && $0 != "\t") || ($0.value >= 0x7F && $0.value < 0xA0) || TextInput.breaksDisplay($0) }) {
            throw InputError(file: file, field: path, "contains the control character U+\(String(format: "%04X", c.value)); text must be printable")
        }
    }

    static func path(of e: DecodingError) -> String {
        let ctx: DecodingError.Context
        var last: String?
        switch e {
        case .typeMismatch(_, let c), .valueNotFound(_, let c), .dataCorrupted(let c): ctx = c
        case .keyNotFound(let k, let c):
            ctx = c
            last = k.stringValue
        @unknown default: return ""
        }
        var parts: [String] = []
        for k in ctx.codingPath {
            if let i = k.intValue { parts[parts.count - 1] += "[\(i)]" } else { parts.append(k.stringValue) }
        }
        if let last { parts.append(last) }
        return parts.joined(separator: ".")
    }

    /// A decoded type in the words of a JSON/YAML file ("a number", "an array, e.g. [1, 20]"),
    /// not Swift's ("Array<Any>").
    public static func expected(_ t: Any.Type) -> String {
        switch t {
        case is Double.Type, is Float.Type: return "a number"
        case is Int.Type, is UInt64.Type, is Int64.Type, is UInt.Type: return "an integer"
        case is String.Type: return "a string"
        case is Bool.Type: return "true or false"
        default: break
        }
        let name = "\(t)"
        if name.hasPrefix("Array<") || name.hasPrefix("[") { return "an array, e.g. [1, 20]" }
        if name.hasPrefix("Dictionary<") { return "an object ({\"key\": value, …})" }
        return name
    }

    static func message(of e: DecodingError) -> String {
        switch e {
        case .typeMismatch(let t, _): "wrong type (expected \(expected(t)))"
        case .valueNotFound(let t, _): "missing value (expected \(expected(t)))"
        case .keyNotFound: "required key is missing"
        case .dataCorrupted(let c): c.debugDescription
        @unknown default: "invalid"
        }
    }
}
