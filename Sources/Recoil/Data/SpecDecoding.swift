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
                tree = try Yams.load(yaml: text) ?? [:]
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
