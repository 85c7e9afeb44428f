import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

@Suite("Model specs, combined channels, shape nuisances")
struct SpecTests {
    @Test("a model written as a spec and read back gives the identical fit")
    func roundTrip() throws {
        let m = TestModels.xenon1t
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-spec-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try m.spec.jsonData().write(to: url)
        let back = try BinnedModel(spec: try ModelSpec.load(from: url))
        #expect(back.spec == m.spec)
        let a = try Fitter(model: m).fit(m.observed), b = try Fitter(model: back).fit(back.observed)
        #expect(a.nll == b.nll && a.muNu == b.muNu)
    }

    @Test("spec validation names the bad key path")
    func validation() throws {
        var spec = TestModels.xenon1t.spec
        spec.channels[0].samples[0].counts[2] = -1
        do { try spec.validate(); Issue.record("no error") } catch let e as InputError {
            #expect(e.field == "channels[0].samples[0].counts[2]")
        }
        spec = TestModels.xenon1t.spec
        spec.channels[0].observed.removeLast()
        #expect(throws: InputError.self) { try spec.validate() }
        spec = TestModels.xenon1t.spec
        spec.nmmfitModel = 99
        #expect(throws: InputError.self) { try spec.validate() }
        spec = TestModels.xenon1t.spec
        spec.parameters[0].initial = -1e-11
        #expect(throws: InputError.self) { try spec.validate() }
    }

    @Test("combining XENON1T and XENONnT shares μν and the solar flux; the combination sits between")
    func combined() throws {
        let cfg = AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenonnt_sr0")])
        let m = try cfg.buildModel().model
        #expect(m.channelNames == ["xenon1t_sr1", "xenonnt_sr0"])
        #expect(m.parameterNames.filter { $0 == "mu_nu" || $0 == "solar_nu_flux" }.count == 2)
        let pl = try ProfileLikelihood(model: m)
        #expect(pl.best.converged)
        let x1t = try ProfileLikelihood(model: TestModels.xenon1t).best.muNu
        #expect(pl.best.muNu < x1t)
    }

    @Test("with the efficiency-shape nuisance the derivatives stay exact and the fit converges")
    func efficiencyShape() throws {
        let m = try AnalysisConfig(efficiencyShape: true).buildModel().model
        let k = m.parameterNames.firstIndex(of: "efficiency_shape_xenon1t_sr1")!
        let ws = BinnedModel.Workspace(model: m)
        var theta = m.initial
        theta[m.poiIndex] = 4
        for sign in [-1.0, 1.0] {
            theta[k] = 0.4 * sign
            _ = m.evaluate(theta, m.observed, into: ws)
            for p in 0..<m.parameterCount {
                let h = 1e-6
                var tp = theta, tm = theta
                tp[p] += h
                tm[p] -= h
                let g = (m.nll(tp, m.observed) - m.nll(tm, m.observed)) / (2 * h)
                #expect(abs(g - ws.gradient[p]) < 1e-4 * max(1, abs(g)))
            }
        }
        let fit = try Fitter(model: m).fitMultiStart(m.observed)
        #expect(fit.converged)
        #expect(abs(fit.internalValues[k]) < 3)
    }
}

@Suite("Analysis configuration errors")
struct ConfigErrorTests {
    /// Regression (review): `--emin 10` alone used to build the range 10...7 and abort.
    @Test("a one-sided window beyond the default is an InputError, not a crash")
    func oneSidedWindow() {
        #expect(throws: InputError.self) { _ = try AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1", emin: 10)]).buildModel() }
        #expect(throws: InputError.self) { _ = try AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1", emax: 0.5)]).buildModel() }
        #expect(throws: InputError.self) {
            _ = try AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1"), .init(dataset: "xenon1t_sr1")]).buildModel()
        }
    }

    @Test("a one-sided window inside the data takes the other edge from the dataset")
    func defaultsFromDataset() throws {
        let m = try AnalysisConfig(channels: [.init(dataset: "xenon1t_sr1", emin: 2)]).buildModel().model
        #expect(m.binEdges[0].first == 2 && m.binEdges[0].last == 7)
    }

    @Test("specs with a fixed or shape-modified μν, or init outside the bounds, are rejected")
    func poiRules() throws {
        var spec = TestModels.xenon1t.spec
        spec.parameters[0].constraint = ModelSpec.Constraint(type: .fixed)
        #expect(throws: InputError.self) { try spec.validate() }
        spec = TestModels.xenon1t.spec
        spec.parameters[1].initial = -1
        #expect(throws: InputError.self) { try spec.validate() }
        spec = TestModels.xenon1t.spec
        spec.channels[0].samples[0].histosys = [ModelSpec.HistoSys(parameter: "mu_nu", up: spec.channels[0].samples[0].counts,
                                                                    down: spec.channels[0].samples[0].counts)]
        #expect(throws: InputError.self) { try spec.validate() }
    }

    @Test("compare only tests free non-negative amplitudes")
    func compareTargets() throws {
        #expect(throws: InputError.self) { _ = try HypothesisTest(model: TestModels.xenon1t, testedNames: ["solar_nu_flux"]) }
        #expect(throws: InputError.self) { _ = try HypothesisTest(model: TestModels.xenon1t, testedNames: ["nope"]) }
    }
}
