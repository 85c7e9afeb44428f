import Formats
import Foundation

/// Reads a moment matrix from a JSON file:
/// ```json
/// {
///   "basis": "flavour",            // or "mass" ("flavor" accepted)
///   "type": "majorana",            // or "dirac"
///   "real": [[0, 1, 0], [-1, 0, 0], [0, 0, 0]],
///   "imag": [[0, 0, 0], [0, 0, 0], [0, 0, 0]],   // optional, default 0
///   "comment": "free text"                        // optional
/// }
/// ```
/// Elements λ_ab in units of ``unitBohr`` = 10⁻¹¹ μB, rows/columns (e, μ, τ) or (1, 2, 3). The
/// matrix must satisfy the rule of its type (``MagneticMomentMatrix``). Errors are
/// ``InputError``s naming the file and the field (e.g. `real[1][2]`).
public enum MomentMatrixFile {
    /// The unit of the file's numbers: 10⁻¹¹ μB.
    public static let unitBohr = 1e-11

    private static let knownKeys: Set<String> = ["basis", "type", "real", "imag", "comment"]

    private struct Raw: Decodable {
        var basis: String
        var type: String
        var real: [[Double]]
        var imag: [[Double]]?
        var comment: String?
    }

    /// Loads and validates the file at `path`.
    public static func load(path: String) throws -> MagneticMomentMatrix {
        let data = try TextInput.readData(path: path, what: "moment-matrix file", limit: .momentMatrixBytes)
        return try parse(data, file: path)
    }

    /// Parses and validates JSON `data`; `file` names it in errors.
    public static func parse(_ data: Data, file: String? = nil) throws -> MagneticMomentMatrix {
        try ResourceLimit.momentMatrixBytes.check(data.count, option: "size", file: file)
        // BOM and CRLF/CR normalised; NUL, deep nesting and repeated keys refused
        let text = try TextInput.decode(data, file: file ?? "moment matrix")
        let clean = Data(text.utf8)
        let top = try SpecDecoding.parseJSON(text, file: file)
        guard let object = top as? [String: Any] else {
            throw InputError(file: file, "the top level must be a JSON object with keys basis, type, real and optionally imag")
        }
        if let unknown = object.keys.filter({ !knownKeys.contains($0) }).sorted().first {
            throw InputError(file: file, field: unknown, "unknown key (allowed: \(knownKeys.sorted().joined(separator: ", ")))")
        }
        let raw: Raw
        do {
            raw = try JSONDecoder().decode(Raw.self, from: clean)
        } catch let e as DecodingError {
            throw describe(e, file: file)
        }
        let basis: MomentBasis
        switch raw.basis.lowercased() {
        case "flavour", "flavor": basis = .flavour
        case "mass": basis = .mass
        default: throw InputError(file: file, field: "basis", "'\(raw.basis)' is not a basis (use \"flavour\" or \"mass\")")
        }
        guard let nature = NeutrinoNature(rawValue: raw.type.lowercased()) else {
            throw InputError(file: file, field: "type", "'\(raw.type)' is not a neutrino type (use \"majorana\" or \"dirac\")")
        }
        let re = try grid(raw.real, "real", file)
        let im = try raw.imag.map { try grid($0, "imag", file) } ?? Array(repeating: Array(repeating: 0.0, count: 3), count: 3)
        guard (re + im).joined().contains(where: { abs($0) >= 1e-100 }) else {
            throw InputError(file: file, field: "real", "every element is zero (below 1e-100 × 1e-11 μB): the matrix has no magnetic moment")
        }
        let m = ComplexMatrix3(rows: (0..<3).map { r in (0..<3).map { c in Complex(re[r][c] * unitBohr, im[r][c] * unitBohr) } })
        do {
            return try MagneticMomentMatrix(m, basis: basis, nature: nature)
        } catch let e as MomentError {
            throw InputError(file: file, field: raw.imag == nil ? "real" : "real/imag", "\(e) (elements in units of 1e-11 μB)")
        }
    }

    private static func grid(_ g: [[Double]], _ name: String, _ file: String?) throws -> [[Double]] {
        guard g.count == 3 else { throw InputError(file: file, field: name, "must have 3 rows, has \(g.count)") }
        for (r, row) in g.enumerated() {
            guard row.count == 3 else { throw InputError(file: file, field: "\(name)[\(r)]", "must have 3 numbers, has \(row.count)") }
            for (c, x) in row.enumerated() where !x.isFinite {
                throw InputError(file: file, field: "\(name)[\(r)][\(c)]", "must be a finite number")
            }
            // |λ| ≤ the largest accepted μν, so that rates stay finite (a λ of 1e300 once gave exit 3)
            let maxElement = ResourceLimit.maxMuNuMuB / unitBohr
            for (c, x) in row.enumerated() where abs(x) > maxElement {
                throw InputError(file: file, field: "\(name)[\(r)][\(c)]", "\(x) is above the largest accepted magnitude \(maxElement) (units of 1e-11 μB)")
            }
        }
        return g
    }

    private static func path(_ keys: [CodingKey]) -> String {
        keys.reduce("") { s, k in
            if let i = k.intValue { return s + "[\(i)]" }
            return s.isEmpty ? k.stringValue : s + "." + k.stringValue
        }
    }

    private static func describe(_ e: DecodingError, file: String?) -> InputError {
        switch e {
        case .keyNotFound(let key, let ctx):
            let p = path(ctx.codingPath + [key])
            return InputError(file: file, field: p, "missing (required: basis, type, real)")
        case .typeMismatch(let type, let ctx):
            return InputError(file: file, field: path(ctx.codingPath), "wrong type (expected \(SpecDecoding.expected(type)))")
        case .valueNotFound(_, let ctx):
            return InputError(file: file, field: path(ctx.codingPath), "is null")
        case .dataCorrupted(let ctx):
            return InputError(file: file, field: ctx.codingPath.isEmpty ? nil : path(ctx.codingPath), ctx.debugDescription)
        @unknown default:
            return InputError(file: file, "cannot decode (\(e))")
        }
    }
}
