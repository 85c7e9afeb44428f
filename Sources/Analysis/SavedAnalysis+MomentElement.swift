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

    /// The recoil physics options (`--solar-model`, `--sources`, `--constant-pee`, `--atomic`).
    public struct Physics: Codable, Sendable {
        public var solarModel: String
        public var sources: [String]
        public var constantPee: Double?
        /// `free` or `stepping` (a table file is not saved).
        public var atomic: String

        enum CodingKeys: String, CodingKey {
            case sources, atomic
            case solarModel = "solar_model"
            case constantPee = "constant_pee"
        }

        /// The options of `model`; throws for an atomic-binding table (the spec would not carry it).
        public init(_ model: RecoilModel) throws {
            solarModel = model.solarModel.rawValue
            sources = model.sources.map(\.rawValue)
            if case .constant(let p) = model.survival { constantPee = p } else { constantPee = nil }
            switch model.binding {
            case .free: atomic = "free"
            case .stepping: atomic = "stepping"
            case .table:
                throw InputError(field: "atomic", "a spec of a moment-element fit cannot carry an atomic-binding table (--atomic FILE); save it with --atomic free or stepping")
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
            switch atomic {
            case "free": binding = .free
            case "stepping": binding = .stepping
            default: throw bad("atomic", "must be free or stepping, got \(InputError.excerpt(atomic))")
            }
            return RecoilModel(solarModel: solar, sources: list, survival: constantPee.map { .constant($0) } ?? .standard, binding: binding)
        }
    }

    /// The keys of `analysis.moment_element`, by path.
    static let momentElementKeys: [String: Set<String>] = [
        "analysis.moment_element": ["element", "moments_file", "matrix", "recoil", "universal_model"],
        "analysis.moment_element.matrix": ["basis", "type", "real", "imag", "comment"],
        "analysis.moment_element.recoil": ["solar_model", "sources", "constant_pee", "atomic"],
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
            throw InputError(file: file, field: e.field.map { "\(base).universal_model.\($0)" } ?? "\(base).universal_model", e.message)
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
