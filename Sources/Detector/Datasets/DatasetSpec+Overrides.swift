import Formats
import Foundation

extension DatasetSpec {
    /// One change to a dataset spec given as `NAME.KEY.PATH=VALUE`: a
    /// dotted key path into the spec (`exposure_tonne_year`, `resolution.a`,
    /// `backgrounds.B0.constraint.type`, where a background is chosen by its name or its
    /// 0-based index) and a value read as JSON when it parses (numbers, `true`, `[1, 20]`,
    /// `{"type": "free"}`) and as a string otherwise (`free`, `reconstructed`).
    public struct Override: Sendable, Equatable, CustomStringConvertible {
        public var dataset: String
        public var path: [String]
        public var value: String

        public init(dataset: String, path: [String], value: String) {
            self.dataset = dataset
            self.path = path
            self.value = value
        }

        /// Parses `NAME.KEY.PATH=VALUE`.
        /// - Throws: ``InputError`` (field `set`) when the text has no `=`, no dataset or no key.
        public init(parsing text: String) throws {
            guard let eq = text.firstIndex(of: "=") else {
                throw InputError(field: "set", "'\(text)' is not NAME.KEY=VALUE (e.g. lz_ws2024.exposure_tonne_year=3.3)")
            }
            let lhs = text[..<eq].split(separator: ".", omittingEmptySubsequences: false).map(String.init)
            guard lhs.count >= 2, lhs.allSatisfy({ !$0.isEmpty }) else {
                throw InputError(field: "set", "'\(text)' needs a dataset and a key before '=' (e.g. lz_ws2024.resolution.a=0.33)")
            }
            self.init(dataset: lhs[0], path: Array(lhs.dropFirst()), value: String(text[text.index(after: eq)...]))
        }

        public var description: String { "\(dataset).\(path.joined(separator: "."))=\(value)" }
    }

    /// The spec with `overrides` applied, validated again as a whole (unknown keys, types and
    /// ranges are checked exactly as for a spec file; errors name the file with the overrides and the key).
    public func applying(_ overrides: [Override], file: String) throws -> DatasetSpec {
        guard !overrides.isEmpty else { return self }
        let encoded = try JSONEncoder().encode(self)
        guard var tree = try JSONSerialization.jsonObject(with: encoded) as? [String: Any] else {
            throw InputError(file: file, "cannot re-encode the dataset spec")
        }
        for o in overrides {
            tree = try Self.set(o.value, at: o.path[...], in: tree, override: o, file: file) as? [String: Any] ?? tree
        }
        let data = try JSONSerialization.data(withJSONObject: tree)
        // errors name the file and the overrides applied to it, the term as a value
        do {
            return try DatasetSpec.decode(data, file: file, yaml: false)
        } catch var e as InputError where e.file == file {
            e.fileNote = "\(term: .datasetOverride) \(overrides.map(\.description).joined(separator: ", "))"
            throw e
        }
    }

    /// The value of `text` at a node: a string where the spec has a string (so `true` stays the
    /// efficiency energy `"true"`), else JSON when it parses, else the text.
    private static func value(_ text: String, replacing node: Any?) -> Any {
        let json = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: .fragmentsAllowed)
        if node is String { return json as? String ?? text }
        return json ?? text
    }

    private static func set(_ text: String, at path: ArraySlice<String>, in node: Any?, override o: Override, file: String) throws -> Any {
        guard let key = path.first else { return value(text, replacing: node) }
        let rest = path.dropFirst()
        if var array = node as? [Any] {
            let index = Int(key) ?? array.firstIndex { ($0 as? [String: Any])?["name"] as? String == key }
            guard let i = index, array.indices.contains(i) else {
                let names = array.compactMap { ($0 as? [String: Any])?["name"] as? String }
                throw InputError(file: file, field: o.path.joined(separator: "."),
                                 "\(term: .datasetOverride) \(o): no entry '\(key)' (entries: \(names.joined(separator: ", ")))")
            }
            array[i] = try set(text, at: rest, in: array[i], override: o, file: file)
            return array
        }
        var dict = node as? [String: Any] ?? [:]
        dict[key] = try set(text, at: rest, in: dict[key], override: o, file: file)
        return dict
    }
}
