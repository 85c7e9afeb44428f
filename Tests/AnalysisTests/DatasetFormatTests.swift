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
        // XENON1T as in its single fit (³H = 0): the B0-only hypothesis whose excess XENONnT contradicts
        let cfg = AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")], solarFluxNuisance: false,
                                 combinationPolicy: .tritiumZero)
        let a = try cfg.analyse(compatibilityToys: CompatibilityTest.ToyPlan.none)
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
        #expect(c.pValueAsymptotic < 0.01 && c.pValueMethod == .chi2Asymptotic && c.tension)
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
    /// At the boundary (the common best fit of XENON1T + XENONnT with ³H = 0 is μν = 0) the
    /// χ²₁ p-value is conservative: the toy p-value must not be larger (beyond its error), and it
    /// becomes the headline p-value, marked as toys.
    @Test("compatibility toys: a p-value from toys, no failures, not above the χ² one at the boundary")
    func compatibilityToys() throws {
        let cfg = AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")],
                                 combinationPolicy: .tritiumZero)
        let c = try #require(try cfg.analyse(compatibilityToys: .fixed(400), seed: 3).report.compatibility)
        #expect(c.toys == 400 && c.failedToys == 0)
        let p = try #require(c.pToys), e = try #require(c.pToysError)
        #expect(p <= c.pValueAsymptotic + 2 * e)
        #expect(c.pValueMethod == .toys && c.seed == 3)
        #expect(c.pValue == (c.pValueIsBound ? 1.0 / 400 : p))
        #expect(c.tension == (c.pValue < CompatibilityTest.tensionThreshold))
    }
}

extension DatasetFormatTests {
    /// The combination policy acts on XENON1T's open ³H hypothesis in combinations only; every
    /// policy is recorded, and a single-dataset fit is untouched.
    @Test("combination policy: tritium-free frees XENON1T's ³H, tritium-zero keeps it at 0, exclude drops it; single fits untouched")
    func combinationPolicy() throws {
        let pair: [AnalysisConfig.Channel] = [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")]
        let tritium = ModelNames.backgroundParameter("tritium", dataset: "xenon1t_sr1")
        let free = try AnalysisConfig(channels: pair).prepare()
        #expect(free.model.parameterNames.contains(tritium))
        #expect(free.policy?.name == .tritiumFree && free.policy?.tritiumFreeDatasets == ["xenon1t_sr1"])
        let zero = try AnalysisConfig(channels: pair, combinationPolicy: .tritiumZero).prepare()
        #expect(!zero.model.parameterNames.contains(tritium) && zero.policy?.tritiumFreeDatasets == [])
        let excluded = try AnalysisConfig(channels: pair, combinationPolicy: .exclude).prepare()
        #expect(excluded.model.channelNames == ["xenonnt_sr0"] && excluded.policy?.excludedDatasets == ["xenon1t_sr1"])
        #expect(throws: InputError.self) {
            _ = try AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenon1t_sr1")]).prepare()
        }
        let single = try AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1")]).prepare()
        #expect(!single.model.parameterNames.contains(tritium) && single.policy == nil)
        // the policy's model equals the one a user gets by freeing ³H by hand for this pair
        let byHand = try AnalysisConfig(channels: pair, tritium: .free, combinationPolicy: .tritiumZero).prepare()
        #expect(byHand.model.parameterNames == free.model.parameterNames)
        #expect(try FitReport.make(model: byHand.model).interval == (try FitReport.make(model: free.model).interval))
    }

    /// Under the B0-only hypothesis XENON1T pulls the combined limit above XENONnT's alone:
    /// the output must say so, naming XENON1T and the disagreement.
    @Test("a combined limit weaker than its strongest input says why; none when it is not weaker")
    func weakerReason() throws {
        let pair: [AnalysisConfig.Channel] = [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")]
        let r = try AnalysisConfig(channels: pair, combinationPolicy: .tritiumZero)
            .analyse(compatibilityToys: CompatibilityTest.ToyPlan.none).report
        let rows = try #require(r.perDataset)
        #expect(r.interval[1] > rows[1].interval[1])
        let why = try #require(r.combinedWeakerReason)
        #expect(why.contains("xenonnt_sr0's alone") && why.contains("xenon1t_sr1") && why.contains("disagree"))
        var stronger = r
        stronger.interval[1] = rows.map(\.interval[1]).min()! * 0.99
        #expect(stronger.weakerThanStrongestSingleReason() == nil)
    }
}

extension DatasetFormatTests {
    /// The atomic binding is one nuisance shared by every dataset of a combination: its +1σ
    /// template is the free-electron signal folded independently, its −1σ the mirror; single
    /// fits carry it only when asked.
    @Test("shared atomic nuisance: one parameter for all channels, +1σ = the free-electron template, off in single fits by default")
    func sharedAtomicNuisance() throws {
        let pair: [AnalysisConfig.Channel] = [.init(dataset: "xenonnt_sr0"), .init(dataset: "lz_ws2024")]
        let p = try AnalysisConfig(channels: pair).prepare()
        let atomic = ModelBuilder.atomicParameter
        #expect(p.model.parameterNames.filter { $0 == atomic }.count == 1)
        #expect(p.policy?.atomicNuisance == atomic)
        for (c, input) in p.inputs.enumerated() {
            let signal = try #require(p.model.spec.channels[c].samples.first { $0.name == ModelNames.signalSample })
            let h = try #require(signal.histosys?.first { $0.parameter == atomic })
            let free = try SignalTemplate.make(model: RecoilModel(binding: .free), detector: input.dataset.detector, bins: input.data.bins)
            for j in h.up.indices {
                #expect(abs(h.up[j] - free.magneticAtReference[j]) <= 1e-9 * free.magneticAtReference[j])
                #expect(abs(h.down[j] - max(2 * signal.counts[j] - h.up[j], 0)) <= 1e-9 * h.up[j])
            }
            // free electrons have no binding suppression: more signal in every bin
            #expect(zip(h.up, signal.counts).allSatisfy { $0 >= $1 })
        }
        let single = try AnalysisConfig(channels: [pair[0]]).prepare()
        #expect(!single.model.parameterNames.contains(atomic))
        let forced = try AnalysisConfig(channels: [pair[0]], atomicNuisance: .on).prepare()
        #expect(forced.model.parameterNames.contains(atomic))
        // profiling an unconstrained-by-data nuisance can only loosen the limit
        let without = try AnalysisConfig(channels: pair, atomicNuisance: .off).prepare()
        #expect(try FitReport.make(model: p.model).interval[1] >= (try FitReport.make(model: without.model).interval[1]) * (1 - 1e-6))
    }
}
