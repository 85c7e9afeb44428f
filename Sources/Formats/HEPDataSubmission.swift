import Foundation
import Yams

/// A HEPData submission folder: `submission.yaml` (a YAML stream whose first document holds
/// the record's `comment` and its `additional_resources`, and whose other documents each describe
/// one table) and one YAML data file per table (`independent_variables`, `dependent_variables`),
/// and each local additional resource's file, as HEPData's submission
/// format defines them (https://hepdata-submission.readthedocs.io; checked with the
/// `hepdata-validator` package's `FullSubmissionValidator`, schema 1.1.1).
///
/// Written with Yams from node trees built here, so every number is a YAML float that a YAML
/// 1.1 reader (PyYAML, which the validator uses) reads as a number: always with a decimal point
/// and a signed exponent (``yamlNumber(_:)``). A non-finite number is an ``InputError`` naming
/// the table and field; nothing is written then.
public struct HEPDataSubmission: Sendable {
    /// Text for the whole record (`comment` of the first document).
    public var comment: String
    public var tables: [Table]
    /// Files of the whole record beside the tables (`additional_resources` of the first document).
    public var resources: [Resource]

    public init(comment: String, tables: [Table], resources: [Resource] = []) {
        self.comment = comment
        self.tables = tables
        self.resources = resources
    }

    /// A file of the record that is not a table, written into the folder and listed under
    /// `additional_resources` (HEPData's validator refuses a file in the folder that the
    /// submission does not list, and a listed one that is missing).
    public struct Resource: Sendable {
        /// The file's name inside the folder (no `/`; at most 256 characters, HEPData's limit).
        public var location: String
        public var description: String
        /// The file's text (UTF-8).
        public var text: String
        public init(location: String, description: String, text: String) {
            self.location = location
            self.description = description
            self.text = text
        }
    }

    /// A variable's header: a name and, when it has one, its unit.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var units: String?
        public init(_ name: String, units: String? = nil) {
            self.name = name
            self.units = units
        }
    }

    /// An independent variable: bins (low, high) or points (a number or a text label).
    public struct Independent: Sendable {
        public enum Values: Sendable {
            case bins(low: [Double], high: [Double])
            case points([Double])
            case labels([String])
        }
        public var header: Header
        public var values: Values
        public init(_ header: Header, _ values: Values) {
            self.header = header
            self.values = values
        }
        var count: Int {
            switch values {
            case .bins(let lo, _): lo.count
            case .points(let x): x.count
            case .labels(let x): x.count
            }
        }
    }

    /// An asymmetric uncertainty: `plus` ≥ 0 up, `minus` ≤ 0 down (HEPData's signs), with a label.
    public struct Uncertainty: Sendable {
        public var plus: Double
        public var minus: Double
        public var label: String
        public init(plus: Double, minus: Double, label: String) {
            self.plus = plus
            self.minus = minus
            self.label = label
        }
    }

    /// A dependent variable: one value per row (nil: no value, written as `'-'` as HEPData does),
    /// optional qualifiers and optional uncertainties per row.
    public struct Dependent: Sendable {
        public var header: Header
        public var qualifiers: [(name: String, value: String, units: String?)]
        public var values: [Double?]
        public var errors: [Uncertainty?]?
        public init(_ header: Header, qualifiers: [(name: String, value: String, units: String?)] = [], values: [Double?], errors: [Uncertainty?]? = nil) {
            self.header = header
            self.qualifiers = qualifiers
            self.values = values
            self.errors = errors
        }
    }

    /// One table: its description in submission.yaml and its data file.
    public struct Table: Sendable {
        /// At most 64 characters (HEPData's limit).
        public var name: String
        public var description: String
        /// `observables`, `reactions`, `phrases`, `cmenergies` keywords.
        public var keywords: [(name: String, values: [String])]
        /// The data file's name inside the folder (e.g. `limits.yaml`).
        public var dataFile: String
        public var independent: [Independent]
        public var dependent: [Dependent]
        public init(name: String, description: String, keywords: [(name: String, values: [String])], dataFile: String,
                    independent: [Independent], dependent: [Dependent]) {
            self.name = name
            self.description = description
            self.keywords = keywords
            self.dataFile = dataFile
            self.independent = independent
            self.dependent = dependent
        }
    }

    /// The submission file's name.
    public static let submissionFile = "submission.yaml"

    /// A number as a YAML 1.1 float: six significant digits, always with a decimal point and,
    /// in exponent form, a signed exponent (`2.404e-11` → `2.404e-11`, `26` → `26.0`,
    /// `1e20` → `1.0e+20`).
    public static func yamlNumber(_ x: Double) -> String {
        var s = String(format: "%.6g", x)
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            if !s[..<e].contains(".") { s.insert(contentsOf: ".0", at: e) }
        } else if !s.contains(".") {
            s += ".0"
        }
        return s
    }

    /// The text of every file, by name (submission.yaml first, then the tables, then the
    /// resources), checked: every row count matches and every number is finite.
    public func files() throws -> [(name: String, text: String)] {
        // a comment of several lines as a literal block, its line breaks kept as written
        var first: [(Node, Node)] = [(Node("comment"), comment.contains("\n") ? Node(comment, Tag(.str), .literal) : Node(comment))]
        if !resources.isEmpty {
            first.append((Node("additional_resources"), Node(resources.map { r in
                Node([(Node("location"), Node(r.location)), (Node("description"), Node(r.description))])
            })))
        }
        var docs: [Node] = [Node(first)]
        var out: [(String, String)] = []
        var names: Set<String> = [Self.submissionFile]
        for t in tables {
            guard t.name.count <= 64 else { throw InputError(field: "tables.\(t.dataFile).name", "'\(t.name)' is longer than HEPData's 64 characters") }
            guard names.insert(t.dataFile).inserted else { throw InputError(field: "tables.\(t.dataFile)", "two tables write the same data file") }
            let keywords = Node(t.keywords.map { k in
                Node([(Node("name"), Node(k.name)), (Node("values"), Node(k.values.map { Node($0) }))])
            })
            docs.append(Node([(Node("name"), Node(t.name)), (Node("description"), Node(t.description)),
                                      (Node("keywords"), keywords), (Node("data_file"), Node(t.dataFile))]))
            out.append((t.dataFile, try Yams.serialize(node: try table(t), allowUnicode: true)))
        }
        for r in resources {
            guard !r.location.isEmpty, !r.location.contains("/"), r.location.count <= 256 else {
                throw InputError(field: "additional_resources.\(r.location)", "must be a file name without '/', at most 256 characters")
            }
            guard names.insert(r.location).inserted else { throw InputError(field: "additional_resources.\(r.location)", "a table or another resource writes the same file") }
            out.append((r.location, r.text))
        }
        let submission = try Yams.serialize(nodes: docs, allowUnicode: true, explicitStart: true)
        return [(Self.submissionFile, submission)] + out
    }

    /// Checks, before any work, that `directory` can take a submission: not a file, its parent
    /// exists, and (without `force`) it holds no `submission.yaml` yet.
    public static func checkTarget(_ directory: String, force: Bool) throws {
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw InputError(file: directory, "is a file, not a folder for the HEPData submission") }
            if !force && FileManager.default.fileExists(atPath: directory + "/" + submissionFile) {
                throw InputError(file: directory + "/" + submissionFile, "output file exists", remedy: .overwrite)
            }
        } else {
            let parent = URL(fileURLWithPath: directory).deletingLastPathComponent().path
            guard FileManager.default.fileExists(atPath: parent, isDirectory: &isDir), isDir.boolValue else {
                throw InputError(file: directory, "cannot create the folder for the HEPData submission: \(parent) does not exist")
            }
        }
    }

    /// Writes the folder: creates it when missing; each file atomically (``OutputFile``). An
    /// existing file is kept unless `force`. Returns the paths written.
    @discardableResult
    public func write(to directory: String, force: Bool = false) throws -> [String] {
        let texts = try files()
        var isDir: ObjCBool = false
        if FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) {
            guard isDir.boolValue else { throw InputError(file: directory, "is a file, not a folder for the HEPData submission") }
            if !force, let clash = texts.first(where: { FileManager.default.fileExists(atPath: directory + "/" + $0.name) }) {
                throw InputError(file: directory + "/" + clash.name, "output file exists", remedy: .overwrite)
            }
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: false)
            } catch {
                throw InputError(file: directory, "cannot create the folder for the HEPData submission (its parent must exist)")
            }
        }
        return try texts.map { f in
            let path = directory + "/" + f.name
            try OutputFile.write(f.text, to: path, force: force)
            return path
        }
    }

    private func number(_ x: Double, _ field: String, _ t: Table) throws -> Node {
        guard x.isFinite else { throw InputError(field: "\(t.dataFile): \(field)", "is \(x); HEPData needs finite numbers") }
        return Node(Self.yamlNumber(x), Tag(.float))
    }

    private func header(_ h: Header) -> Node {
        var pairs: [(Node, Node)] = [(Node("name"), Node(h.name))]
        if let u = h.units { pairs.append((Node("units"), Node(u))) }
        return Node(pairs)
    }

    private func table(_ t: Table) throws -> Node {
        guard let n = t.independent.first?.count, n > 0 else { throw InputError(field: t.dataFile, "a table needs rows") }
        let ind = try t.independent.enumerated().map { k, v -> Node in
            guard v.count == n else { throw InputError(field: "\(t.dataFile): independent_variables[\(k)]", "has \(v.count) values, the first has \(n)") }
            let values: [Node]
            switch v.values {
            case .bins(let lo, let hi):
                guard lo.count == hi.count else { throw InputError(field: "\(t.dataFile): independent_variables[\(k)]", "low and high differ in length") }
                values = try zip(lo, hi).enumerated().map { i, b in
                    Node([(Node("low"), try number(b.0, "independent_variables[\(k)].values[\(i)].low", t)),
                                  (Node("high"), try number(b.1, "independent_variables[\(k)].values[\(i)].high", t))])
                }
            case .points(let x):
                values = try x.enumerated().map { i, x in Node([(Node("value"), try number(x, "independent_variables[\(k)].values[\(i)].value", t))]) }
            case .labels(let x):
                values = x.map { Node([(Node("value"), Node($0))]) }
            }
            return Node([(Node("header"), header(v.header)), (Node("values"), Node(values))])
        }
        let dep = try t.dependent.enumerated().map { k, d -> Node in
            let field = "dependent_variables[\(k)]"
            guard d.values.count == n else { throw InputError(field: "\(t.dataFile): \(field)", "has \(d.values.count) values, the table has \(n) rows") }
            if let e = d.errors, e.count != n { throw InputError(field: "\(t.dataFile): \(field).errors", "has \(e.count) entries, the table has \(n) rows") }
            let values = try d.values.enumerated().map { i, v -> Node in
                guard let v else { return Node([(Node("value"), Node("-"))]) }
                var pairs: [(Node, Node)] = [(Node("value"), try number(v, "\(field).values[\(i)].value", t))]
                if let e = d.errors?[i] {
                    let asym = Node([(Node("plus"), try number(e.plus, "\(field).values[\(i)].errors.plus", t)),
                                             (Node("minus"), try number(e.minus, "\(field).values[\(i)].errors.minus", t))])
                    pairs.append((Node("errors"), Node([Node([(Node("asymerror"), asym), (Node("label"), Node(e.label))])])))
                }
                return Node(pairs)
            }
            var pairs: [(Node, Node)] = [(Node("header"), header(d.header))]
            if !d.qualifiers.isEmpty {
                pairs.append((Node("qualifiers"), Node(d.qualifiers.map { q in
                    var m: [(Node, Node)] = [(Node("name"), Node(q.name)), (Node("value"), Node(q.value))]
                    if let u = q.units { m.append((Node("units"), Node(u))) }
                    return Node(m)
                })))
            }
            pairs.append((Node("values"), Node(values)))
            return Node(pairs)
        }
        return Node([(Node("independent_variables"), Node(ind)), (Node("dependent_variables"), Node(dep))])
    }
}
