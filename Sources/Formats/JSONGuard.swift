import Foundation

/// Bounds a JSON document BEFORE a JSON parser sees it, as ``YAMLGuard`` does for YAML: one
/// pass over the bytes, without recursion, that refuses
/// - nesting deeper than ``ResourceLimit/nestingDepth`` levels (objects and arrays);
/// - more than ``ResourceLimit/documentNodes`` values;
/// - a key given twice in one object (JSON parsers silently keep one of them), naming both places.
/// A JSON value needs at least one byte, so the number of nodes the parser builds is at most the
/// number of bytes; with the per-file-type size limits (``ResourceLimit/modelSpecBytes``, …) this
/// bounds what parsing allocates. Syntax errors are left to the parser, which reports them.
public enum JSONGuard {
    /// Throws ``InputError`` naming the file and line of the first violation.
    public static func check(_ text: String, file: String?) throws {
        let maxDepth = try ResourceLimit.nestingDepth.value()
        let maxNodes = try ResourceLimit.documentNodes.value()
        // Every value but the first is preceded by '[', '{' or ',': an upper bound on the nodes.
        var nodes = 1
        let u = Array(text.utf8)
        struct Frame {
            var isObject: Bool
            var expectKey: Bool
            /// Each key's place, "line L, column C".
            var keys: [String: String] = [:]
        }
        var stack: [Frame] = []
        var line = 1
        var lineStart = 0
        var i = 0
        func countNode() throws {
            if nodes > maxNodes {
                throw InputError(file: file, line: line,
                                 "more than \(maxNodes) values in one JSON document\(ResourceLimit.documentNodes.howToRaise)")
            }
        }
        while i < u.count {
            let c = u[i]
            switch c {
            case 10:
                line += 1
                lineStart = i + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                nodes += 1
                try countNode()
                stack.append(Frame(isObject: c == UInt8(ascii: "{"), expectKey: c == UInt8(ascii: "{")))
                if stack.count > maxDepth {
                    throw InputError(file: file, line: line, "JSON nested more than \(maxDepth) levels deep (nmmfit's files need fewer than 10)")
                }
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if !stack.isEmpty { stack.removeLast() }
            case UInt8(ascii: ","):
                nodes += 1
                try countNode()
                if let last = stack.indices.last, stack[last].isObject { stack[last].expectKey = true }
            case UInt8(ascii: "\""):
                let start = i + 1
                let place = "line \(line), column \(i - lineStart + 1)"
                var j = start
                var escaped = false
                while j < u.count && u[j] != UInt8(ascii: "\"") {
                    if u[j] == UInt8(ascii: "\\") { escaped = true; j += 1 }
                    if j < u.count && u[j] == 10 { line += 1; lineStart = j + 1 }
                    j += 1
                }
                if let last = stack.indices.last, stack[last].isObject, stack[last].expectKey {
                    stack[last].expectKey = false
                    let raw = Array(u[start..<min(j, u.count)])
                    let key = escaped ? unescape(raw) : String(decoding: raw, as: UTF8.self)
                    if let first = stack[last].keys[key] {
                        throw InputError(file: file, line: line, field: key,
                                         "the key is given twice in one object (\(first) and \(place)); give it once")
                    }
                    stack[last].keys[key] = place
                }
                i = j
            default:
                break
            }
            i += 1
        }
    }

    /// A key's text with its escapes (`\u0061`, `\n`, …) resolved by Foundation's JSON parser, so
    /// that `"a"` and `"\u0061"` are the same key; the raw text when it is not a valid string.
    static func unescape(_ raw: [UInt8]) -> String {
        let quoted = Data([UInt8(ascii: "\"")] + raw + [UInt8(ascii: "\"")])
        return (try? JSONSerialization.jsonObject(with: quoted, options: .fragmentsAllowed)) as? String
            ?? String(decoding: raw, as: UTF8.self)
    }
}
