import Formats
import Foundation
import Plot

/// A figure's data as written beside its SVG (`NAME.data.json`): the keys of ``Plot/FigureData``
/// (`nmmfit_figure`, the axes, every element) and, at the top level, the keys of the run's
/// ``Formats/RunProvenance`` — `tool_version`, `commit`, `command`, `data_digests`, and where they
/// apply `seed`, `spec_overrides`, `digitised_datasets` — as every `--json` output carries them
/// (the one encoding of ``RunProvenance``). Without a provenance, the figure's data alone.
public struct FigureDataDocument: Encodable, Sendable {
    public var data: FigureData
    public var provenance: RunProvenance?

    public init(_ data: FigureData, provenance: RunProvenance?) {
        self.data = data
        self.provenance = provenance
    }

    public func encode(to encoder: Encoder) throws {
        try data.encode(to: encoder)
        try provenance?.encode(to: encoder)
    }

    /// Sorted, pretty JSON (``Formats/ResultEncoder``; the same bytes as ``Plot/FigureData/jsonData()``
    /// without a provenance).
    public func jsonData() throws -> Data { try ResultEncoder.encode(self) }

    /// The figure's long-form CSV (``Plot/FigureData/csv()``), after a comment block when there is
    /// a provenance: lines starting with `#` — what the file is and how to read it, then one
    /// `# name: value` line per provenance field (``Formats/RunProvenance/textFields``). Read it
    /// with `pandas.read_csv(path, comment="#")` (every cell holding a `#` is quoted, so no value
    /// is cut), R's `read.csv(path, comment.char = "#")`, or skip the lines that start with `#`.
    public func csv() -> String {
        let table = data.csv()
        guard let provenance else { return table }
        let what = data.title.map { ": " + TextInput.displaySafe($0) } ?? ""
        var head = "# nmmfit figure data\(what) (long form, one row per drawn value; read with pandas.read_csv(path, comment=\"#\"))\n"
        for f in provenance.textFields { head += "# \(f.name): \(f.value)\n" }
        return head + table
    }
}
