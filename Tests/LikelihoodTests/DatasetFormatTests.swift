import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

/// The dataset format (docs/datasets.md), the shipped datasets and combinations (issue #12).
@Suite("Datasets and combinations")
struct DatasetFormatTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Writes the files of the worked example in docs/datasets.md (each code block preceded by
    /// `<!-- file: PATH -->`) into a fresh folder and returns it.
    static func docExample() throws -> URL {
        let doc = try String(contentsOf: root.appendingPathComponent("docs/datasets.md"), encoding: .utf8)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-doc-\(UUID().uuidString)")
        var lines = doc.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        var written = 0
        while let line = lines.popFirst() {
            guard line.hasPrefix("<!-- file: "), let end = line.range(of: " -->") else { continue }
            let path = String(line[line.index(line.startIndex, offsetBy: 11)..<end.lowerBound])
            guard let fence = lines.popFirst(), fence.hasPrefix("```") else { continue }
            var body: [String] = []
            while let l = lines.popFirst(), l != "```" { body.append(l) }
            let url = dir.appendingPathComponent(path)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try (body.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            written += 1
        }
        #expect(written == 4, "the worked example has four files")
        return dir
    }

    @Test("the worked example of docs/datasets.md loads, fits, converges and is flagged digitised")
    func workedExample() throws {
        let dir = try Self.docExample()
        #expect(DataLocator.available(in: dir) == ["myexp"])
        let a = try AnalysisConfig(channels: [.init(dataset: "myexp")], dataDirectory: dir.path).analyse()
        #expect(a.report.converged)
        #expect(a.report.interval[1].isFinite && a.report.interval[1] > 0)
        #expect((a.report.expectedLimit ?? .nan).isFinite)
        #expect(a.report.digitisedDatasets == ["myexp"])
        // B0 includes the SM weak term: only B0 and the magnetic signal are samples
        #expect(Set(a.report.channels[0].bestFit.keys) == ["B0", "magnetic_moment"])
    }

    @Test("keys whose default could double-count or drop a term are required, and the error says why")
    func requiredKeys() throws {
        let dir = try Self.docExample()
        let spec = dir.appendingPathComponent("myexp/dataset.json")
        let text = try String(contentsOf: spec, encoding: .utf8)
        try text.replacingOccurrences(of: "\"includes_solar_weak\": true,", with: "").write(to: spec, atomically: true, encoding: .utf8)
        do {
            _ = try DatasetSpec.load(from: spec)
            Issue.record("a spec without includes_solar_weak was accepted")
        } catch let e as InputError {
            #expect(e.file == spec.path)
            #expect(e.field == "backgrounds[0].includes_solar_weak")
            #expect(e.message.contains("double-count"))
        }
        try text.replacingOccurrences(of: "\"provenance\": \"digitised\",", with: "").write(to: spec, atomically: true, encoding: .utf8)
        #expect(throws: InputError(file: spec.path, field: "provenance",
                                   "required key is missing: say \"official\" (a collaboration release) or \"digitised\" (read off a paper's figures); digitised data are flagged in every result they enter")) {
            _ = try DatasetSpec.load(from: spec)
        }
    }

    @Test("every shipped dataset fits on its own, converges and gives a finite limit",
          arguments: ["xenon1t_sr1", "xenonnt_sr0", "lz_ws2022", "lz_ws2024", "pandax4t_run1"])
    func shipped(_ name: String) throws {
        #expect(DataLocator.available(in: try DataLocator.dataDirectory()).contains(name))
        let a = try AnalysisConfig(channels: [.init(dataset: name)]).analyse()
        #expect(a.report.converged)
        #expect(a.report.interval[1].isFinite && a.report.interval[1] > 0 && a.report.interval[1] < 1e-10)
        #expect((a.report.expectedLimit ?? .nan).isFinite)
        let digitised = ["lz_ws2022", "lz_ws2024", "pandax4t_run1"].contains(name)
        #expect(a.report.digitisedDatasets == (digitised ? [name] : []))
    }

    /// Without the shared solar-flux nuisance the datasets share no parameter but μν, so the
    /// fit with one μν per dataset is the sum of the single-dataset fits: an independent check
    /// of the compatibility statistic.
    @Test("compatibility of XENON1T and XENONnT: −2ΔlnL equals the common fit against the sum of the single fits")
    func compatibilityXenon() throws {
        let cfg = AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")], solarFluxNuisance: false)
        let a = try cfg.analyse()
        let c = try #require(a.report.compatibility)
        var sumSingles = 0.0
        for input in a.inputs {
            let m = try BinnedModel(spec: try cfg.builder.assemble([input]))
            sumSingles += try ProfileLikelihood(model: m).best.nll
        }
        #expect(abs(c.nllSeparate - sumSingles) < 1e-6)
        #expect(abs(c.minusTwoDeltaLnL - 2 * (a.profile.best.nll - sumSingles)) < 1e-6)
        #expect(c.dof == 1)
        // the XENON1T excess is in tension with XENONnT: stated, not averaged away
        #expect(c.pValue < 0.01)
        let rows = try #require(a.report.perDataset)
        #expect(rows.map(\.name) == ["xenon1t_sr1", "xenonnt_sr0"])
        #expect(rows[0].interval[0] > 0 && rows[1].interval[0] == 0)
        #expect(rows[1].interval[1] < rows[0].interval[0], "XENONnT's limit lies below XENON1T's interval")
    }

    @Test("per-dataset windows and --set overrides reach the model; bad ones name the key")
    func windowsAndOverrides() throws {
        let w = try DatasetWindow(parsing: "lz_ws2024=2:15")
        #expect(w == DatasetWindow(dataset: "lz_ws2024", lowerKeV: 2, upperKeV: 15))
        #expect(throws: InputError.self) { _ = try DatasetWindow(parsing: "lz_ws2024=15:2") }
        #expect(throws: InputError.self) { _ = try DatasetWindow(parsing: "lz_ws2024") }
        let o = try DatasetSpec.Override(parsing: "lz_ws2024.backgrounds.rest.constraint={\"type\":\"gaussian\",\"relative_sigma\":0.05}")
        let channels = try DatasetWindow.channels(names: ["lz_ws2024", "xenon1t_sr1"], windows: [w], overrides: [o],
                                                  emin: nil, emax: nil, binWidthKeV: nil)
        let (model, _) = try AnalysisConfig(channels: channels).buildModel()
        #expect(model.binEdges[0].first == 2 && model.binEdges[0].last == 15)
        #expect(model.binEdges[1].first == 1 && model.binEdges[1].last == 7)
        let k = try #require(model.parameterNames.firstIndex(of: "rest_lz_ws2024"))
        #expect(abs(model.constraintSigma[k] - 0.05) < 1e-12)
        #expect(throws: InputError.self) {
            _ = try DatasetWindow.channels(names: ["xenon1t_sr1"], windows: [w], overrides: [], emin: nil, emax: nil, binWidthKeV: nil)
        }
        let (spec, file) = try DataLocator.spec(named: "lz_ws2024")
        do {
            _ = try spec.applying([try DatasetSpec.Override(parsing: "lz_ws2024.resolution.c=1")], file: file.path)
            Issue.record("an unknown key was accepted")
        } catch let e as InputError {
            #expect(e.field == "resolution.c")
            #expect(e.file?.hasPrefix(file.path) == true)
        }
        let scaled = try spec.applying([try DatasetSpec.Override(parsing: "lz_ws2024.efficiency.energy_scale=1.1")], file: file.path)
        #expect(scaled.efficiency.energyScale == 1.1)
    }

    @Test("digitised non-integer counts: the error says how to proceed")
    func nonIntegerHint() throws {
        do {
            _ = try DataLocator.dataset(named: "pandax4t_run1", overrides: [try .init(parsing: "pandax4t_run1.observed.allow_non_integer=false")])
            Issue.record("non-integer counts were accepted")
        } catch let e as InputError {
            #expect(e.field == "observed_counts" && e.line != nil)
            #expect(e.message.contains("allow_non_integer"))
        }
    }

    /// The example table is the stepping approximation with RRPA binding energies (Chen et al.
    /// 2017), which differ from the X-ray-booklet ones by ≤ 2 %: the fit must nearly agree
    /// with the built-in stepping, and differ clearly from free electrons.
    @Test("--atomic FILE: a stepping table reproduces the built-in stepping approximation")
    func atomicTable() throws {
        let table = try AtomicBinding.load(from: Self.root.appendingPathComponent("data/atomic/stepping_rrpa_binding.csv"))
        #expect(abs(table.weakFactor(recoilKeV: 3) - AtomicBinding.steppingFactor(recoilKeV: 3)) < 1e-8)
        #expect(table.magneticFactor(recoilKeV: 0.001) == 0)
        func upper(_ b: AtomicBinding) throws -> Double {
            try FitReport.make(model: try AnalysisConfig(recoil: RecoilModel(binding: b)).buildModel().model).interval[1]
        }
        let (t, s, f) = (try upper(table), try upper(.stepping), try upper(.free))
        #expect(abs(t / s - 1) < 0.005)
        #expect(abs(f / s - 1) > 0.05)
        let bad = FileManager.default.temporaryDirectory.appendingPathComponent("atomic-\(UUID().uuidString).csv")
        try "T_keV,weak\n1,0.5\n2,0.6\n".write(to: bad, atomically: true, encoding: .utf8)
        #expect(throws: InputError.self) { _ = try AtomicBinding.load(from: bad) }
    }
}

extension DatasetFormatTests {
    /// At the boundary (the common best fit of XENON1T + XENONnT is μν = 0) the χ²₁ p-value
    /// is conservative: the toy p-value must not be larger (beyond its error).
    @Test("compatibility toys: a p-value from toys, no failures, not above the χ² one at the boundary")
    func compatibilityToys() throws {
        let cfg = AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")])
        let c = try #require(try cfg.analyse(compatibilityToys: 400, seed: 3).report.compatibility)
        #expect(c.toys == 400 && c.failedToys == 0)
        let p = try #require(c.pToys), e = try #require(c.pToysError)
        #expect(p <= c.pValue + 2 * e)
    }
}
