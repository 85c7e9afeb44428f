import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

/// pyhf export (issue "Interchange"): the workspace has pyhf's schema shape, and read with
/// linear normsys interpolation it is the same likelihood as nmmfit's.
@Suite("pyhf workspace export")
struct PyhfExportTests {
    // MARK: - pyhf schema 1.0.0 shape (defs.json), checked on the encoded JSON

    /// Checks the JSON against the shape of pyhf's `workspace.json` (1.0.0): required keys,
    /// no extra keys, types, modifier data by type, bin counts. Returns the problems found.
    static func schemaProblems(_ json: Data) throws -> [String] {
        var problems: [String] = []
        /// JSONSerialization gives booleans as NSNumber subclasses (`__NSCFBoolean`).
        func isBoolean(_ v: Any) -> Bool { String(describing: type(of: v)).contains("Boolean") }
        func fail(_ s: String) { problems.append(s) }
        func keys(_ d: [String: Any], _ path: String, required: Set<String>, allowed: Set<String>) {
            for k in required where d[k] == nil { fail("\(path): missing '\(k)'") }
            for k in d.keys where !allowed.contains(k) { fail("\(path): extra key '\(k)'") }
        }
        func numbers(_ v: Any?, _ path: String, count: Int? = nil) -> [Double]? {
            guard let a = v as? [Any], !a.isEmpty else { fail("\(path): not a non-empty array"); return nil }
            var out: [Double] = []
            for (i, x) in a.enumerated() {
                guard let n = x as? NSNumber, !isBoolean(n) else { fail("\(path)[\(i)]: not a number"); return nil }
                out.append(n.doubleValue)
            }
            if let count, out.count != count { fail("\(path): \(out.count) values, expected \(count)") }
            return out
        }
        guard let top = try JSONSerialization.jsonObject(with: json) as? [String: Any] else { return ["top level is not an object"] }
        keys(top, "workspace", required: ["channels", "measurements", "observations", "version"],
             allowed: ["channels", "measurements", "observations", "version"])
        if top["version"] as? String != "1.0.0" { fail("version is not \"1.0.0\"") }

        var binsByChannel: [String: Int] = [:]
        let channels = top["channels"] as? [[String: Any]] ?? []
        if channels.isEmpty { fail("channels: not a non-empty array of objects") }
        for (c, ch) in channels.enumerated() {
            let p = "channels[\(c)]"
            keys(ch, p, required: ["name", "samples"], allowed: ["name", "samples"])
            guard let name = ch["name"] as? String else { fail("\(p).name: not a string"); continue }
            let samples = ch["samples"] as? [[String: Any]] ?? []
            if samples.isEmpty { fail("\(p).samples: not a non-empty array of objects") }
            for (s, sm) in samples.enumerated() {
                let sp = "\(p).samples[\(s)]"
                keys(sm, sp, required: ["name", "data", "modifiers"], allowed: ["name", "data", "modifiers"])
                if !(sm["name"] is String) { fail("\(sp).name: not a string") }
                guard let data = numbers(sm["data"], "\(sp).data") else { continue }
                if let n = binsByChannel[name], n != data.count { fail("\(sp).data: \(data.count) bins, channel has \(n)") }
                binsByChannel[name] = data.count
                guard let mods = sm["modifiers"] as? [[String: Any]] else { fail("\(sp).modifiers: not an array of objects"); continue }
                for (m, mod) in mods.enumerated() {
                    let mp = "\(sp).modifiers[\(m)]"
                    keys(mod, mp, required: ["name", "type", "data"], allowed: ["name", "type", "data"])
                    guard let mname = mod["name"] as? String else { fail("\(mp).name: not a string"); continue }
                    switch mod["type"] as? String {
                    case "normfactor", "shapefactor":
                        if !(mod["data"] is NSNull) { fail("\(mp).data: must be null") }
                    case "lumi":
                        if mname != "lumi" { fail("\(mp): a lumi modifier is named 'lumi'") }
                        if !(mod["data"] is NSNull) { fail("\(mp).data: must be null") }
                    case "normsys":
                        guard let d = mod["data"] as? [String: Any] else { fail("\(mp).data: not an object"); continue }
                        keys(d, "\(mp).data", required: ["hi", "lo"], allowed: ["hi", "lo"])
                        if !(d["hi"] is NSNumber && d["lo"] is NSNumber) { fail("\(mp).data: hi/lo not numbers") }
                    case "histosys":
                        guard let d = mod["data"] as? [String: Any] else { fail("\(mp).data: not an object"); continue }
                        keys(d, "\(mp).data", required: ["hi_data", "lo_data"], allowed: ["hi_data", "lo_data"])
                        _ = numbers(d["hi_data"], "\(mp).data.hi_data", count: data.count)
                        _ = numbers(d["lo_data"], "\(mp).data.lo_data", count: data.count)
                    case "shapesys", "staterror":
                        _ = numbers(mod["data"], "\(mp).data", count: data.count)
                    default:
                        fail("\(mp).type: '\(mod["type"] ?? "nil")' is not a pyhf modifier type")
                    }
                }
            }
        }

        let observations = top["observations"] as? [[String: Any]] ?? []
        if observations.isEmpty { fail("observations: not a non-empty array of objects") }
        var observed = Set<String>()
        for (o, ob) in observations.enumerated() {
            let p = "observations[\(o)]"
            keys(ob, p, required: ["name", "data"], allowed: ["name", "data"])
            guard let name = ob["name"] as? String else { fail("\(p).name: not a string"); continue }
            observed.insert(name)
            if let n = binsByChannel[name] { _ = numbers(ob["data"], "\(p).data", count: n) } else { fail("\(p): no channel '\(name)'") }
        }
        for name in binsByChannel.keys where !observed.contains(name) { fail("channel '\(name)' has no observation") }

        let measurements = top["measurements"] as? [[String: Any]] ?? []
        if measurements.isEmpty { fail("measurements: not a non-empty array of objects") }
        for (m, me) in measurements.enumerated() {
            let p = "measurements[\(m)]"
            keys(me, p, required: ["name", "config"], allowed: ["name", "config"])
            if !(me["name"] is String) { fail("\(p).name: not a string") }
            guard let cfg = me["config"] as? [String: Any] else { fail("\(p).config: not an object"); continue }
            keys(cfg, "\(p).config", required: ["poi", "parameters"], allowed: ["poi", "parameters"])
            if !(cfg["poi"] is String) { fail("\(p).config.poi: not a string") }
            guard let pars = cfg["parameters"] as? [[String: Any]] else { fail("\(p).config.parameters: not an array of objects"); continue }
            for (k, par) in pars.enumerated() {
                let pp = "\(p).config.parameters[\(k)]"
                keys(par, pp, required: ["name"], allowed: ["name", "inits", "bounds", "auxdata", "factors", "sigmas", "fixed"])
                if !(par["name"] is String) { fail("\(pp).name: not a string") }
                for key in ["inits", "auxdata", "factors", "sigmas"] where par[key] != nil { _ = numbers(par[key], "\(pp).\(key)") }
                if let b = par["bounds"] {
                    guard let bs = b as? [Any], !bs.isEmpty else { fail("\(pp).bounds: not a non-empty array"); continue }
                    for (i, pair) in bs.enumerated() {
                        if let v = numbers(pair, "\(pp).bounds[\(i)]", count: 2), !(v[0] <= v[1]) { fail("\(pp).bounds[\(i)]: lower above upper") }
                    }
                }
                if let f = par["fixed"], !isBoolean(f) {
                    fail("\(pp).fixed: not a boolean")
                }
            }
        }
        return problems
    }

    // MARK: - pyhf's likelihood, with linear interpolation (what nmmfit's factors mean)

    /// Expected counts and −ln L of a workspace the way pyhf computes them, except that normsys
    /// interpolates linearly (1 + α(hi − 1) / 1 − α(1 − lo)) instead of code1/code4; histosys is
    /// code0. With that, the export must reproduce nmmfit's likelihood exactly.
    struct LinearPyhf {
        let ws: PyhfWorkspace
        var settings: [String: PyhfWorkspace.ParameterSettings] {
            Dictionary(uniqueKeysWithValues: ws.measurements[0].config.parameters.map { ($0.name, $0) })
        }

        func expected(_ pars: [String: Double]) -> [Double] {
            ws.channels.flatMap { ch in
                var total = [Double](repeating: 0, count: ch.samples[0].data.count)
                for s in ch.samples {
                    var counts = s.data, factor = 1.0
                    for m in s.modifiers {
                        let x = pars[m.name]!
                        switch m.data {
                        case .none: factor *= x
                        case .normsys(let hi, let lo): factor *= x >= 0 ? 1 + x * (hi - 1) : 1 + x * (1 - lo)
                        case .histosys(let hiData, let loData):
                            for i in counts.indices { counts[i] += x >= 0 ? x * (hiData[i] - s.data[i]) : x * (s.data[i] - loData[i]) }
                        case .perBin: Issue.record("unexpected per-bin modifier")
                        }
                    }
                    for i in total.indices { total[i] += factor * counts[i] }
                }
                return total
            }
        }

        /// −ln L without ln n!: Poisson terms plus ½α² for normsys/histosys parameters.
        func nll(_ pars: [String: Double]) -> Double {
            let lam = expected(pars), n = ws.observations.flatMap(\.data)
            var v = zip(lam, n).reduce(0) { $0 + $1.0 - $1.1 * log($1.0) }
            var constrained = Set<String>()
            for ch in ws.channels { for s in ch.samples { for m in s.modifiers where m.type == .normsys || m.type == .histosys { constrained.insert(m.name) } } }
            for name in constrained where settings[name]?.fixed != true { v += 0.5 * pars[name]! * pars[name]! }
            return v
        }
    }

    /// nmmfit's internal θ → the pyhf parameters of the export.
    static func pyhfParameters(_ model: BinnedModel, _ theta: [Double]) -> [String: Double] {
        var out: [String: Double] = [:]
        for (k, p) in model.spec.parameters.enumerated() {
            if k == model.poiIndex { out[PyhfExport.poiName] = theta[k]; continue }
            switch p.constraint.type {
            case .gaussian: out[p.name] = (theta[k] - (p.constraint.mean ?? 1)) / p.constraint.sigma!
            case .free, .fixed: out[p.name] = theta[k]
            }
        }
        return out
    }

    /// Checks the export of `model` against its likelihood at a few parameter points.
    static func checkEquivalent(_ model: BinnedModel, points: [[Double]]) throws {
        let ws = try PyhfExport.workspace(from: model.spec)
        let lin = LinearPyhf(ws: ws)
        let ref = model.nll(model.initial, model.observed)
        let refP = lin.nll(pyhfParameters(model, model.initial))
        for theta in points {
            let pars = pyhfParameters(model, theta)
            let a = model.expected(theta), b = lin.expected(pars)
            #expect(a.count == b.count)
            for (x, y) in zip(a, b) { #expect(abs(x - y) <= 1e-10 * max(1, abs(x)), "λ: nmmfit \(x), pyhf \(y)") }
            let dn = model.nll(theta, model.observed) - ref, dp = lin.nll(pars) - refP
            #expect(abs(dn - dp) <= 1e-9 * max(1, abs(dn)), "ΔNLL: nmmfit \(dn), pyhf \(dp)")
        }
    }

    // MARK: - Tests

    @Test("the XENON1T export has pyhf's schema shape, the POI mu_nu_squared and shared parameter names")
    func xenon1tShape() throws {
        let m = TestModels.xenon1t
        let ws = try PyhfExport.workspace(from: m.spec)
        let json = try ws.jsonData()
        let problems = try Self.schemaProblems(json)
        #expect(problems.isEmpty, "\(problems)")

        #expect(ws.version == "1.0.0")
        #expect(ws.measurements.map(\.name) == ["nmmfit"])
        #expect(ws.measurements[0].config.poi == "mu_nu_squared")
        #expect(ws.channels.map(\.name) == m.channelNames)
        #expect(ws.observations.map(\.data) == m.spec.channels.map(\.observed))
        let ch = ws.channels[0], sp = m.spec.channels[0]
        #expect(ch.samples.map(\.name) == sp.samples.map(\.name))
        #expect(ch.samples.map(\.data) == sp.samples.map(\.counts))

        let signal = try #require(ch.samples.first { $0.name == "magnetic_moment" })
        #expect(signal.modifiers.contains(.normfactor("mu_nu_squared")))
        for s in ch.samples {
            #expect(s.modifiers.contains { $0.name == "efficiency_xenon1t_sr1" && $0.type == .normsys }, "\(s.name)")
        }
        let b0 = try #require(ch.samples.first { $0.name == "B0" }?.modifiers.first { $0.name == "B0_xenon1t_sr1" })
        let sigmaB0 = try #require(m.spec.parameters.first { $0.name == "B0_xenon1t_sr1" }?.constraint.sigma)
        #expect(b0.type == .normsys)
        #expect(b0.data == .normsys(hi: 1 + sigmaB0, lo: 1 - sigmaB0))

        let settings = Dictionary(uniqueKeysWithValues: ws.measurements[0].config.parameters.map { ($0.name, $0) })
        let poi = try #require(settings["mu_nu_squared"])
        #expect(poi.inits == [1])
        #expect(poi.bounds == [[0, 1000]])
        #expect(settings["mu_nu"] == nil)
        #expect(settings["B0_xenon1t_sr1"]?.bounds == [[-5, 5]])
        #expect(settings["B0_xenon1t_sr1"]?.inits == [0])
        // Every modifier's parameter is configured, and nothing else is.
        let modifierNames = Set(ws.channels.flatMap { $0.samples.flatMap { $0.modifiers.map(\.name) } })
        #expect(modifierNames == Set(settings.keys))

        // `data: null` is written out for normfactors, as the schema requires.
        let text = String(decoding: json, as: UTF8.self)
        #expect(text.contains("\"data\" : null"))
        #expect(text.hasPrefix("{\n  \"channels\""))
    }

    @Test("encoding and decoding a workspace round-trips")
    func roundTrip() throws {
        let ws = try PyhfExport.workspace(from: TestModels.xenon1t.spec)
        let back = try JSONDecoder().decode(PyhfWorkspace.self, from: try ws.jsonData())
        #expect(back == ws)
        let histo = PyhfWorkspace.Modifier(name: "h", type: .histosys, data: .histosys(hiData: [1, 2], loData: [0, 1]))
        let stat = PyhfWorkspace.Modifier(name: "s", type: .staterror, data: .perBin([0.1, 0.2]))
        for m in [histo, stat] {
            #expect(try JSONDecoder().decode(PyhfWorkspace.Modifier.self, from: try JSONEncoder().encode(m)) == m)
        }
    }

    @Test("read with linear interpolation, the XENON1T export is nmmfit's likelihood")
    func xenon1tEquivalent() throws {
        let m = TestModels.xenon1t
        var points: [[Double]] = [m.initial]
        for (s, shift) in [(5.76, 0.03), (0, -0.05), (12, 0.08)] {
            var t = m.initial
            t[m.poiIndex] = s
            for k in t.indices where k != m.poiIndex { t[k] = 1 + shift * Double(k % 3 == 0 ? -1 : 1) }
            points.append(t)
        }
        try Self.checkEquivalent(m, points: points)
    }

    /// Two channels, a shared Gaussian factor with mean ≠ 1, a free and a fixed factor, a
    /// histosys with σ ≠ 1 and a fixed histosys.
    static let handMade: ModelSpec = ModelSpec(
        channels: [
            ModelSpec.Channel(name: "A", binEdgesKeV: [1, 2, 3], observed: [12, 9], samples: [
                ModelSpec.Sample(name: "bkg", counts: [10, 8], factors: ["norm", "free_a"]),
                ModelSpec.Sample(name: "sig", counts: [2, 1], factors: ["norm", "mu_nu"],
                                 histosys: [ModelSpec.HistoSys(parameter: "shape", up: [2.4, 0.9], down: [1.7, 1.2])]),
            ]),
            ModelSpec.Channel(name: "B", binEdgesKeV: [1, 3, 5, 9], observed: [30, 21, 17], samples: [
                ModelSpec.Sample(name: "bkg", counts: [28, 20, 15], factors: ["norm", "fixed_b"],
                                 histosys: [ModelSpec.HistoSys(parameter: "frozen", up: [29, 21, 15], down: [27, 19, 16])]),
                ModelSpec.Sample(name: "sig", counts: [1.5, 1, 0.5], factors: ["mu_nu"]),
            ]),
        ],
        parameters: [
            ModelSpec.Parameter(name: "mu_nu", initial: 2e-11, lower: 0, upper: 1e-10, constraint: .free),
            ModelSpec.Parameter(name: "norm", initial: 1.2, lower: 0, constraint: .gaussian(mean: 1.1, sigma: 0.11)),
            ModelSpec.Parameter(name: "free_a", initial: 1, lower: 0, upper: 4, constraint: .free),
            ModelSpec.Parameter(name: "fixed_b", initial: 0.9, lower: 0, constraint: ModelSpec.Constraint(type: .fixed)),
            ModelSpec.Parameter(name: "shape", initial: 0, constraint: .gaussian(mean: 0, sigma: 0.5)),
            ModelSpec.Parameter(name: "frozen", initial: 0.3, constraint: ModelSpec.Constraint(type: .fixed)),
            ModelSpec.Parameter(name: "unused", initial: 1, constraint: .gaussian(sigma: 0.1)),
        ])

    @Test("two channels, a shared Gaussian factor with mean ≠ 1, fixed and free factors, histosys: same likelihood")
    func handMadeEquivalent() throws {
        let m = try BinnedModel(spec: Self.handMade)
        let ws = try PyhfExport.workspace(from: m.spec)
        #expect(try Self.schemaProblems(try ws.jsonData()).isEmpty)
        let settings = Dictionary(uniqueKeysWithValues: ws.measurements[0].config.parameters.map { ($0.name, $0) })
        #expect(settings["unused"] == nil)
        let poiBounds = try #require(settings["mu_nu_squared"]?.bounds)
        #expect(poiBounds.count == 1 && poiBounds[0][0] == 0 && abs(poiBounds[0][1] - 100) < 1e-12)  // (1e-10 / 1e-11)²
        #expect(settings["mu_nu_squared"]?.inits == [4])
        #expect(settings["free_a"]?.bounds == [[0, 4]])
        #expect(settings["fixed_b"]?.fixed == true && settings["fixed_b"]?.inits == [0.9])
        #expect(settings["frozen"]?.fixed == true)
        #expect(settings["shape"]?.bounds == [[-5, 5]])
        let norm = try #require(settings["norm"])
        #expect(abs(norm.inits![0] - (1.2 - 1.1) / 0.11) < 1e-12)
        #expect(abs(norm.bounds![0][0] - -5) < 1e-12)
        // "norm" appears in both channels under one name; counts carry its mean.
        let normMods = ws.channels.flatMap { $0.samples.flatMap { $0.modifiers.filter { $0.name == "norm" } } }
        #expect(normMods.count == 3)
        #expect(abs(ws.channels[0].samples[0].data[0] - 11) < 1e-12)

        var points: [[Double]] = [m.initial]
        for (s, shape, norm, free) in [(0.0, -0.7, 1.0, 1.3), (9, 0.4, 1.25, 0.6), (2.5, 1.6, 0.9, 2.2)] {
            var t = m.initial
            t[m.poiIndex] = s
            t[m.parameterNames.firstIndex(of: "shape")!] = shape
            t[m.parameterNames.firstIndex(of: "norm")!] = norm
            t[m.parameterNames.firstIndex(of: "free_a")!] = free
            points.append(t)
        }
        try Self.checkEquivalent(m, points: points)
    }

    @Test("the efficiency-shape histosys of the built model exports with the right lengths and values")
    func efficiencyShape() throws {
        let m = try AnalysisConfig(efficiencyShape: true).buildModel().model
        let ws = try PyhfExport.workspace(from: m.spec)
        #expect(try Self.schemaProblems(try ws.jsonData()).isEmpty)
        let signal = try #require(ws.channels[0].samples.first { $0.name == "magnetic_moment" })
        let h = try #require(signal.modifiers.first { $0.type == .histosys })
        #expect(h.name == "efficiency_shape_xenon1t_sr1")
        let hs = try #require(m.spec.channels[0].samples.first { $0.name == "magnetic_moment" }?.histosys?.first)
        #expect(h.data == .histosys(hiData: hs.up, loData: hs.down))
        var t = m.initial
        t[m.poiIndex] = 4
        t[m.parameterNames.firstIndex(of: "efficiency_shape_xenon1t_sr1")!] = -0.6
        try Self.checkEquivalent(m, points: [m.initial, t])
    }

    struct BadCase: Sendable, CustomTestStringConvertible {
        var name: String
        var edit: @Sendable (inout ModelSpec) -> Void
        var field: String
        var fragment: String
        var testDescription: String { name }
    }

    static let badCases: [BadCase] = [
        BadCase(name: "free histosys parameter", edit: { $0.parameters[4].constraint = .free },
                field: "parameters[4].constraint", fragment: "unconstrained"),
        BadCase(name: "histosys with Gaussian mean ≠ 0", edit: { $0.parameters[4].constraint = .gaussian(mean: 0.2, sigma: 1) },
                field: "parameters[4].constraint.mean", fragment: "mean of 0"),
        BadCase(name: "parameter both factor and histosys", edit: { $0.channels[1].samples[1].factors.append("shape") },
                field: "parameters[4]", fragment: "both a factor and a histosys"),
        BadCase(name: "Gaussian factor with σ ≥ mean", edit: { $0.parameters[1].constraint = .gaussian(mean: 1, sigma: 1.5) },
                field: "parameters[1].constraint.sigma", fragment: "cannot be a normsys"),
        BadCase(name: "parameter named like the pyhf POI", edit: { $0.parameters[6].name = "mu_nu_squared" },
                field: "parameters[6].name", fragment: "pyhf name of the POI"),
        BadCase(name: "constrained POI", edit: { $0.parameters[0].constraint = .gaussian(mean: 1, sigma: 0.5) },
                field: "parameters[0].constraint", fragment: "parameter of interest"),
        BadCase(name: "no signal sample", edit: { $0.channels[0].samples[1].factors = ["norm"]; $0.channels[1].samples[1].factors = [] },
                field: "channels", fragment: "mu_nu"),
        BadCase(name: "duplicate sample names", edit: { $0.channels[0].samples[1].name = "bkg" },
                field: "channels[0].samples[1].name", fragment: "duplicate sample"),
        BadCase(name: "invalid spec", edit: { $0.channels[0].observed[1] = -1 },
                field: "channels[0].observed[1]", fragment: "≥ 0"),
    ]

    @Test("what pyhf cannot express is an InputError naming the spec field", arguments: badCases)
    func inexpressible(c: BadCase) {
        var spec = Self.handMade
        c.edit(&spec)
        do {
            _ = try PyhfExport.workspace(from: spec, file: "model.json")
            Issue.record("no error for \(c.name)")
        } catch let e as InputError {
            #expect(e.file == "model.json")
            #expect(e.field == c.field, "\(e)")
            #expect(e.description.contains(c.fragment), "\(e)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test("the default POI bound is a power of ten above the data, and the option overrides it")
    func poiBound() throws {
        var spec = Self.handMade
        spec.parameters[0].upper = nil
        // signal 6 events at s = 1, observed 89: 10 · 99 / 6 = 165 → 1000
        #expect(PyhfExport.defaultPOIUpperBound(spec) == 1000)
        #expect(try PyhfExport.workspace(from: spec).measurements[0].config.parameters[0].bounds == [[0, 1000]])
        let ws = try PyhfExport.workspace(from: spec, options: .init(poiUpperBound: 50))
        #expect(ws.measurements[0].config.parameters[0].bounds == [[0, 50]])
    }

    @Test("the schema checker itself catches shape errors")
    func checkerCatches() throws {
        let bad = """
        {"channels": [{"name": "c", "samples": [{"name": "s", "data": [1, 2], "modifiers": [
            {"name": "n", "type": "normsys", "data": {"hi": 1.1}},
            {"name": "h", "type": "histosys", "data": {"hi_data": [1], "lo_data": [1, 2]}},
            {"name": "f", "type": "normfactor"},
            {"name": "x", "type": "weird", "data": null}]}]}],
         "observations": [{"name": "c", "data": [1, 2, 3]}],
         "measurements": [{"name": "m", "config": {"poi": "f", "parameters": [{"name": "f", "bounds": [[2, 1]], "extra": 1}]}}],
         "version": "1.0.1", "other": 1}
        """
        let p = try Self.schemaProblems(Data(bad.utf8))
        for fragment in ["extra key 'other'", "version", "missing 'lo'", "hi_data: 1 values", "missing 'data'",
                         "not a pyhf modifier type", "observations[0].data: 3 values", "lower above upper", "extra key 'extra'"] {
            #expect(p.contains { $0.contains(fragment) }, "\(fragment) not in \(p)")
        }
    }
}
