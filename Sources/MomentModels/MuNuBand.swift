import Formats
import Foundation

/// A band of the neutrino magnetic moment, [lower, upper] in μB, from a fit result or given by
/// hand; lower = 0 means an upper limit (everything above `upper` is excluded).
public struct MuNuBand: Sendable, Codable, Equatable {
    /// Legend label (e.g. the fitted datasets and CL).
    public var label: String
    /// Lower edge (μB), 0 for an upper limit.
    public var lowerBohr: Double
    /// Upper edge (μB).
    public var upperBohr: Double
    /// Best-fit μν (μB), when known.
    public var bestBohr: Double?
    /// For a band read from an element fit: s = ⟨μ_eff²⟩/|element|² (not encoded).
    public var elementSensitivity: Double? = nil

    enum CodingKeys: String, CodingKey {
        case label
        case lowerBohr = "mu_lo_muB", upperBohr = "mu_hi_muB", bestBohr = "mu_best_muB"
    }

    /// Validated band.
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` unless 0 ≤ lower < upper, finite.
    public init(label: String, lowerBohr: Double, upperBohr: Double, bestBohr: Double? = nil) throws {
        guard lowerBohr.isFinite, lowerBohr >= 0 else { throw MomentError.invalidParameter("μν lower", lowerBohr, "must be ≥ 0 (μB)") }
        guard upperBohr.isFinite, upperBohr > lowerBohr else {
            throw MomentError.invalidParameter("μν upper", upperBohr, "must be finite and above the lower edge \(lowerBohr) μB")
        }
        self.label = label
        self.lowerBohr = lowerBohr
        self.upperBohr = upperBohr
        self.bestBohr = bestBohr
    }

    /// Whether this is an upper limit (lower edge 0).
    public var isUpperLimit: Bool { lowerBohr == 0 }

    /// Largest fit-result file read (bytes); a fit-result file is a few kB to MB.
    public static let maximumFileBytes = 64 << 20

    /// Reads the interval of a fit result (`FitReport` JSON): `interval_muB` = [lo, hi] in μB,
    /// `cl`, `datasets`, `mu_nu_best_muB` (μB) — output version 2; a version-1 file's `interval`
    /// and `mu_nu_best` (same units) are read too. Other keys are ignored.
    /// - Throws: ``InputError`` naming the file and field.
    public static func load(fitResult path: String) throws -> MuNuBand {
        // the one text reader: regular files only, size limit, UTF-8 with line ends normalised
        let data = try TextInput.readData(path: path, what: "fit result", limit: .fileBytes)
        return try parse(fitResult: data, file: path)
    }

    private struct Raw: Decodable {
        var interval: [Double]?
        var cl: Double?
        var datasets: [String]?
        var muNuBest: Double?
        var intervalV1: [Double]?
        var muNuBestV1: Double?
        enum CodingKeys: String, CodingKey {
            case cl, datasets
            case interval = "interval_muB", muNuBest = "mu_nu_best_muB"
            case intervalV1 = "interval", muNuBestV1 = "mu_nu_best"
        }
    }

    /// Parses fit-result JSON (see ``load(fitResult:)``); `file` names it in errors.
    public static func parse(fitResult data: Data, file: String? = nil) throws -> MuNuBand {
        // the reading budget of every JSON input: nesting, size and repeated keys checked first
        let text = try TextInput.decode(data, file: file ?? "fit result")
        guard try SpecDecoding.parseJSON(text, file: file) is [String: Any] else {
            throw InputError(file: file, "not a JSON object (expected a \(term: .fitResult))")
        }
        let raw: Raw
        do { raw = try JSONDecoder().decode(Raw.self, from: data) } catch let DecodingError.typeMismatch(_, ctx) {
            throw InputError(file: file, field: ctx.codingPath.first?.stringValue, "wrong type (interval_muB: two numbers in μB, cl and mu_nu_best_muB: numbers, datasets: strings)")
        } catch let DecodingError.valueNotFound(_, ctx) {
            throw InputError(file: file, field: ctx.codingPath.first?.stringValue, "is null")
        } catch {
            throw InputError(file: file, "cannot decode (\(error))")
        }
        guard let pair = raw.interval ?? raw.intervalV1 else {
            throw InputError(file: file, field: "interval_muB", "missing: not a \(term: .fitResult)?")
        }
        let intervalKey = raw.interval != nil ? "interval_muB" : "interval"
        guard pair.count == 2, pair.allSatisfy(\.isFinite), pair[0] >= 0, pair[1] > pair[0] else {
            throw InputError(file: file, field: intervalKey, "needs two numbers 0 ≤ lo < hi (μB), got \(pair)")
        }
        let best = raw.muNuBest ?? raw.muNuBestV1
        if let b = best, !(b.isFinite && b >= 0) {
            throw InputError(file: file, field: raw.muNuBest != nil ? "mu_nu_best_muB" : "mu_nu_best", "must be ≥ 0 (μB)")
        }
        var label = (raw.datasets ?? []).joined(separator: "+")
        if label.isEmpty { label = file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "fit" }
        if let cl = raw.cl, cl > 0, cl < 1 { label += " \(Int((cl * 100).rounded()))% CL" }
        return try MuNuBand(label: label, lowerBohr: pair[0], upperBohr: pair[1], bestBohr: best)
    }
}
