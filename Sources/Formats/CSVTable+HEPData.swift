import Foundation

extension CSVTable {
    /// A table from parsed columns (same module: used by ``HEPDataTable/csvTable()``).
    init(file: String, columns: [String], rows: [[Double]], lines: [Int]) {
        self.file = file
        self.columns = columns
        self.rows = rows
        self.lines = lines
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
