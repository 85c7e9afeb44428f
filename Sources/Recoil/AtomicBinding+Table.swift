import Formats
import Foundation
import GSL

extension AtomicBinding {
    /// Largest suppression/enhancement factor accepted from a user table (a factor is the
    /// bound-atom cross-section over the free-electron one; ab-initio tables stay below ~1.1).
    public static let maximumTableFactor = 10.0

    /// Reads a user table of atomic factors versus recoil energy (``AtomicBinding/table(weak:magnetic:)``).
    ///
    /// File format (CSV, `#` comment lines, one header row; or a HEPData YAML table with the
    /// same column names): `T_keV` (true recoil energy, keV, strictly increasing, ≥ 2 rows)
    /// and either one column `factor` for both terms, or `weak` and `magnetic` (dimensionless
    /// ratios σ_bound/σ_free; each falls back to `factor` when absent). The factors are
    /// interpolated linearly and held at their end values outside the table.
    /// - Throws: ``InputError`` naming the file, line and column.
    public static func load(from url: URL) throws -> AtomicBinding {
        try table(try CSVTable.load(from: url), yaml: isYAML(url.path))
    }

    /// Whether a table file is read as a HEPData YAML table (`.yaml`/`.yml`), else as CSV.
    public static func isYAML(_ path: String) -> Bool {
        ["yaml", "yml"].contains(URL(fileURLWithPath: path).pathExtension.lowercased())
    }

    /// Parses the text of a table file in the format of ``load(from:)`` (a HEPData YAML table
    /// when `yaml`, else CSV); `file` names it in errors. A saved copy of a table reads exactly
    /// as the file it was copied from.
    public static func parse(text: String, file: String, yaml: Bool) throws -> AtomicBinding {
        try table(yaml ? try HEPDataTable(text: text, file: file).csvTable() : try CSVTable(text: text, file: file), yaml: yaml)
    }

    static func table(_ table: CSVTable, yaml: Bool) throws -> AtomicBinding {
        var t = table
        // A HEPData table of points names its energy axis energy_keV (converted to keV from the
        // header's units, HEPDataTable.csvTable()): that is T_keV here.
        if !t.columns.contains("T_keV"), yaml, t.columns.contains("energy_keV") {
            t = try t.renamingColumn("energy_keV", to: "T_keV")
        }
        guard t.columns.contains("T_keV") else {
            throw InputError(file: t.file, field: "T_keV", "an atomic table needs a column T_keV (recoil energy in keV) and 'factor' or 'weak' and 'magnetic' (columns found: \(t.columns.joined(separator: ", ")))")
        }
        try t.requireIncreasing("T_keV")
        let energies = try t.column("T_keV")
        func factors(_ name: String) throws -> [Double] {
            let col = t.columns.contains(name) ? name : "factor"
            guard t.columns.contains(col) else {
                throw InputError(file: t.file, field: name, "no column '\(name)' and no column 'factor' for the \(name) term (columns found: \(t.columns.joined(separator: ", ")))")
            }
            let v = try t.column(col)
            for (i, x) in v.enumerated() where !(x >= 0 && x <= maximumTableFactor) {
                throw InputError(file: t.file, line: t.lines[i], field: col, "atomic factor \(x) is outside [0, \(maximumTableFactor)]")
            }
            guard v.contains(where: { $0 > 0 }) else {
                throw InputError(file: t.file, field: col, "every \(name) factor is zero: the table removes the \(name) term altogether (factors are σ_bound/σ_free, near 1 above the binding energies)")
            }
            return v
        }
        guard energies.count >= 2 else {
            throw InputError(file: t.file, field: "T_keV", "an atomic table needs at least 2 rows, got \(energies.count)")
        }
        guard energies[0] >= 0 else {
            throw InputError(file: t.file, line: t.lines[0], field: "T_keV", "recoil energy \(energies[0]) keV is negative")
        }
        return .table(weak: try Interpolator(xs: energies, ys: try factors("weak")),
                      magnetic: try Interpolator(xs: energies, ys: try factors("magnetic")))
    }
}
