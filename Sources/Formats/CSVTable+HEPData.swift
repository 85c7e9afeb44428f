import Foundation

extension CSVTable {
    /// A table from parsed columns (same module: used by ``HEPDataTable/csvTable()``).
    init(file: String, columns: [String], rows: [[Double]], lines: [Int]) {
        self.file = file
        self.columns = columns
        self.rows = rows
        self.lines = lines
    }

    /// The table with column `old` called `new` (a reader's name for a column another format
    /// names differently). Throws when `new` is already a column.
    public func renamingColumn(_ old: String, to new: String) throws -> CSVTable {
        guard !columns.contains(new) else {
            throw InputError(file: file, field: new, "the table has both '\(old)' and '\(new)'; keep one")
        }
        return CSVTable(file: file, columns: columns.map { $0 == old ? new : $0 }, rows: rows, lines: lines)
    }

    /// Reads a numeric table: a HEPData YAML table (`.yaml`/`.yml`, through
    /// ``HEPDataTable/csvTable()``) or a CSV file (anything else).
    public static func load(from url: URL) throws -> CSVTable {
        if ["yaml", "yml"].contains(url.pathExtension.lowercased()) {
            return try HEPDataTable(contentsOf: url).csvTable()
        }
        return try CSVTable(contentsOf: url)
    }
}
