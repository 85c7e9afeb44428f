import Foundation
import Yams

/// A data table in HEPData's YAML record format (one table file of a HEPData submission):
/// ```yaml
/// independent_variables:
/// - header: {name: Energy, units: keV}
///   values:
///   - {low: 1.0, high: 2.0}          # a bin, or {value: 1.5} for a point
/// dependent_variables:
/// - header: {name: Events}
///   qualifiers:
///   - {name: Exposure, value: '0.65', units: t y}
///   values:
///   - value: 26
///     errors:
///     - {symerror: 5.1, label: stat}
///     - {asymerror: {plus: 0.3, minus: -0.2}, label: sys}
/// ```
///
/// Parsing goes through ``SpecDecoding``'s YAML walker (never `Yams.load`, which crashes on
/// non-string keys). It is strict about what nmmfit needs — every value must be a finite
/// number (numbers written as strings, e.g. `'0.5'`, are accepted), every dependent variable
/// has as many values as each independent one — and lenient about extra keys. Errors are
/// ``InputError``s naming the file, the YAML line and the record's key path, e.g.
/// `independent_variables[0].values[3].low`.
///
/// ``bins(variable:)`` gives ``EnergyBins`` in keV (contiguous, sorted; units eV/keV/MeV/GeV,
/// also `keVee`, from `header.units` or a `[keV]` in the header name) and ``csvTable()`` a
/// ``CSVTable`` that the dataset loader reads like a CSV file (see ``CSVTable/load(from:)``).
public struct HEPDataTable: Sendable {
    /// A variable's header.
    public struct Header: Sendable, Equatable {
        public var name: String
        public var units: String?
        public init(name: String, units: String? = nil) {
            self.name = name
            self.units = units
        }
    }

    /// A qualifier of a dependent variable (e.g. `{name: SQRT(S), units: GeV, value: 13000}`).
    public struct Qualifier: Sendable, Equatable {
        public var name: String
        /// The value as written (qualifiers are often text).
        public var value: String
        public var units: String?
    }

    /// One uncertainty of a dependent value. `plus` and `minus` are signed as in the record
    /// (HEPData writes `minus` as a negative shift); a `symerror` σ gives plus = σ, minus = −σ.
    /// Percentages (`'5%'`) are converted to absolute values relative to |value|.
    public struct Uncertainty: Sendable, Equatable {
        public var label: String?
        public var plus: Double
        public var minus: Double
        /// Whether the record gave a `symerror`.
        public var symmetric: Bool
    }

    /// One entry of an independent variable: a bin (`low`, `high`) and/or a point (`value`).
    public struct IndependentValue: Sendable, Equatable {
        public var low: Double?
        public var high: Double?
        public var value: Double?
    }

    /// An independent variable (an axis).
    public struct IndependentVariable: Sendable {
        public var header: Header
        public var values: [IndependentValue]
        /// 1-based YAML line of each entry of `values`.
        public var lines: [Int]
    }

    /// A dependent variable (a column of results).
    public struct DependentVariable: Sendable {
        public var header: Header
        public var qualifiers: [Qualifier]
        public var values: [Double]
        /// Uncertainties of each value (empty when none are given).
        public var errors: [[Uncertainty]]
        /// 1-based YAML line of each entry of `values`.
        public var lines: [Int]
    }

    /// The file the table came from (for messages).
    public let file: String
    public let independentVariables: [IndependentVariable]
    public let dependentVariables: [DependentVariable]

    /// Reads and parses a HEPData YAML table.
    public init(contentsOf url: URL) throws {
        try self.init(text: try TextInput.read(path: url.path, what: "HEPData table", limit: .hepDataBytes), file: url.path)
    }

    /// Parses HEPData YAML text; `file` is used in messages.
    public init(text: String, file: String) throws {
        self.file = file
        try ResourceLimit.hepDataBytes.check(text.utf8.count, option: "size", file: file)
        guard let (node, tree) = try SpecDecoding.composeYAML(TextInput.normaliseLineEnds(text), file: file) else {
            throw InputError(file: file, "file is empty")
        }
        let reader = Reader(file: file, root: node)
        let top = try reader.mapping(tree, [])
        let ind = try reader.nonEmptyArray(top["independent_variables"], [.key("independent_variables")])
        let dep = try reader.nonEmptyArray(top["dependent_variables"], [.key("dependent_variables")])

        independentVariables = try ind.enumerated().map { k, raw in
            let path: [Reader.Step] = [.key("independent_variables"), .index(k)]
            let m = try reader.mapping(raw, path)
            let header = try reader.header(m["header"], path + [.key("header")])
            let vpath = path + [.key("values")]
            let values = try reader.nonEmptyArray(m["values"], vpath)
            var out: [IndependentValue] = [], lines: [Int] = []
            for (i, rv) in values.enumerated() {
                let p = vpath + [.index(i)]
                let e = try reader.mapping(rv, p)
                let v = IndependentValue(low: try reader.optionalNumber(e["low"], p + [.key("low")]),
                                         high: try reader.optionalNumber(e["high"], p + [.key("high")]),
                                         value: try reader.optionalNumber(e["value"], p + [.key("value")]))
                if v.value == nil && v.low == nil && v.high == nil {
                    throw reader.error(p, "an independent value needs 'low' and 'high' (a bin) or 'value' (a point)")
                }
                out.append(v)
                lines.append(reader.line(p) ?? 0)
            }
            return IndependentVariable(header: header, values: out, lines: lines)
        }

        let n = independentVariables[0].values.count
        for (k, v) in independentVariables.enumerated() where v.values.count != n {
            throw reader.error([.key("independent_variables"), .index(k), .key("values")],
                               "has \(v.values.count) values, independent_variables[0] has \(n)")
        }

        dependentVariables = try dep.enumerated().map { k, raw in
            let path: [Reader.Step] = [.key("dependent_variables"), .index(k)]
            let m = try reader.mapping(raw, path)
            let header = try reader.header(m["header"], path + [.key("header")])
            var qualifiers: [Qualifier] = []
            if let rq = m["qualifiers"], !(rq is NSNull) {
                let qpath = path + [.key("qualifiers")]
                guard let qs = rq as? [Any] else { throw reader.error(qpath, "must be a list") }
                for (q, rqi) in qs.enumerated() {
                    let p = qpath + [.index(q)]
                    let qm = try reader.mapping(rqi, p)
                    qualifiers.append(Qualifier(name: try reader.text(qm["name"], p + [.key("name")]),
                                                value: try reader.text(qm["value"], p + [.key("value")]),
                                                units: try reader.optionalText(qm["units"], p + [.key("units")])))
                }
            }
            let vpath = path + [.key("values")]
            let values = try reader.nonEmptyArray(m["values"], vpath)
            guard values.count == n else {
                throw reader.error(vpath, "has \(values.count) values, the independent variable has \(n)")
            }
            var out: [Double] = [], errors: [[Uncertainty]] = [], lines: [Int] = []
            for (i, rv) in values.enumerated() {
                let p = vpath + [.index(i)]
                let e = try reader.mapping(rv, p)
                guard let x = try reader.optionalNumber(e["value"], p + [.key("value")]) else {
                    throw reader.error(p + [.key("value")], "required key is missing")
                }
                out.append(x)
                errors.append(try reader.uncertainties(e["errors"], value: x, p + [.key("errors")]))
                lines.append(reader.line(p) ?? 0)
            }
            return DependentVariable(header: header, qualifiers: qualifiers, values: out, errors: errors, lines: lines)
        }
    }

    /// Number of rows (entries per variable).
    public var count: Int { independentVariables[0].values.count }

    /// The factor converting an independent variable's energy units to keV.
    /// - Throws: when the units are missing or not an energy.
    public func energyScaleToKeV(variable: Int = 0) throws -> Double {
        let field = "independent_variables[\(variable)].header.units"
        guard independentVariables.indices.contains(variable) else {
            throw InputError(file: file, field: "independent_variables", "no independent variable \(variable) (the table has \(independentVariables.count))")
        }
        let h = independentVariables[variable].header
        var unit = h.units?.trimmingCharacters(in: .whitespaces) ?? ""
        if unit.isEmpty, let open = h.name.lastIndex(where: { $0 == "[" || $0 == "(" }) {
            let close: Character = h.name[open] == "[" ? "]" : ")"
            if let end = h.name[open...].firstIndex(of: close) { unit = String(h.name[h.name.index(after: open)..<end]) }
        }
        guard !unit.isEmpty else {
            throw InputError(file: file, field: field, "no energy units for '\(h.name)' (give header.units: eV, keV, MeV or GeV)")
        }
        var key = unit.lowercased().filter(\.isLetter)
        if key.hasSuffix("ee") { key.removeLast(2) }  // keVee, keV_ee: electron-equivalent
        let scales: [String: Double] = ["ev": 1e-3, "kev": 1, "mev": 1e3, "gev": 1e6]
        guard let s = scales[key] else {
            throw InputError(file: file, field: field, "units '\(unit)' are not an electron-recoil energy (expected eV, keV, MeV or GeV)")
        }
        return s
    }

    /// The bin edges of an independent variable, in keV: every entry needs `low` and `high`,
    /// and the bins must be sorted and contiguous (no gaps, no overlaps).
    public func binEdgesKeV(variable: Int = 0) throws -> [Double] {
        let scale = try energyScaleToKeV(variable: variable)
        let v = independentVariables[variable]
        func bad(_ i: Int, _ key: String, _ m: String) -> InputError {
            InputError(file: file, line: v.lines[i], field: "independent_variables[\(variable)].values[\(i)].\(key)", m)
        }
        var lo: [Double] = [], hi: [Double] = []
        for (i, x) in v.values.enumerated() {
            guard let l = x.low else { throw bad(i, "low", "missing bin edge 'low' (bins need low and high)") }
            guard let h = x.high else { throw bad(i, "high", "missing bin edge 'high' (bins need low and high)") }
            guard h > l else { throw bad(i, "high", "bin upper edge \(h) is not above its lower edge \(l)") }
            if i > 0 {
                let pl = lo[i - 1], ph = hi[i - 1]
                let tol = 1e-9 * max(1, abs(ph))
                if l < pl { throw bad(i, "low", "bins are not sorted: [\(l), \(h)] comes after [\(pl), \(ph)]") }
                if l < ph - tol { throw bad(i, "low", "bin [\(l), \(h)] overlaps the previous bin ending at \(ph)") }
                if l > ph + tol { throw bad(i, "low", "gap between bins: the previous ends at \(ph), this starts at \(l)") }
            }
            lo.append(l)
            hi.append(h)
        }
        let edges = ([lo[0]] + hi).map { $0 * scale }
        try BinEdges.check(edges)
        return edges
    }

    /// The dependent variable with this header name (exactly one must match).
    public func dependent(named name: String) throws -> DependentVariable {
        let matches = dependentVariables.filter { $0.header.name == name }
        guard matches.count == 1 else {
            let names = dependentVariables.map { "'\($0.header.name)'" }.joined(separator: ", ")
            throw InputError(file: file, field: "dependent_variables",
                             matches.isEmpty ? "no dependent variable named '\(name)' (names: \(names))"
                                             : "\(matches.count) dependent variables are named '\(name)'; tell them apart by column index")
        }
        return matches[0]
    }

    /// The values of the dependent variable with this header name.
    public func column(_ name: String) throws -> [Double] { try dependent(named: name).values }

    /// The CSV column name of a header name: lowercased, runs of anything but ASCII letters
    /// and digits turned into one `_`, trimmed (`"Rate [events/(t y keV)]"` →
    /// `rate_events_t_y_kev`); empty names become `column`.
    public static func columnName(_ header: String) -> String {
        var out = ""
        for ch in header.lowercased() {
            if ch.isASCII && (ch.isLetter || ch.isNumber) {
                out.append(ch)
            } else if !out.isEmpty && out.last != "_" {
                out.append("_")
            }
        }
        while out.last == "_" { out.removeLast() }
        return out.isEmpty ? "column" : out
    }

    /// The CSV column names of the dependent variables, in order: ``columnName(_:)`` of each
    /// header, with `_2`, `_3`, … appended to repeats.
    public var dependentColumnNames: [String] {
        var seen: [String: Int] = [:]
        return dependentVariables.map { d in
            let base = Self.columnName(d.header.name)
            let k = (seen[base] ?? 0) + 1
            seen[base] = k
            return k == 1 ? base : "\(base)_\(k)"
        }
    }

    /// The table as a ``CSVTable`` for the dataset loader: `E_lo_keV,E_hi_keV` from the bins
    /// of the (single) independent variable — or `energy_keV` when it holds points — then one
    /// column per dependent variable (``dependentColumnNames``). Each row's line is the YAML
    /// line of its independent entry.
    public func csvTable() throws -> CSVTable {
        guard independentVariables.count == 1 else {
            throw InputError(file: file, field: "independent_variables",
                             "a table for nmmfit needs exactly one independent variable (energy), found \(independentVariables.count)")
        }
        let v = independentVariables[0]
        var columns: [String]
        var axis: [[Double]]
        if v.values[0].low != nil || v.values[0].high != nil {
            let e = try binEdgesKeV()
            columns = ["E_lo_keV", "E_hi_keV"]
            axis = (0..<(e.count - 1)).map { [e[$0], e[$0 + 1]] }
        } else {
            let scale = try energyScaleToKeV()
            axis = try v.values.enumerated().map { i, x in
                guard let e = x.value else {
                    throw InputError(file: file, line: v.lines[i], field: "independent_variables[0].values[\(i)].value",
                                     "missing 'value' (the first entry is a point, so all must be)")
                }
                return [e * scale]
            }
            columns = ["energy_keV"]
        }
        var names = dependentColumnNames
        for (k, n) in names.enumerated() where columns.contains(n) { names[k] = "\(n)_\(k + 1)" }
        columns += names
        let rows = axis.indices.map { i in axis[i] + dependentVariables.map { $0.values[i] } }
        return CSVTable(file: file, columns: columns, rows: rows, lines: v.lines)
    }
}
