import Formats
import Foundation
import Likelihood
import Recoil

extension SavedAnalysis {
    /// A fit of one element of a moment matrix (`fit --moments FILE --element E`): what its
    /// re-run needs beyond the element's own model (the spec's model): the element, the matrix
    /// file's content, the recoil physics of the window average that rescales the universal
    /// interval, and the flavour-universal model of the same data fitted beside it.
    public struct MomentElement: Codable, Sendable {
        /// The matrix element as given, e.g. `e-mu` (flavour) or `1-2` (mass basis).
        public var element: String
        /// The moment-matrix file as given on the command line (for the text output).
        public var momentsFile: String
        /// The file's content (its keys: `basis`, `type`, `real`, `imag`, `comment`).
        public var matrix: Matrix
        public var recoil: Physics
        /// The flavour-universal μν model of the same data (model spec keys; its own version).
        public var universalModel: ModelSpec

        public init(element: String, momentsFile: String, matrix: Matrix, recoil: Physics, universalModel: ModelSpec) {
            self.element = element
            self.momentsFile = momentsFile
            self.matrix = matrix
            self.recoil = recoil
            self.universalModel = universalModel
        }

        enum CodingKeys: String, CodingKey {
            case element, matrix, recoil
            case momentsFile = "moments_file"
            case universalModel = "universal_model"
        }
    }

    /// A moment-matrix file's content (units of 10⁻¹¹ μB; checked by its reader when used).
    public struct Matrix: Codable, Sendable {
        public var basis: String
        public var type: String
        public var real: [[Double]]
        public var imag: [[Double]]?
        public var comment: String?

        /// The matrix file's bytes as JSON (for the moment-matrix reader).
        public func jsonData() throws -> Data {
            let e = JSONEncoder()
            e.outputFormatting = [.sortedKeys]
            return try e.encode(self)
        }
    }

    /// An atomic-binding table file (`--atomic FILE`) carried in the spec: its text, so the
    /// re-run reads the same factors without the file, with the file's name and SHA-256 as
    /// given to the run that saved it.
    public struct AtomicTable: Codable, Sendable, Equatable {
        /// The file as given on the command line.
        public var file: String
        /// SHA-256 (lowercase hex) of the file's bytes; the re-run checks the text against it.
        public var sha256: String
        /// `csv` or `hepdata-yaml` (``AtomicBinding/isYAML(_:)``).
        public var format: String
        /// The file's text.
        public var content: String

        public static let formats = ["csv", "hepdata-yaml"]

        /// The table file at `path`, read whole.
        public init(path: String) throws {
            let data = try TextInput.readData(path: path, what: "atomic-binding table", limit: .fileBytes)
            guard let text = String(data: data, encoding: .utf8) else {
                throw InputError(file: path, "is not UTF-8 text (an atomic-binding table is CSV or HEPData YAML)")
            }
            file = path
            sha256 = SHA256.hex(data)
            format = AtomicBinding.isYAML(path) ? "hepdata-yaml" : "csv"
            content = text
        }

        /// The binding of the saved text; errors name `label` (the spec file and key).
        public func binding(label: String) throws -> AtomicBinding {
            try AtomicBinding.parse(text: content, file: label, yaml: format == "hepdata-yaml")
        }
    }

    /// The recoil physics options (`--solar-model`, `--sources`, `--constant-pee`, `--atomic`).
    public struct Physics: Codable, Sendable {
        public var solarModel: String
        public var sources: [String]
        public var constantPee: Double?
        /// `free`, `stepping` (``RecoilChoice/builtInAtomic``) or `table` (then ``atomicTable`` holds it).
        public var atomic: String
        /// The atomic-binding table of `atomic: table`, carried whole.
        public var atomicTable: AtomicTable?

        /// The value of ``atomic`` for a table carried in the spec.
        public static let tableAtomic = "table"

        enum CodingKeys: String, CodingKey {
            case sources, atomic
            case solarModel = "solar_model"
            case constantPee = "constant_pee"
            case atomicTable = "atomic_table"
        }

        /// The options of `model`; throws for an atomic-binding table (use ``init(_:atomicTableFile:)``,
        /// which carries the table's file).
        public init(_ model: RecoilModel) throws {
            try self.init(model, atomicTableFile: nil)
        }

        /// The options of `model`, whose atomic-binding table (if any) was read from `atomicTableFile`:
        /// the spec carries the file's text and digest.
        public init(_ model: RecoilModel, atomicTableFile: String?) throws {
            solarModel = model.solarModel.rawValue
            sources = model.sources.map(\.rawValue)
            if case .constant(let p) = model.survival { constantPee = p } else { constantPee = nil }
            switch model.binding {
            case .free, .stepping:
                atomic = model.binding.name
                atomicTable = nil
            case .table:
                guard let atomicTableFile else {
                    throw InputError(field: "atomic", "the spec of a moment-element fit carries an atomic-binding table with its file; the file was not given")
                }
                atomic = Self.tableAtomic
                atomicTable = try AtomicTable(path: atomicTableFile)
            }
        }

        /// The recoil model these options give; errors name the key under `analysis.moment_element.recoil`.
        public func recoilModel(file: String?) throws -> RecoilModel {
            func bad(_ f: String, _ m: String) -> InputError { InputError(file: file, field: "analysis.moment_element.recoil.\(f)", m) }
            guard let solar = SolarModel(rawValue: solarModel) else {
                throw bad("solar_model", "unknown solar model \(InputError.excerpt(solarModel)) (known: \(SolarModel.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            let list = try sources.enumerated().map { k, n in
                guard let s = SolarSource(name: n) else { throw bad("sources[\(k)]", "unknown solar source \(InputError.excerpt(n))") }
                return s
            }
            guard !list.isEmpty else { throw bad("sources", "name at least one solar source") }
            if let p = constantPee, !(p >= 0 && p <= 1) { throw bad("constant_pee", "must be in [0, 1], got \(p)") }
            let binding: AtomicBinding
            switch (atomic, atomicTable) {
            case (Self.tableAtomic, let table?):
                guard AtomicTable.formats.contains(table.format) else {
                    throw bad("atomic_table.format", "must be one of \(AtomicTable.formats.joined(separator: ", ")), got \(InputError.excerpt(table.format))")
                }
                guard SHA256.hex(Data(table.content.utf8)) == table.sha256 else {
                    throw bad("atomic_table.sha256", "does not match the saved table's content (the spec was edited); save the spec again")
                }
                binding = try table.binding(label: "\(file ?? "spec"): analysis.moment_element.recoil.atomic_table (a copy of \(table.file))")
            case (Self.tableAtomic, nil):
                throw bad("atomic_table", "is missing: atomic \"table\" needs the table carried in the spec")
            case (_, _?):
                throw bad("atomic_table", "applies only with atomic \"table\", got atomic \(InputError.excerpt(atomic))")
            case (let name, nil):
                guard RecoilChoice.builtInAtomic.contains(name) else {
                    throw bad("atomic", "must be \(RecoilChoice.builtInAtomic.joined(separator: ", ")) or table, got \(InputError.excerpt(name))")
                }
                binding = try RecoilChoice(atomic: name).binding()
            }
            return RecoilModel(solarModel: solar, sources: list, survival: constantPee.map { .constant($0) } ?? .standard, binding: binding)
        }
    }

    /// The keys of `analysis.moment_element`, by path.
    static let momentElementKeys: [String: Set<String>] = [
        "analysis.moment_element": ["element", "moments_file", "matrix", "recoil", "universal_model"],
        "analysis.moment_element.matrix": ["basis", "type", "real", "imag", "comment"],
        "analysis.moment_element.recoil": ["solar_model", "sources", "constant_pee", "atomic", "atomic_table"],
        "analysis.moment_element.recoil.atomic_table": ["file", "sha256", "format", "content"],
        "analysis.moment_element.universal_model": ["nmmfit_model", "mu_nu_reference_muB", "channels", "parameters", "parameter_of_interest"],
        "analysis.moment_element.universal_model.parameter_of_interest": ["name", "unit", "symbol", "description"],
        "analysis.moment_element.universal_model.channels[]": ["name", "bin_edges_keV", "observed", "samples"],
        "analysis.moment_element.universal_model.channels[].samples[]": ["name", "counts", "factors", "histosys"],
        "analysis.moment_element.universal_model.channels[].samples[].histosys[]": ["parameter", "up", "down"],
        "analysis.moment_element.universal_model.parameters[]": ["name", "init", "lower", "upper", "constraint"],
        "analysis.moment_element.universal_model.parameters[].constraint": ["type", "mean", "sigma"],
    ]

    /// Checks the section against the element's model; errors name the key path.
    func validateMomentElement(_ m: MomentElement, model: ModelSpec, file: String?) throws {
        let base = "analysis.moment_element"
        do { try m.universalModel.validate(file: file) } catch let e as InputError {
            throw InputError(file: file, field: e.field.map { "\(base).universal_model.\($0)" } ?? "\(base).universal_model", e.text)
        }
        guard m.universalModel.channels.map(\.name) == model.channels.map(\.name) else {
            throw InputError(file: file, field: "\(base).universal_model.channels", "must be the element model's channels [\(model.channels.map(\.name).joined(separator: ", "))]")
        }
        guard m.universalModel.poi.name != model.poi.name else {
            throw InputError(file: file, field: "\(base).universal_model", "is the element's own model (parameter of interest '\(model.poi.name)'); it must be the flavour-universal μν model")
        }
        _ = try m.recoil.recoilModel(file: file)
        guard !m.element.isEmpty, m.element.count <= 16 else { throw InputError(file: file, field: "\(base).element", "must be an element such as e-mu or 1-2") }
    }
}
