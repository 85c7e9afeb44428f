import Foundation
import Yams

extension HEPDataTable {
    /// Typed access to the YAML tree with located errors (key path and YAML line).
    struct Reader {
        enum Step {
            case key(String)
            case index(Int)
        }
        let file: String
        let root: Node

        func fieldPath(_ path: [Step]) -> String {
            var s = ""
            for step in path {
                switch step {
                case .key(let k): s += s.isEmpty ? k : ".\(k)"
                case .index(let i): s += "[\(i)]"
                }
            }
            return s
        }

        /// The YAML line of the node at `path` (of its key when the last step is a key, so that
        /// a list is located at its `values:` line), or of its deepest existing ancestor.
        func line(_ path: [Step]) -> Int? {
            var node = root
            var line = root.mark?.line
            for step in path {
                switch (step, node) {
                case (.key(let k), .mapping(let m)):
                    guard let pair = m.first(where: { pair in
                        if case .scalar(let s) = pair.key { return s.string == k }
                        return false
                    }) else { return line }
                    node = pair.value
                    line = pair.key.mark?.line ?? pair.value.mark?.line
                case (.index(let i), .sequence(let s)) where s.indices.contains(i):
                    node = s[i]
                    line = node.mark?.line
                default:
                    return line
                }
            }
            return line
        }

        func error(_ path: [Step], _ message: String) -> InputError {
            InputError(file: file, line: line(path), field: path.isEmpty ? nil : fieldPath(path), message)
        }

        func mapping(_ v: Any?, _ path: [Step]) throws -> [String: Any] {
            guard let v, !(v is NSNull) else { throw error(path, "required key is missing") }
            guard let m = v as? [String: Any] else { throw error(path, "must be a mapping (key: value)") }
            return m
        }

        func nonEmptyArray(_ v: Any?, _ path: [Step]) throws -> [Any] {
            guard let v, !(v is NSNull) else { throw error(path, "required key is missing") }
            guard let a = v as? [Any] else { throw error(path, "must be a list") }
            guard !a.isEmpty else { throw error(path, "must not be empty") }
            return a
        }

        func optionalText(_ v: Any?, _ path: [Step]) throws -> String? {
            guard let v, !(v is NSNull) else { return nil }
            switch v {
            case let s as String: return s
            case let i as Int: return String(i)
            case let d as Double: return String(d)
            case let b as Bool: return String(b)
            default: throw error(path, "must be text")
            }
        }

        func text(_ v: Any?, _ path: [Step]) throws -> String {
            guard let s = try optionalText(v, path) else { throw error(path, "required key is missing") }
            return s
        }

        func header(_ v: Any?, _ path: [Step]) throws -> Header {
            let m = try mapping(v, path)
            let name = try text(m["name"], path + [.key("name")])
            let units = try optionalText(m["units"], path + [.key("units")])
            return Header(name: name, units: units?.isEmpty == true ? nil : units)
        }

        /// A finite number (a YAML int or float, or a string holding one); nil when absent.
        func optionalNumber(_ v: Any?, _ path: [Step]) throws -> Double? {
            guard let v, !(v is NSNull) else { return nil }
            let x: Double
            switch v {
            case is Bool: throw error(path, "'\(v)' is not a number")
            case let i as Int: x = Double(i)
            case let d as Double: x = d
            case let s as String:
                guard let d = Double(s.trimmingCharacters(in: .whitespaces)) else { throw error(path, "'\(s)' is not a number") }
                x = d
            default: throw error(path, "must be a number")
            }
            guard x.isFinite else { throw error(path, "value \(x) is not finite") }
            return x
        }

        /// A number or a percentage of |value| (`'5%'`).
        func magnitude(_ v: Any?, value: Double, _ path: [Step]) throws -> Double {
            if let s = v as? String, s.trimmingCharacters(in: .whitespaces).hasSuffix("%") {
                let t = s.trimmingCharacters(in: .whitespaces).dropLast().trimmingCharacters(in: .whitespaces)
                guard let p = Double(t), p.isFinite else { throw error(path, "'\(s)' is not a percentage") }
                return p / 100 * abs(value)
            }
            guard let x = try optionalNumber(v, path) else { throw error(path, "required key is missing") }
            return x
        }

        func uncertainties(_ v: Any?, value: Double, _ path: [Step]) throws -> [Uncertainty] {
            guard let v, !(v is NSNull) else { return [] }
            guard let list = v as? [Any] else { throw error(path, "must be a list") }
            return try list.enumerated().map { j, raw in
                let p = path + [.index(j)]
                let m = try mapping(raw, p)
                let label = try optionalText(m["label"], p + [.key("label")])
                switch (m["symerror"], m["asymerror"]) {
                case (let s?, nil):
                    let x = try magnitude(s, value: value, p + [.key("symerror")])
                    return Uncertainty(label: label, plus: abs(x), minus: -abs(x), symmetric: true)
                case (nil, let a?):
                    let am = try mapping(a, p + [.key("asymerror")])
                    return Uncertainty(label: label, plus: try magnitude(am["plus"], value: value, p + [.key("asymerror"), .key("plus")]),
                                       minus: try magnitude(am["minus"], value: value, p + [.key("asymerror"), .key("minus")]),
                                       symmetric: false)
                case (nil, nil): throw error(p, "an error needs 'symerror' or 'asymerror'")
                default: throw error(p, "an error has either 'symerror' or 'asymerror', not both")
                }
            }
        }
    }
}
