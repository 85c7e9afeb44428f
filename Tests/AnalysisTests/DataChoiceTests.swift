import Foundation
import Testing
@testable import Detector
@testable import Formats
@testable import Likelihood
@testable import Recoil
@testable import Analysis

@Suite("Front-end choices in the library: DataChoice, RecoilChoice, BackgroundComparison")
struct DataChoiceTests {
    @Test("no dataset named: XENON1T SR1; windows and --set changes reach the channels")
    func defaults() throws {
        #expect(try DataChoice().datasetNames() == ["xenon1t_sr1"])
        let c = try DataChoice(datasets: ["xenon1t_sr1"], windows: [DatasetWindow(dataset: "xenon1t_sr1", lowerKeV: 2, upperKeV: 6)],
                               overrides: [try DatasetSpec.Override(parsing: "xenon1t_sr1.resolution.a=0.35")]).channels()
        #expect(c.count == 1 && c[0].dataset == "xenon1t_sr1" && c[0].emin == 2 && c[0].emax == 6 && c[0].overrides.count == 1)
    }

    @Test("the config carries every model choice; the model equals AnalysisConfig's")
    func config() throws {
        let choice = DataChoice(tritium: .free, efficiencyShape: false, solarFluxNuisance: false)
        let recoil = try RecoilChoice().model()
        let config = try choice.config(recoil: recoil)
        #expect(config.tritium == .free && !config.solarFluxNuisance && config.channels.map(\.dataset) == ["xenon1t_sr1"])
        let direct = try AnalysisConfig(tritium: .free, solarFluxNuisance: false).buildModel().model
        #expect(try choice.model(recoil: recoil).parameterNames == direct.parameterNames)
    }

    @Test("the tritium parameters are the components the dataset declares (role: tritium)")
    func tritiumFromRoles() throws {
        let choice = DataChoice(tritium: .free)
        let model = try choice.model(recoil: RecoilModel())
        let (spec, _) = try DataLocator.spec(named: "xenon1t_sr1")
        let declared = ModelNames.tritiumParameters(datasets: [spec])
        #expect(!declared.isEmpty)
        #expect(try choice.tritiumParameters(of: model) == declared)
    }

    @Test("RecoilChoice: built-in bindings, a table file is the atomic file read, constant P_ee")
    func recoil() throws {
        #expect(RecoilChoice().atomicTableFile == nil)
        #expect(RecoilChoice(atomic: "free").atomicTableFile == nil)
        #expect(RecoilChoice(atomic: "/x.csv").atomicTableFile == "/x.csv")
        let m = try RecoilChoice(atomic: "free", sources: [.pp], constantPee: 0.5).model()
        #expect(m.sources == [.pp] && m.survival == .constant(0.5) && m.binding.name == AtomicBinding.free.name)
        #expect(throws: (any Error).self) { try RecoilChoice(atomic: "/nonexistent/table.csv").model() }
    }

    @Test("compare's tests: tritium = the declared amplitudes; μν left out unless tested or kept")
    func comparison() throws {
        let recoil = RecoilModel()
        let t = try BackgroundComparison(data: DataChoice(), recoil: recoil, tests: ["tritium"], keepMuNu: false)
        let (spec, _) = try DataLocator.spec(named: "xenon1t_sr1")
        #expect(t.tested == ModelNames.tritiumParameters(datasets: [spec]) && t.excluded == [ModelNames.muNu])
        let kept = try BackgroundComparison(data: DataChoice(), recoil: recoil, tests: ["tritium"], keepMuNu: true)
        #expect(kept.excluded.isEmpty)
        let mu = try BackgroundComparison(data: DataChoice(), recoil: recoil, tests: [ModelNames.muNu], keepMuNu: false)
        #expect(mu.tested == [ModelNames.muNu] && mu.excluded.isEmpty)
        #expect(throws: InputError.self) { try BackgroundComparison(data: DataChoice(), recoil: recoil, tests: [], keepMuNu: false) }
    }

    @Test("a free ³H amplitude or the efficiency shape on data without them is reported as not acting")
    func applicability() throws {
        let lz = DataChoice(datasets: ["lz_ws2024"], tritium: .free, efficiencyShape: true)
        let rows = try lz.applicability(try lz.channels())
        #expect(rows.count == 2 && rows.allSatisfy { $0.given && !$0.acts && $0.when.contains("lz_ws2024 has none") })
        let x1t = DataChoice(tritium: .free)
        #expect(try x1t.applicability(try x1t.channels()).first { $0.choice == .tritium }?.acts == true)
        #expect(try DataChoice().applicability(try DataChoice().channels()).isEmpty)
    }
}
