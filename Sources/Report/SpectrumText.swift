import Analysis
import Formats
import Foundation

/// The text forms of `nmmfit spectrum`, written row by row (a long spectrum streams): the text
/// before the rows, one row's text, and the text after. JSON is the ``SpectrumReport`` document
/// with its rows; CSV a comment line, a header and one line per energy; the table has fixed
/// column widths so each row can be printed as soon as it is computed.
public struct SpectrumText {
    public enum OutputFormat: String, CaseIterable, Sendable { case table, csv, json }

    public var head: String
    public var row: (SpectrumRow, _ first: Bool) throws -> String
    public var tail: String

    /// The layout of `table`'s rows in `format`; `provenance` goes into the JSON document.
    public init(_ format: OutputFormat, table: SpectrumTable, provenance: RunProvenance) throws {
        let names = table.sourceNames, perSource = table.perSource, mu = table.muNuMuB
        let atomic = table.model.binding.name, solarModel = table.model.solarModel.rawValue
        switch format {
        case .json:
            // The header keys through the one result encoder, then the rows one by one (each
            // through the same encoder, so a NaN is an error, not "nan").
            let document = ResultDocument(table.report, provenance: provenance)
            var head = String(decoding: try ResultEncoder.encode(document), as: UTF8.self)
            while head.last == "}" || head.last == "\n" || head.last == " " { head.removeLast() }
            head += ",\n  \"rows\" : [\n"
            self.head = head
            row = { r, first in
                (first ? "" : ",\n") + "    " + String(decoding: try ResultEncoder.encode(r, pretty: false), as: UTF8.self)
            }
            tail = "\n  ]\n}\n"
        case .csv:
            var header = ["T_keV", "weak", "magnetic", "total"]
            if perSource { header += names.map { "weak_\($0)" } + names.map { "magnetic_\($0)" } }
            head = "# nmmfit spectrum: rates in \(SpectrumReport.rateUnit) at true recoil energy T_keV; mu_nu = \(mu) muB; atomic = \(atomic); \(solarModel)\n"
                + header.joined(separator: ",") + "\n"
            row = { r, _ in
                var f = [r.tKeV, r.weak, r.magnetic, r.total]
                if perSource { f += names.map { r.weakBySource![$0]! } + names.map { r.magneticBySource![$0]! } }
                try Self.requireFinite(f, t: r.tKeV)
                return f.map { String(format: "%.6g", $0) }.joined(separator: ",") + "\n"
            }
            tail = ""
        case .table:
            var header = ["T [keV]", "weak", "magnetic", "total"]
            if perSource { header += names.map { "mag \($0)" } }
            let widths = header.map { max($0.count, 11) }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { String(repeating: " ", count: max(widths[$0] - $1.count, 0)) + $1 }.joined(separator: "  ") + "\n"
            }
            let what = table.momentsFile.map { "moment matrix \($0)" } ?? "μν = \(Format.g(mu, 3)) μB"
            head = "dR/dT in \(SpectrumReport.rateUnit) at true recoil energy; \(what), \(atomic) binding, \(solarModel)\n"
                + line(header) + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ") + "\n"
            row = { r, _ in
                var f = [Format.g(r.tKeV, 6), Format.g(r.weak), Format.g(r.magnetic), Format.g(r.total)]
                if perSource { f += names.map { Format.g(r.magneticBySource![$0]!, 3) } }
                try Self.requireFinite([r.weak, r.magnetic, r.total] + (r.magneticBySource.map { Array($0.values) } ?? []), t: r.tKeV)
                return line(f)
            }
            tail = ""
        }
    }

    /// A non-finite rate is an error naming its energy, never a "nan" in the output.
    public static func requireFinite(_ values: [Double], t: Double) throws {
        if values.contains(where: { !$0.isFinite }) { throw NumericalResultError(field: "rows[T_keV = \(Format.g(t, 6))]") }
    }
}
