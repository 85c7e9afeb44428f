import Foundation
import Testing
import Formats
import Plot
@testable import Report

/// A figure's data files carry the provenance of the run that drew it: `NAME.data.json` with the
/// keys of every JSON output at the top level, `NAME.data.csv` as a `#` comment block.
@Suite("Figure data with provenance")
struct FigureDataDocumentTests {
    static func figure() -> Figure {
        let panel = Panel(x: Axis("E [keV]", range: 1...3), y: Axis("Events / bin", lower: 0),
                          elements: [LineSeries(x: [1, 2, 3], y: [4, 5, 6], label: "fit #1, total", color: .vermillion)])
        return Figure(title: "test", panels: [panel])
    }

    static let provenance = RunProvenance(toolVersion: "0.1.0", commit: "0123abc", command: "nmmfit scan --plot 'a\nb.svg'",
                                          dataDigests: ["xenon1t_sr1/binned.csv": String(repeating: "ab", count: 32)], seed: 3,
                                          specOverrides: ["xenon1t_sr1.exposure_tonne_year=0.65"], digitisedDatasets: [])

    @Test("the JSON: the figure's keys and the provenance's at the top level; read back as FigureData; without provenance the figure's own bytes")
    func json() throws {
        let data = Self.figure().data()
        let files = try FigureFiles.dataFiles(data, provenance: Self.provenance)
        let object = try #require(try JSONSerialization.jsonObject(with: files.json) as? [String: Any])
        #expect(object["nmmfit_figure"] as? Int == 1 && object["tool_version"] as? String == "0.1.0" && object["commit"] as? String == "0123abc")
        #expect(object["command"] as? String == Self.provenance.command && object["seed"] as? Int == 3)
        #expect(object["data_digests"] as? [String: String] == Self.provenance.dataDigests)
        #expect(object["spec_overrides"] as? [String] == ["xenon1t_sr1.exposure_tonne_year=0.65"] && (object["digitised_datasets"] as? [String])?.isEmpty == true)
        // the provenance keys are exactly those of a ResultDocument (the one encoding of RunProvenance)
        let result = try #require(try JSONSerialization.jsonObject(with: try ResultEncoder.encode(ResultDocument([String: Int](), provenance: Self.provenance))) as? [String: Any])
        #expect(Set(object.keys).subtracting(Set(try #require(try JSONSerialization.jsonObject(with: try data.jsonData()) as? [String: Any]).keys))
                == Set(result.keys).subtracting(["nmmfit_output"]))
        #expect(try JSONDecoder().decode(FigureData.self, from: files.json) == data)
        #expect(try FigureFiles.dataFiles(data, provenance: nil).json == (try data.jsonData()))
    }

    @Test("the CSV: a '#' comment block (one field per line, control characters escaped), then the table unchanged; a cell with '#' is quoted")
    func csv() throws {
        let data = Self.figure().data()
        let text = String(decoding: try FigureFiles.dataFiles(data, provenance: Self.provenance).csv, as: UTF8.self)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let comments = lines.prefix { $0.hasPrefix("#") }
        #expect(comments.first?.contains("pandas.read_csv(path, comment=\"#\")") == true)
        #expect(Array(comments.dropFirst()) == [
            "# tool_version: 0.1.0", "# commit: 0123abc", "# command: nmmfit scan --plot 'a\\u{a}b.svg'",
            "# data_digests: \(String(repeating: "ab", count: 32))  xenon1t_sr1/binned.csv", "# seed: 3",
            "# spec_overrides: xenon1t_sr1.exposure_tonne_year=0.65", "# digitised_datasets: none",
        ])
        #expect(lines.dropFirst(comments.count).joined(separator: "\n") == data.csv())
        #expect(data.csv().contains(",\"fit #1, total\","))
        // without provenance: the table alone
        #expect(String(decoding: try FigureFiles.dataFiles(data, provenance: nil).csv, as: UTF8.self) == data.csv())
        // a label with '#' but no comma is quoted too
        let hash = Figure(panels: [Panel(x: Axis("x"), y: Axis("y"), elements: [LineSeries(x: [1, 2], y: [1, 2], label: "#2")])]).data().csv()
        #expect(hash.contains(",\"#2\","), "\(hash)")
    }
}
