import Formats
import Foundation
import Plot

/// Writes a figure as SVG together with its data ("figures as data"): `NAME.svg`,
/// `NAME.data.json` (``Plot/FigureData``: axes with units, every curve, band, point and bar) and
/// `NAME.data.csv` (the same in long form, units in the column names), so that it can be redrawn
/// and restyled, e.g. with `nmmfit.plotting` in Python. (`.data.` keeps them apart from a
/// command's own JSON result, e.g. `scan -o scan.json --plot scan.svg`.)
public enum FigureFiles {
    /// The data files beside an SVG path: the same name with `.data.json` and `.data.csv`
    /// instead of `.svg`.
    public static func dataPaths(forSVG path: String) -> (json: String, csv: String) {
        let stem = path.lowercased().hasSuffix(".svg") ? String(path.dropLast(4)) : path
        return (stem + ".data.json", stem + ".data.csv")
    }

    /// Writes the SVG and its two data files; returns the three paths. The data files carry
    /// `provenance` (the build, command line, data digests, seed and spec changes of the run that
    /// drew the figure; ``FigureDataDocument``). Without `force`, an existing data file is refused
    /// before anything is written.
    @discardableResult
    public static func write(_ figure: Figure, to svgPath: String, force: Bool, provenance: RunProvenance?) throws -> [String] {
        let (json, csv) = dataPaths(forSVG: svgPath)
        if !force {
            for p in [json, csv] where FileManager.default.fileExists(atPath: p) {
                throw InputError(file: p, "output file exists", remedy: .overwrite)
            }
        }
        let files = try dataFiles(figure.data(), provenance: provenance)
        try OutputFile.write(figure.svg(), to: svgPath, force: force)
        try OutputFile.write(files.json, to: json, force: force)
        try OutputFile.write(files.csv, to: csv, force: force)
        return [svgPath, json, csv]
    }

    /// Writes the SVG and its two data files without a provenance.
    @available(*, deprecated, message: "pass the run's provenance: write(_:to:force:provenance:)")
    @discardableResult
    public static func write(_ figure: Figure, to svgPath: String, force: Bool) throws -> [String] {
        try write(figure, to: svgPath, force: force, provenance: nil)
    }

    /// The contents of `NAME.data.json` and `NAME.data.csv` (``FigureDataDocument``).
    public static func dataFiles(_ data: FigureData, provenance: RunProvenance?) throws -> (json: Data, csv: Data) {
        let doc = FigureDataDocument(data, provenance: provenance)
        return (try doc.jsonData(), Data(doc.csv().utf8))
    }
}
