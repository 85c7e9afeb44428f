import Foundation
import Testing
@testable import Formats

/// HEPData YAML tables as binned-data input (issue "Interchange").
@Suite("HEPData YAML tables")
struct HEPDataTests {
    /// A table as HEPData serves it: bins in keV, two dependent variables with qualifiers,
    /// symmetric, asymmetric and percentage errors, numbers written as strings, comments.
    static let spectrum = """
    # XENON1T SR1 electron recoils (illustrative numbers)
    independent_variables:
    - header: {name: 'Reconstructed energy', units: keV}
      values:
      - {low: 1.0, high: 2.0}
      - {low: 2.0, high: 3.0}
      - {low: 3, high: 4}
      - {low: 4.0, high: 5.0}
      - {low: '5.0', high: 6.0}
      - {low: 6.0, high: 7.0}
    dependent_variables:
    - header: {name: Events}
      qualifiers:
      - {name: Exposure, units: t y, value: 0.65}
      - {name: Experiment, value: XENON1T SR1}
      values:
      - value: 26
        errors:
        - {symerror: 5.1, label: stat}
      - value: 61
        errors:
        - {asymerror: {plus: 8.8, minus: -7.8}, label: stat}
      - {value: 55}
      - {value: 47}
      - {value: '49'}
      - value: 47
        errors:
        - {symerror: 10%, label: sys}
    - header: {name: 'B0 [events/bin]', units: ''}
      values:
      - {value: 22.1}
      - {value: 39.5}
      - {value: 41.88}
      - {value: 42.52}
      - {value: 42.84}
      - {value: 43.02}
    """

    @Test("a HEPData table gives its bins, values, errors and qualifiers")
    func spectrumParses() throws {
        let t = try HEPDataTable(text: Self.spectrum, file: "x1t.yaml")
        #expect(t.count == 6)
        #expect(t.independentVariables[0].header == HEPDataTable.Header(name: "Reconstructed energy", units: "keV"))
        #expect(try t.column("Events") == [26, 61, 55, 47, 49, 47])
        #expect(try t.column("B0 [events/bin]") == [22.1, 39.5, 41.88, 42.52, 42.84, 43.02])
        let ev = try t.dependent(named: "Events")
        #expect(ev.qualifiers.map(\.name) == ["Exposure", "Experiment"])
        #expect(ev.qualifiers[0].value == "0.65" && ev.qualifiers[0].units == "t y")
        #expect(ev.errors[0] == [.init(label: "stat", plus: 5.1, minus: -5.1, symmetric: true)])
        #expect(ev.errors[1] == [.init(label: "stat", plus: 8.8, minus: -7.8, symmetric: false)])
        #expect(ev.errors[2].isEmpty)
        #expect(abs(ev.errors[5][0].plus - 4.7) < 1e-12 && abs(ev.errors[5][0].minus + 4.7) < 1e-12)
        #expect(t.dependentVariables[1].header.units == nil)
        // YAML lines of the entries (line 1 is the comment).
        #expect(t.independentVariables[0].lines == [5, 6, 7, 8, 9, 10])
    }

    @Test("csvTable() gives E_lo_keV, E_hi_keV and sanitised columns that the table checks accept")
    func csvTable() throws {
        let c = try HEPDataTable(text: Self.spectrum, file: "x1t.yaml").csvTable()
        #expect(c.file == "x1t.yaml")
        #expect(c.columns == ["E_lo_keV", "E_hi_keV", "events", "b0_events_bin"])
        #expect(c.rows[1] == [2, 3, 61, 39.5])
        #expect(c.lines == [5, 6, 7, 8, 9, 10])
        try c.requireNonNegative("events", integer: true)
        // A non-integer count is located at the YAML line of its row.
        let text = Self.spectrum.replacingOccurrences(of: "- {value: 55}", with: "- {value: 55.5}")
        do {
            try HEPDataTable(text: text, file: "x1t.yaml").csvTable().requireNonNegative("events", integer: true)
            Issue.record("no error")
        } catch let e as InputError {
            #expect(e.file == "x1t.yaml" && e.line == 7 && e.field == "events")
        }
    }

    @Test("CSVTable.load(from:) reads .yaml as HEPData and anything else as CSV")
    func loadDispatch() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-hepdata-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let yaml = dir.appendingPathComponent("spectrum.yaml"), csv = dir.appendingPathComponent("spectrum.csv")
        try Self.spectrum.write(to: yaml, atomically: true, encoding: .utf8)
        try "E_lo_keV,E_hi_keV,events\n1,2,26\n".write(to: csv, atomically: true, encoding: .utf8)
        let a = try CSVTable.load(from: yaml), b = try CSVTable.load(from: csv)
        #expect(a.file == yaml.path && a.columns.count == 4 && a.rows.count == 6)
        #expect(b.columns == ["E_lo_keV", "E_hi_keV", "events"] && b.rows == [[1, 2, 26]])
        #expect(throws: InputError.self) { try CSVTable.load(from: dir.appendingPathComponent("missing.yaml")) }
    }

    @Test("energy units convert to keV; point tables give energy_keV; duplicate names get suffixes")
    func unitsAndPoints() throws {
        let yaml = """
        independent_variables:
        - header: {name: 'E [eV]'}
          values: [{value: 1000}, {value: 1500}, {value: 2000.0}]
        dependent_variables:
        - header: {name: Efficiency}
          values: [{value: 0.1}, {value: 0.5}, {value: 0.9}]
        - header: {name: Efficiency}
          values: [{value: 0.05}, {value: 0.4}, {value: 0.85}]
        """
        let t = try HEPDataTable(text: yaml, file: "eff.yaml")
        #expect(try t.energyScaleToKeV() == 1e-3)
        let c = try t.csvTable()
        #expect(c.columns == ["energy_keV", "efficiency", "efficiency_2"])
        #expect(try c.column("energy_keV") == [1, 1.5, 2])
        #expect(throws: InputError.self) { try t.dependent(named: "Efficiency") }  // ambiguous
        for (units, scale) in [("MeV", 1e3), ("keVee", 1.0), ("keV_ee", 1.0), ("GeV", 1e6), ("keV", 1.0)] {
            let u = yaml.replacingOccurrences(of: "{name: 'E [eV]'}", with: "{name: E, units: \(units)}")
            #expect(try HEPDataTable(text: u, file: "eff.yaml").energyScaleToKeV() == scale, "\(units)")
        }
        #expect(HEPDataTable.columnName("Rate [events/(t y keV)]") == "rate_events_t_y_kev")
        #expect(HEPDataTable.columnName("  ") == "column")
        #expect(HEPDataTable.columnName("$\\sigma$") == "sigma")
    }

    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var yaml: String
        var field: String?
        var line: Int?
        var fragment: String
        /// The error comes from `bins()`/`csvTable()` rather than from parsing.
        var atConversion = false
        var testDescription: String { name }
    }

    /// A minimal valid table; cases edit it.
    static let base = """
    independent_variables:
    - header: {name: E, units: keV}
      values:
      - {low: 1, high: 2}
      - {low: 2, high: 3}
      - {low: 3, high: 4}
      - {low: 4, high: 5}
    dependent_variables:
    - header: {name: Events}
      values:
      - {value: 1}
      - {value: 2}
      - {value: 3}
      - {value: 4}
    """

    static func edit(_ old: String, _ new: String) -> String {
        precondition(base.contains(old))
        return base.replacingOccurrences(of: old, with: new)
    }

    static let cases: [Case] = [
        Case(name: "empty file", yaml: "", field: nil, line: nil, fragment: "empty"),
        Case(name: "top level not a mapping", yaml: "- 1\n- 2\n", field: nil, line: 1, fragment: "mapping"),
        Case(name: "malformed YAML", yaml: "independent_variables: [\n", field: nil, line: 2, fragment: "malformed YAML"),
        Case(name: "non-string key", yaml: "? [a, b]\n: 1\n", field: nil, line: 1, fragment: "keys must be plain strings"),
        Case(name: "missing independent_variables", yaml: edit("independent_variables:", "independent_variable:"),
             field: "independent_variables", line: 1, fragment: "required key is missing"),
        Case(name: "missing dependent header name", yaml: edit("- header: {name: Events}", "- header: {title: Events}"),
             field: "dependent_variables[0].header.name", line: 9, fragment: "required key is missing"),
        Case(name: "non-numeric value", yaml: edit("- {value: 3}", "- {value: abc}"),
             field: "dependent_variables[0].values[2].value", line: 13, fragment: "'abc' is not a number"),
        Case(name: "missing value", yaml: edit("- {value: 3}", "- {errors: [{symerror: 1}]}"),
             field: "dependent_variables[0].values[2].value", line: 13, fragment: "required key is missing"),
        Case(name: "boolean bin edge", yaml: edit("- {low: 3, high: 4}", "- {low: true, high: 4}"),
             field: "independent_variables[0].values[2].low", line: 6, fragment: "not a number"),
        Case(name: "infinite value", yaml: edit("- {value: 3}", "- {value: .inf}"),
             field: "dependent_variables[0].values[2].value", line: 13, fragment: "not finite"),
        Case(name: "fewer dependent values", yaml: edit("\n  - {value: 4}", ""),
             field: "dependent_variables[0].values", line: 10, fragment: "has 3 values, the independent variable has 4"),
        Case(name: "more dependent values", yaml: base + "\n  - {value: 5}",
             field: "dependent_variables[0].values", line: 10, fragment: "has 5 values"),
        Case(name: "empty values", yaml: edit("  values:\n  - {low: 1, high: 2}\n  - {low: 2, high: 3}\n  - {low: 3, high: 4}\n  - {low: 4, high: 5}", "  values: []"),
             field: "independent_variables[0].values", line: 3, fragment: "must not be empty"),
        Case(name: "error without symerror/asymerror", yaml: edit("- {value: 2}", "- {value: 2, errors: [{label: stat}]}"),
             field: "dependent_variables[0].values[1].errors[0]", line: 12, fragment: "symerror"),
        Case(name: "asymerror without minus", yaml: edit("- {value: 2}", "- {value: 2, errors: [{asymerror: {plus: 1}}]}"),
             field: "dependent_variables[0].values[1].errors[0].asymerror.minus", line: 12, fragment: "required key is missing"),
        Case(name: "entry with neither bin nor value", yaml: edit("- {low: 2, high: 3}", "- {lo: 2, hi: 3}"),
             field: "independent_variables[0].values[1]", line: 5, fragment: "needs 'low' and 'high'"),
        Case(name: "missing high edge", yaml: edit("- {low: 2, high: 3}", "- {low: 2}"),
             field: "independent_variables[0].values[1].high", line: 5, fragment: "missing bin edge 'high'", atConversion: true),
        Case(name: "missing low edge (a point among bins)", yaml: edit("- {low: 4, high: 5}", "- {value: 4.5}"),
             field: "independent_variables[0].values[3].low", line: 7, fragment: "missing bin edge 'low'", atConversion: true),
        Case(name: "unsorted bins", yaml: edit("- {low: 1, high: 2}\n  - {low: 2, high: 3}", "- {low: 2, high: 3}\n  - {low: 1, high: 2}"),
             field: "independent_variables[0].values[1].low", line: 5, fragment: "not sorted", atConversion: true),
        Case(name: "overlapping bins", yaml: edit("- {low: 3, high: 4}", "- {low: 2.5, high: 4}"),
             field: "independent_variables[0].values[2].low", line: 6, fragment: "overlaps", atConversion: true),
        Case(name: "gap between bins", yaml: edit("- {low: 3, high: 4}", "- {low: 3.5, high: 4}"),
             field: "independent_variables[0].values[2].low", line: 6, fragment: "gap", atConversion: true),
        Case(name: "empty bin", yaml: edit("- {low: 3, high: 4}", "- {low: 3, high: 3}"),
             field: "independent_variables[0].values[2].high", line: 6, fragment: "not above", atConversion: true),
        Case(name: "no energy units", yaml: edit("{name: E, units: keV}", "{name: E}"),
             field: "independent_variables[0].header.units", line: nil, fragment: "no energy units", atConversion: true),
        Case(name: "units not an energy", yaml: edit("{name: E, units: keV}", "{name: E, units: keVnr}"),
             field: "independent_variables[0].header.units", line: nil, fragment: "not an electron-recoil energy", atConversion: true),
        Case(name: "two independent variables", yaml: edit("\ndependent_variables:", "\n- header: {name: F, units: keV}\n  values: [{value: 1}, {value: 2}, {value: 3}, {value: 4}]\ndependent_variables:"),
             field: "independent_variables", line: nil, fragment: "exactly one independent variable", atConversion: true),
    ]

    @Test("malformed tables give an InputError naming file, line and record field", arguments: cases)
    func malformed(c: Case) {
        do {
            let t = try HEPDataTable(text: c.yaml, file: "bad.yaml")
            if !c.atConversion { Issue.record("no parse error for \(c.name)") }
            _ = try t.csvTable()
            Issue.record("no error for \(c.name)")
        } catch let e as InputError {
            #expect(e.file == "bad.yaml")
            #expect(e.field == c.field, "\(e)")
            #expect(e.line == c.line, "\(e)")
            #expect(e.description.contains(c.fragment), "\(e)")
        } catch { Issue.record("unexpected \(error)") }
    }
}
