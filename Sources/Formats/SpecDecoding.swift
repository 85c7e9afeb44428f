import Foundation
import Yams

/// Strict decoding of versioned spec files (JSON or YAML).
public enum SpecDecoding {
    /// Decodes a versioned JSON or YAML spec: rejects unknown keys (with their path) and
    /// unsupported versions, and maps decoding errors to ``InputError``s naming the key path.
    public static func decode<T: Decodable>(
        _ data: Data, file: String, yaml: Bool, allowedKeys: [String: Set<String>], versionKey: String, supported: [Int]
    ) throws -> T {
        let tree: Any
        do {
            if yaml {
                guard let text = String(data: data, encoding: .utf8) else { throw InputError(file: file, "not UTF-8 text") }
                tree = try yamlTree(try Yams.compose(yaml: text), file: file, depth: 0) ?? [String: Any]()
            } else {
                tree = try JSONSerialization.jsonObject(with: data)
            }
        } catch let e as InputError { throw e } catch {
            throw InputError(file: file, "malformed \(yaml ? "YAML" : "JSON"): \(error)")
        }
        try check(tree, allowed: allowedKeys, file: file)
        if let dict = tree as? [String: Any], let v = dict[versionKey] as? Int, !supported.contains(v) {
            throw InputError(file: file, field: versionKey, "spec version \(v) is not supported by this nmmfit (supported: \(supported))")
        }
        do {
            // YAML is decoded through the same JSON decoder: one set of rules for both.
            let json = yaml ? try JSONSerialization.data(withJSONObject: tree) : data
            return try JSONDecoder().decode(T.self, from: json)
        } catch let e as DecodingError {
            throw InputError(file: file, field: path(of: e), message(of: e))
        } catch {
            throw InputError(file: file, "cannot interpret the spec: \(error)")
        }
    }


    /// Converts a composed YAML node into JSON-like Foundation values. Yams' own constructor
    /// force-unwraps non-string mapping keys (a crash found by fuzzing), so nmmfit walks the
    /// node tree itself: keys must be strings, nesting is limited, scalars are resolved by their
    /// tags (int, float, bool, null, string).
    static func yamlTree(_ node: Node?, file: String, depth: Int) throws -> Any? {
        guard let node else { return nil }
        guard depth < 64 else { throw InputError(file: file, "YAML nested more than 64 levels deep") }
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
            for (k, v) in m {
                guard case .scalar(let key) = k else {
                    throw InputError(file: file, line: k.mark.map { $0.line }, "YAML mapping keys must be plain strings")
                }
                out[key.string] = try yamlTree(v, file: file, depth: depth + 1) ?? NSNull()
            }
            return out
        case .sequence(let seq):
            return try seq.map { try yamlTree($0, file: file, depth: depth + 1) ?? NSNull() }
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

    static func message(of e: DecodingError) -> String {
        switch e {
        case .typeMismatch(let t, _): "wrong type (expected \(t))"
        case .valueNotFound(let t, _): "missing value (expected \(t))"
        case .keyNotFound: "required key is missing"
        case .dataCorrupted(let c): c.debugDescription
        @unknown default: "invalid"
        }
    }
}
