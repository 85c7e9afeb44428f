import Foundation
import Testing
@testable import Analysis
@testable import Detector
@testable import Formats
@testable import Recoil
@testable import Report

@Suite("Spectrum rows and text, datasets text (library, shared by the CLI and the C interface)")
struct SpectrumTextTests {
    @Test("rows: magnetic = Σ per source, ∝ μν², total = weak + magnetic; the reference μν gives the calculator's rate")
    func rows() throws {
        let model = RecoilModel()
        let at1 = try SpectrumTable(model: model, muNuMuB: 1e-11, perSource: true)
        let at2 = try SpectrumTable(model: model, muNuMuB: 2e-11, perSource: false)
        let c = try at1.calculator.components(recoilKeV: 2)
        let r1 = try at1.row(c), r2 = try at2.row(c)
        #expect(abs(r1.magnetic - r1.magneticBySource!.values.reduce(0, +)) <= 1e-12 * r1.magnetic)
        #expect(abs(r1.magnetic - c.magneticAtReference.reduce(0, +)) <= 1e-12 * r1.magnetic)
        #expect(abs(r2.magnetic - 4 * r1.magnetic) <= 1e-12 * r2.magnetic)
        #expect(r1.total == r1.weak + r1.magnetic && r2.weakBySource == nil)
        #expect(at1.sourceNames == model.sources.map(\.rawValue))
    }

    @Test("CSV: a comment line with units and choices, the header, one line per energy (%.6g)")
    func csv() throws {
        let table = try SpectrumTable(model: RecoilModel(), muNuMuB: 1e-11, perSource: false)
        let text = try SpectrumText(.csv, table: table, provenance: RunProvenance(toolVersion: "test", commit: "test", command: "test"))
        #expect(text.head == "# nmmfit spectrum: rates in events/(tonne·year·keV) at true recoil energy T_keV; mu_nu = 1e-11 muB; atomic = stepping; B16-GS98\nT_keV,weak,magnetic,total\n")
        let row = SpectrumRow(tKeV: 1, weak: 0.5, magnetic: 0.25, total: 0.75, weakBySource: nil, magneticBySource: nil)
        #expect(try text.row(row, true) == "1,0.5,0.25,0.75\n")
        let bad = SpectrumRow(tKeV: 3, weak: .nan, magnetic: 0, total: .nan, weakBySource: nil, magneticBySource: nil)
        #expect(throws: NumericalResultError.self) { try text.row(bad, false) }
    }

    @Test("datasets text: the list names every dataset with its reference; show starts with name and title")
    func datasets() throws {
        let list = try DatasetList.find(dataDirectory: nil)
        let text = DatasetText.render(list)
        #expect(list.datasets.count >= 2)
        for d in list.datasets { #expect(text.contains("  \(d.name): \(d.reference)\n")) }
        let (spec, file) = try DataLocator.spec(named: "xenon1t_sr1")
        let show = DatasetText.render(spec, file: file)
        #expect(show.hasPrefix("xenon1t_sr1: \(spec.title)\nspec:        \(file.path)\n"))
        #expect(show.contains("exposure_tonne_year: "))
    }
}
