import Formats
import Foundation

/// One published result on μν (a row of data/limits/mu_nu_limits.csv): an upper limit, or a
/// two-sided interval when `lowerMuB` is given, at confidence level `cl`.
public struct PublishedLimit: Sendable, Codable, Equatable {
    /// Experiment or analysis, as shown in figures.
    public var experiment: String
    /// reactor, solar, astrophysical, recast (a third-party re-analysis).
    public var category: String
    /// Lower end of a two-sided interval in μB; nil for an upper limit.
    public var lowerMuB: Double?
    /// The upper limit, or the upper end of the interval, in μB.
    public var upperMuB: Double
    /// Confidence level as published (0.90, or 0.95 for the astrophysical bounds).
    public var cl: Double
    /// Year of the cited publication.
    public var year: Int
    /// Short citation for figures (journal, volume, page; without the year).
    public var citation: String
    /// Full reference.
    public var reference: String

    /// Whether the row is a two-sided interval.
    public var isInterval: Bool { lowerMuB != nil }
    /// Quoted at 95 % CL (the astrophysical bounds).
    public var cl95: Bool { abs(cl - 0.95) < 1e-9 }

    /// Reads the limits table: comma-separated, `#` comment lines, a header naming the columns
    /// `experiment, category, lower_muB, upper_muB, cl, year, citation, reference` (any order;
    /// `category`, `lower_muB`, `citation` optional), no commas inside fields. Errors name file,
    /// line and field.
    public static func load(_ url: URL) throws -> [PublishedLimit] {
        // the one text reader: regular files only, size limit, UTF-8, line ends normalised
        let text = try TextInput.read(path: url.path, what: "limits table", limit: .fileBytes)
        var out: [PublishedLimit] = []
        var header: [String: Int]?
        var width = 0
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            let f = line.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard let h = header else {
                header = Dictionary(f.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                width = f.count
                for required in ["experiment", "upper_muB", "cl", "year", "reference"] where header?[required] == nil {
                    throw InputError(file: url.path, line: i + 1, "the header has no column '\(required)'")
                }
                continue
            }
            guard f.count == width else { throw InputError(file: url.path, line: i + 1, "expected \(width) fields, found \(f.count)") }
            func field(_ name: String) -> String { h[name].map { f[$0] } ?? "" }
            func moment(_ name: String) throws -> Double {
                guard let v = Double(field(name)), v > 0, v < 1e-6 else {
                    throw InputError(file: url.path, line: i + 1, field: name, "'\(field(name))' is not a moment in μB (a number in (0, 10⁻⁶))")
                }
                return v
            }
            let upper = try moment("upper_muB")
            let lower = field("lower_muB").isEmpty ? nil : try moment("lower_muB")
            if let lower, lower >= upper {
                throw InputError(file: url.path, line: i + 1, field: "lower_muB", "lower end \(lower) is not below upper_muB \(upper)")
            }
            guard let cl = Double(field("cl")), cl > 0, cl < 1 else {
                throw InputError(file: url.path, line: i + 1, field: "cl", "'\(field("cl"))' is not a confidence level in (0, 1)")
            }
            guard let y = Int(field("year")), (1900...2200).contains(y) else {
                throw InputError(file: url.path, line: i + 1, field: "year", "'\(field("year"))' is not a year")
            }
            out.append(PublishedLimit(experiment: field("experiment"), category: field("category"), lowerMuB: lower, upperMuB: upper,
                                      cl: cl, year: y, citation: field("citation"), reference: field("reference")))
        }
        return out
    }
}
