import Foundation

/// A numeric CSV table: `#` comment lines, one header row, then rows of numbers.
///
/// Parsing is strict: every row must have as many fields as the header, every field must be
/// a finite number, and errors name the file, the 1-based line and the column.
public struct CSVTable: Sendable {
    /// The file the table came from (for messages).
    public let file: String
    /// Column names from the header row.
    public let columns: [String]
    /// Numeric rows.
    public let rows: [[Double]]
    /// The 1-based source line of each row.
    public let lines: [Int]

    /// Reads and parses a CSV file.
    public init(contentsOf url: URL) throws {
        try self.init(text: try TextInput.read(path: url.path, what: "table"), file: url.path)
    }

    /// Parses CSV text; `file` is used in messages. LF, CRLF and CR line ends and a leading
    /// byte-order mark are accepted; a control character (NUL, ESC, …) in a field is an error
    /// naming the line and the column.
    public init(text: String, file: String) throws {
        self.file = file
        try ResourceLimit.fileBytes.check(text.utf8.count, option: "size", file: file)
        var header: [String]?
        var rows: [[Double]] = []
        var lines: [Int] = []
        var body = TextInput.normaliseLineEnds(text)
        if body.hasPrefix("\u{FEFF}") { body.removeFirst() }
        for (i, raw) in body.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNo = i + 1
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            // a row's field count is checked on the bytes before it is split, so a row of
            // millions of empty fields costs no more than its bytes
            if let h = header {
                let count = line.utf8.reduce(1) { $1 == UInt8(ascii: ",") ? $0 + 1 : $0 }
                guard count == h.count else {
                    throw InputError(file: file, line: lineNo,
                                     "expected \(h.count) fields (\(InputError.oneLine(h.joined(separator: ","), limit: 200))), found \(count)")
                }
            }
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            for (j, f) in fields.enumerated() {
                let name = header.flatMap { $0.indices.contains(j) ? $0[j] : nil } ?? "column \(j + 1)"
                try TextInput.requireNoControlCharacters(f, file: file, line: lineNo, field: name)
            }
            guard let h = header else {
                if fields.contains(where: \.isEmpty) {
                    throw InputError(file: file, line: lineNo, "header row has an empty column name")
                }
                var seen: [String: Int] = [:]
                for (j, f) in fields.enumerated() {
                    // no CSV quoting: a quoted name would be a different column, silently unused
                    if f.contains("\"") {
                        throw InputError(file: file, line: lineNo, field: f,
                                         "a column name with a quote character (column \(j + 1)); this reader takes no CSV quoting: write the name without quotes")
                    }
                    if let first = seen[f] {
                        throw InputError(file: file, line: lineNo, field: f,
                                         "the column name is given twice in the header (columns \(first + 1) and \(j + 1)); name each column once")
                    }
                    seen[f] = j
                }
                header = fields
                continue
            }
            var row: [Double] = []
            row.reserveCapacity(h.count)
            for (j, f) in fields.enumerated() {
                guard let v = Double(f) else {
                    throw InputError(file: file, line: lineNo, field: h[j], "\(InputError.excerpt(f)) is not a number")
                }
                guard v.isFinite else {
                    throw InputError(file: file, line: lineNo, field: h[j], "value \(f) is not finite")
                }
                row.append(v)
            }
            rows.append(row)
            lines.append(lineNo)
        }
        guard let h = header else { throw InputError(file: file, "file is empty (no header row)") }
        guard !rows.isEmpty else { throw InputError(file: file, "file has a header but no data rows") }
        columns = h
        self.rows = rows
        self.lines = lines
    }

    /// The values of a column.
    public func column(_ name: String) throws -> [Double] {
        guard let j = columns.firstIndex(of: name) else {
            throw InputError(file: file, field: name,
                             "no such column (columns are: \(columns.joined(separator: ", ")))")
        }
        return rows.map { $0[j] }
    }

    /// Throws unless the column is strictly increasing, naming the first offending line.
    public func requireIncreasing(_ name: String) throws {
        let v = try column(name)
        for i in 1..<v.count where !(v[i] > v[i - 1]) {
            throw InputError(file: file, line: lines[i], field: name,
                             "values must be strictly increasing (\(v[i - 1]) then \(v[i]))")
        }
    }

    /// Throws unless every value of the column is ≥ 0 (and, if `integer`, a whole number).
    public func requireNonNegative(_ name: String, integer: Bool = false) throws {
        let v = try column(name)
        for (i, x) in v.enumerated() {
            if x < 0 {
                throw InputError(file: file, line: lines[i], field: name, "negative value \(x)")
            }
            if integer && x != x.rounded() {
                throw InputError(file: file, line: lines[i], field: name, "\(x) is not a whole number of events")
            }
        }
    }

    /// Throws unless every value of the column is ≤ `limit` (e.g. counts of 1e300).
    public func requireAtMost(_ name: String, _ limit: Double) throws {
        for (i, x) in try column(name).enumerated() where x > limit {
            throw InputError(file: file, line: lines[i], field: name, "\(x) is above the largest accepted value \(limit)")
        }
    }

    /// A short reason for a file-read failure ("no such file", …).
    public static func reason(_ error: any Error) -> String { OSErrorText.describe(error) }
}
