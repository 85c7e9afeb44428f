import Analysis
import BuildInfo
import Detector
import Formats
import Foundation
import Likelihood
import MomentModels
import Plot
import Recoil
import Report

// The C interface of the engine (README.md): one JSON request in, one JSON answer out. Each
// command is one call into the library modules; errors come back as JSON, never as an exit.

/// Answers one request `{"command": NAME, "args": {...}}` with `{"ok": true, "result": ...}` or
/// `{"ok": false, "error": {"message": ..., "type": ...}}`. Free the answer with `nmmfit_free`.
@_cdecl("nmmfit_call")
public func nmmfit_call(_ request: UnsafePointer<CChar>?) -> UnsafeMutablePointer<CChar>? {
    strdup(CInterface.answer(request.map { String(cString: $0) } ?? ""))
}

/// Frees a string returned by `nmmfit_call`.
@_cdecl("nmmfit_free")
public func nmmfit_free(_ p: UnsafeMutablePointer<CChar>?) { free(p) }

/// The version of this interface (the request and answer format).
@_cdecl("nmmfit_abi_version")
public func nmmfit_abi_version() -> Int32 { CInterface.abiVersion }

/// A request's arguments with typed, checked access (a wrong type is an ``InputError`` naming the key).
struct Args {
    var values: [String: Any]
    /// Lines sent back beside the result (`notes`): an explicit choice that replaced a different
    /// one saved in a spec. Shared by the copies of one request's arguments.
    var notes = Notes()

    final class Notes: @unchecked Sendable {
        var lines: [String] = []
    }

    func has(_ k: String) -> Bool { values[k] != nil && !(values[k] is NSNull) }
    func double(_ k: String) throws -> Double? {
        guard has(k) else { return nil }
        guard let n = values[k] as? NSNumber else {
            throw InputError(field: k, "must be a number, got \(InputError.excerpt("\(values[k]!)"))")
        }
        let v = n.doubleValue
        guard v.isFinite else { throw InputError(field: k, "must be finite, got \(v)") }
        return v
    }
    func double(_ k: String, default d: Double) throws -> Double { try double(k) ?? d }
    func int(_ k: String) throws -> Int? {
        guard let v = try double(k) else { return nil }
        guard v == v.rounded(), abs(v) < 9e15 else { throw InputError(field: k, "must be a whole number, got \(v)") }
        return Int(v)
    }
    func int(_ k: String, default d: Int) throws -> Int { try int(k) ?? d }
    func seed(_ k: String = "seed") throws -> UInt64 {
        let s = try int(k, default: 1)
        guard s >= 0 else { throw InputError(field: k, "must be ≥ 0, got \(s)") }
        return UInt64(s)
    }
    func bool(_ k: String, default d: Bool) throws -> Bool {
        guard has(k) else { return d }
        guard let b = values[k] as? Bool else { throw InputError(field: k, "must be true or false") }
        return b
    }
    func string(_ k: String) throws -> String? {
        guard has(k) else { return nil }
        guard let s = values[k] as? String else { throw InputError(field: k, "must be a string") }
        return s
    }
    func strings(_ k: String) throws -> [String]? {
        guard has(k) else { return nil }
        if let s = values[k] as? String { return [s] }
        guard let a = values[k] as? [Any], let s = a as? [String] else { throw InputError(field: k, "must be a string or a list of strings") }
        return s
    }
    func doubles(_ k: String) throws -> [Double]? {
        guard has(k) else { return nil }
        if values[k] is NSNumber { return [try double(k)!] }
        guard let a = values[k] as? [Any] else { throw InputError(field: k, "must be a number or a list of numbers") }
        return try a.enumerated().map { i, x in
            guard let n = x as? NSNumber, n.doubleValue.isFinite else { throw InputError(field: "\(k)[\(i)]", "must be a finite number") }
            return n.doubleValue
        }
    }
    func object(_ k: String) throws -> Args? {
        guard has(k) else { return nil }
        guard let o = values[k] as? [String: Any] else { throw InputError(field: k, "must be an object") }
        return Args(values: o)
    }
    /// A confidence level in the range the interval constructions handle (as the CLI's --cl).
    func cl() throws -> Double {
        let cl = try double("cl", default: 0.9)
        guard (0.5...0.999999).contains(cl) else { throw InputError(field: "cl", "must be in [0.5, 0.999999], got \(cl)") }
        return cl
    }
    /// The confidence level and interval method of a request on a model whose spec saved
    /// `saved` (nil: none), by the library's rule for every reader of a spec: the saved choices
    /// apply unless the request gives `cl` or `methodKey`; a given one that replaces a different
    /// saved one is reported in the answer's `notes`. `allowFeldmanCousins`: the method may be
    /// feldman-cousins (`interval`); `methodKey` nil: the request chooses no method (`coverage`).
    func settings(_ saved: SavedAnalysis?, methodKey: String? = "method", allowFeldmanCousins: Bool = false) throws -> SavedAnalysis.Settings {
        let cl: Double? = has("cl") ? try self.cl() : nil
        var method: IntervalMethod?
        if let methodKey, let m = try string(methodKey) {
            guard let v = IntervalMethod(rawValue: m), allowFeldmanCousins || v != .feldmanCousins else {
                let known = allowFeldmanCousins ? IntervalMethod.allCases.map(\.rawValue) : AsymptoticInterval.Method.allCases.map(\.rawValue)
                throw InputError(field: methodKey, "unknown interval method '\(m)' (\(known.joined(separator: ", ")))")
            }
            method = v
        }
        let s = try SavedAnalysis.settings(saved, cl: cl, method: method, clOption: "cl", methodOption: methodKey ?? "method")
        notes.lines += s.notes
        return s
    }
    func method() throws -> AsymptoticInterval.Method {
        let m = try string("method") ?? AsymptoticInterval.Method.unified.rawValue
        guard let v = AsymptoticInterval.Method(rawValue: m) else {
            throw InputError(field: "method", "unknown interval method '\(m)' (\(AsymptoticInterval.Method.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        return v
    }
    func muNu(_ k: String, default d: Double? = nil) throws -> Double? {
        guard let v = try double(k) ?? d else { return nil }
        try ModelInputLimits.moment(v, k)  // the one rule of a moment in μB, as the CLI's
        return v
    }
    func toys(_ k: String = "toys", default d: Int = 0) throws -> Int {
        let n = try int(k, default: d)
        guard n >= 0 else { throw InputError(field: k, "must be ≥ 0, got \(n)") }
        try ResourceLimit.toys.check(n, option: k)
        return n
    }
    func threads() throws -> Int {
        let t = try int("threads", default: ProcessInfo.processInfo.activeProcessorCount)
        guard t >= 1 else { throw InputError(field: "threads", "must be ≥ 1, got \(t)") }
        try ResourceLimit.threads.check(t, option: "threads")
        return t
    }
}

/// A built model with its profile likelihood, kept between calls (a "handle").
final class Session: @unchecked Sendable {
    let model: BinnedModel
    let profile: ProfileLikelihood
    let config: AnalysisConfig?
    /// The spec the model was read from (its saved analysis gives the defaults of every later call).
    let runSpec: RunSpec?
    var saved: SavedAnalysis? { runSpec?.analysis }
    let lock = NSLock()
    /// What the model was built from (``CInterface/provenance(_:_:)``), for the answers on it.
    var provenance: RunProvenance?
    init(model: BinnedModel, profile: ProfileLikelihood, config: AnalysisConfig?, runSpec: RunSpec? = nil) {
        self.model = model; self.profile = profile; self.config = config; self.runSpec = runSpec
    }
}

/// Encodes a dictionary of encodable values (keys sorted by the encoder).
struct Fields: Encodable {
    var items: [String: any Encodable]
    init(_ items: [String: any Encodable]) { self.items = items }
    typealias Key = StringCodingKey
    func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: Key.self)
        for (k, v) in items { try c.encode(v, forKey: Key(k)) }
    }
}

/// A result already written as JSON (large numeric columns, written without JSONEncoder's
/// per-value cost); non-finite numbers as the strings the encoder would write.
struct RenderedJSON: Encodable {
    var text: String
    func encode(to encoder: Encoder) throws {
        throw EncodingError.invalidValue(text, .init(codingPath: encoder.codingPath, debugDescription: "pre-rendered JSON is not re-encoded"))
    }

    static func number(_ x: Double) -> String {
        x.isFinite ? "\(x)" : x.isNaN ? "\"NaN\"" : x > 0 ? "\"Infinity\"" : "\"-Infinity\""
    }

    /// Columns as base64 of little-endian arrays: `{"rows": N, "order": [names], "dtypes":
    /// {name: "<f8" | "<i8" | "|b1"}, "data": {name: base64}}`.
    final class Binary {
        let rows: Int
        var order: [String] = [], dtypes: [String] = [], data: [String] = []
        init(_ rows: Int) { self.rows = rows }
        func add(_ name: String, _ values: [Double]) { add(name, "<f8", values.map { $0.bitPattern.littleEndian }) }
        func add(_ name: String, _ values: [Int64]) { add(name, "<i8", values.map(\.littleEndian)) }
        func add(_ name: String, _ values: [Bool]) { add(name, "|b1", values.map { $0 ? UInt8(1) : 0 }) }
        func add<T>(_ name: String, _ dtype: String, _ values: [T]) {
            order.append(name)
            dtypes.append(dtype)
            data.append(values.withUnsafeBytes { Data($0).base64EncodedString() })
        }
        var json: String {
            func obj(_ v: [String]) -> String { "{" + zip(order, v).map { "\"\($0)\":\"\($1)\"" }.joined(separator: ",") + "}" }
            return "{\"rows\":\(rows),\"order\":[" + order.map { "\"\($0)\"" }.joined(separator: ",") + "],\"dtypes\":\(obj(dtypes)),\"data\":\(obj(data))}"
        }
    }

    /// `{"name": [values], ...}` in the order given.
    static func columns(_ cols: [(String, [String])]) -> String {
        "{" + cols.map { "\"\($0.0)\":[" + $0.1.joined(separator: ",") + "]" }.joined(separator: ",") + "}"
    }
}

enum CInterface {
    /// How this interface words the library's terms and remedies in its error messages: in
    /// library terms (the request's argument is named by the message's field).
    static let wording = FrontEndWording.library

    static let abiVersion: Int32 = 1
    /// Every command, as named in requests.
    static let commands = ["version", "datasets", "dataset_show", "model_build", "model_info", "model_release", "fit", "fit_element",
                           "scan", "interval", "significance", "toys", "sensitivity", "compare", "gof", "coverage", "merge", "export",
                           "spectrum", "figure_data", "model_sm_dirac", "model_mass_moment", "model_horizontal", "model_horizontal_region",
                           "model_sm_transition", "model_lr_mixing", "model_g2_data", "model_g2_scalar", "model_g2_horizontal",
                           "model_joint", "model_solar_fluxes", "model_effective"]
    nonisolated(unsafe) static var sessions: [Int: Session] = [:]
    nonisolated(unsafe) static var nextHandle = 1
    nonisolated(unsafe) static let registryLock = NSLock()

    /// The answer to one request, as a JSON string.
    static func answer(_ request: String) -> String {
        do {
            guard let obj = try JSONSerialization.jsonObject(with: Data(request.utf8)) as? [String: Any] else {
                throw InputError(field: "request", "must be a JSON object {\"command\": NAME, \"args\": {...}}")
            }
            guard let command = obj["command"] as? String else { throw InputError(field: "command", "is missing (a string)") }
            let args = try Args(values: obj).object("args") ?? Args(values: [:])
            let result = try dispatch(command, args)
            let notes = args.notes.lines
            // beside the result, as every --json output of the CLI: build, request, data digests
            let provenance = try? self.provenance(command, args)
            if let r = result as? RenderedJSON {
                let n = notes.isEmpty ? "" : ",\"notes\":" + String(decoding: try encoder.encode(notes), as: UTF8.self)
                let p = provenance.map { ",\"provenance\":" + String(decoding: (try? encoder.encode($0)) ?? Data("null".utf8), as: UTF8.self) } ?? ""
                return "{\"ok\":true,\"result\":\(r.text)\(n)\(p)}"
            }
            var answer: [String: any Encodable] = ["ok": true, "result": result]
            if !notes.isEmpty { answer["notes"] = notes }
            if let provenance { answer["provenance"] = provenance }
            let data = try encoder.encode(Fields(answer))
            return String(decoding: data, as: UTF8.self)
        } catch {
            let type: String, message: String
            switch error {
            case let e as ToyFileBuildMismatch: (type, message) = ("input", inputError(e).description(in: wording))
            case let e as InputError: (type, message) = ("input", e.description(in: wording))
            case let e as WordedError: (type, message) = ("\(Swift.type(of: e))", e.description(in: wording))
            case let e as LocalizedError: (type, message) = ("\(Swift.type(of: e))", e.errorDescription ?? "\(e)")
            default: (type, message) = ("\(Swift.type(of: error))", "\(error)")
            }
            let data = (try? encoder.encode(Fields(["ok": false, "error": Fields(["message": message, "type": type])]))) ?? Data()
            return String(decoding: data, as: UTF8.self)
        }
    }

    /// Non-finite numbers are written as the strings "NaN", "Infinity", "-Infinity" (the Python
    /// side turns them back into floats).
    nonisolated(unsafe) static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return e
    }()

    static func session(_ args: Args) throws -> Session {
        guard let h = try args.int("handle") else { throw InputError(field: "handle", "is missing (from model_build)") }
        registryLock.lock(); defer { registryLock.unlock() }
        guard let s = sessions[h] else { throw InputError(field: "handle", "\(h) is not a model handle (released, or never built)") }
        return s
    }

    /// The session of `handle`, or a new one built from the config in `args` (not kept).
    static func sessionOrBuild(_ args: Args) throws -> Session {
        args.has("handle") ? try session(args) : try build(args)
    }

    /// The analysis configuration from request keys named as the CLI's options (units in the key
    /// names; ``dataChoice(_:)``, ``recoilChoice(_:)``).
    static func config(_ a: Args) throws -> AnalysisConfig {
        let choice = try dataChoice(a)
        let channels = try choice.channels()
        try checkApplicability(choice, channels)
        return try choice.config(channels: channels, recoil: try recoil(a))
    }

    /// A model choice given where the data make it a no-op is an error, as on the command line.
    static func checkApplicability(_ choice: DataChoice, _ channels: [AnalysisConfig.Channel]) throws {
        if let r = try choice.applicability(channels).first(where: { $0.given && !$0.acts }) {
            let key = r.choice == .tritium ? "tritium" : "efficiency_shape"
            throw InputError(field: key, "applies only \(r.when); it would be ignored here")
        }
    }

    /// The recoil physics: atomic binding, solar model, sources, survival probability.
    static func recoil(_ a: Args) throws -> RecoilModel { try recoilChoice(a).model() }

    /// Builds a model (from a spec file, or from datasets) and its profile likelihood.
    static func build(_ a: Args) throws -> Session {
        if let run = try dataChoice(a).runSpec() {
            // the spec's model, with its saved analysis for the calls on it
            let model = try BinnedModel(spec: run.model)
            return Session(model: model, profile: try ProfileLikelihood(model: model), config: nil, runSpec: run)
        }
        let config = try config(a)
        let model = try config.buildModel().model
        return Session(model: model, profile: try ProfileLikelihood(model: model), config: config)
    }

    static func info(_ h: Int?, _ s: Session) -> Fields {
        var f: [String: any Encodable] = [
            "channels": s.model.channelNames, "bins": s.model.binCount, "parameters": s.model.parameterNames,
            "poi": s.model.parameterNames[s.model.poiIndex], "bin_edges_keV": s.model.binEdges,
            "mu_nu_best_muB": s.profile.best.muNu, "nll_best": s.profile.best.nll, "converged": s.profile.best.converged,
        ]
        if let h { f["handle"] = h }
        return Fields(f)
    }

    // MARK: - commands

    static func dispatch(_ command: String, _ a: Args) throws -> any Encodable {
        switch command {
        case "version":
            return Fields(["version": BuildInfo.version, "commit": BuildInfo.commit, "abi_version": Int(abiVersion)])

        case "datasets":
            return try DatasetList.find(dataDirectory: try a.string("data_dir"))

        case "dataset_show":
            guard let name = try a.string("name") else { throw InputError(field: "name", "is missing (a dataset name)") }
            let (s, file) = try DataLocator.spec(named: name, dataDirectory: try a.string("data_dir"))
            return DatasetShowReport(specFile: file.path, dataset: s)

        case "model_build":
            let s = try build(a)
            s.provenance = try? provenance("model_build", a)
            registryLock.lock()
            let h = nextHandle
            nextHandle += 1
            sessions[h] = s
            registryLock.unlock()
            return info(h, s)

        case "model_info":
            return info(try a.int("handle"), try session(a))

        case "model_release":
            let h = try a.int("handle") ?? 0
            registryLock.lock(); defer { registryLock.unlock() }
            return Fields(["released": sessions.removeValue(forKey: h) != nil])

        case "fit":
            // without a handle: the CLI's `fit` (AnalysisConfig.analyse: per-dataset fits and the
            // compatibility test for combinations); with one: the fit report of that model
            if a.has("handle") {
                let s = try session(a)
                let settings = try a.settings(s.saved)
                let (cl, method) = (settings.cl, settings.asymptoticMethod)
                s.lock.lock(); defer { s.lock.unlock() }
                var r = try FitReport.make(profile: s.profile, cl: cl, method: method)
                if try a.bool("expected_limit", default: true) {
                    r.expectedLimit = try Sensitivity.run(model: s.model, cl: cl, method: method, toys: 0).asimovMedian
                }
                return r
            }
            if let run = try dataChoice(a).runSpec() {
                // as `nmmfit fit --spec`: the saved analysis re-run (per-dataset fits, the
                // compatibility test with its saved toys and seed, the records), every number as
                // the run that saved it; `cl` and `method` given replace the saved ones
                if let element = run.analysis?.momentElement {
                    throw InputError(field: "spec", "was saved by a fit of the moment-matrix element \(element.element); re-run it with fit_element and this spec")
                }
                for k in ["compatibility_toys", "seed"] where a.has(k) {
                    throw InputError(field: k, "the spec fixes it (a re-run uses the compatibility toys and seed saved in the spec); leave it out with spec")
                }
                let settings = try a.settings(run.analysis)
                let toys = try compatibilityToysFile(a)
                defer { toys.release() }
                return try run.analyse(cl: settings.cl, method: settings.asymptoticMethod, compatibilityToysFile: toys.opener).report
            }
            let (cl, method) = (try a.cl(), try a.method())
            let plan = try compatibilityPlan(a)
            let toys = try compatibilityToysFile(a)
            defer { toys.release() }
            return try config(a).analyse(cl: cl, method: method, compatibilityToys: plan, seed: try a.seed(),
                                         compatibilityToysFile: toys.opener).report

        case "scan":
            let s = try sessionOrBuild(a)
            guard let grid = try a.doubles("mu_nu_muB"), !grid.isEmpty else { throw InputError(field: "mu_nu_muB", "is missing (the μν values, μB)") }
            try ResourceLimit.gridPoints.check(grid.count, option: "mu_nu_muB")
            for (i, m) in grid.enumerated() where !(m >= 0 && m < 1e-6) {
                throw InputError(field: "mu_nu_muB[\(i)]", "must be a magnetic moment in μB, ≥ 0 and below 1e-6, got \(m)")
            }
            s.lock.lock(); defer { s.lock.unlock() }
            var f: [String: any Encodable] = ["mu_nu_best_muB": s.profile.best.muNu, "nll_best": s.profile.best.nll,
                                              "points": try s.profile.scan(grid)]
            if a.has("threshold_method") || a.has("cl") {
                var b = a
                b.values["method"] = a.values["threshold_method"] ?? a.values["method"]
                let settings = try b.settings(s.saved)
                f["critical_values"] = try AsymptoticInterval.criticalValues(s.profile, muNu: grid, cl: settings.cl, method: settings.asymptoticMethod)
                f["cl"] = settings.cl
            }
            return Fields(f)

        case "interval":
            let s = try sessionOrBuild(a)
            let settings = try a.settings(s.saved, allowFeldmanCousins: true)
            let cl = settings.cl
            // as the CLI: from_toys with feldman-cousins; the local construction's keys not with it
            let fromToys = try a.strings("from_toys")
            let fc = settings.method == .feldmanCousins
            try a.refuse(["from_toys"], unless: fc, when: "with method feldman-cousins")
            try a.refuse(["toys", "seed", "threads", "grid_points", "grid_max_muB", "refine", "toys_dir"], unless: fc && fromToys == nil,
                         when: "with method feldman-cousins and local toys (not from_toys, whose files fix the tested μν values and their toys)")
            s.lock.lock(); defer { s.lock.unlock() }
            func answer(_ iv: MuNuInterval, _ r: FeldmanCousins.Result?) -> Fields {
                // `output`: the CLI's `interval --json` keys
                var f: [String: any Encodable] = ["mu_nu_best_muB": s.profile.best.muNu, "interval": iv, "cl": cl,
                                                  "interval_method": settings.method.rawValue,
                                                  "output": IntervalReport(muNuBest: s.profile.best.muNu, interval: iv, cl: cl, feldmanCousins: r)]
                if let r { f["feldman_cousins"] = r }
                return Fields(f)
            }
            if let fromToys {
                let r = try FeldmanCousins.fromToys(try ToyStudySample.load(fromToys), profile: s.profile, cl: cl)
                return answer(r.interval, r)
            }
            if fc {
                let toys = try a.toys(default: 1000)
                guard toys >= 10 else { throw InputError(field: "toys", "Feldman–Cousins needs ≥ 10 toys per point, got \(toys)") }
                let points = try a.int("grid_points", default: FeldmanCousins.defaultGridPoints)
                try FeldmanCousins.checkGridPoints(points, option: "grid_points")
                try ResourceLimit.gridPoints.check(points, option: "grid_points")
                try ResourceLimit.toys.check(product: [points, toys], option: "grid_points × toys")
                let grid = try FeldmanCousins.grid(profile: s.profile, cl: cl, points: points, top: try a.muNu("grid_max_muB"))
                let refine = try a.int("refine", default: 6)
                guard (0...20).contains(refine) else { throw InputError(field: "refine", "must be in 0…20, got \(refine)") }
                let threads = try a.threads()
                var fc = FeldmanCousins(profile: s.profile, cl: cl, toysPerPoint: toys, seed: try a.seed(), threads: threads,
                                        maxRefinements: refine)
                // toys_dir: each tested point's toys kept in a file there, resumed by the same request again
                if let dir = try a.string("toys_dir") { fc.pointToys = try pointToysStore(dir, threads: threads, provenance: try toysProvenance("interval", a, dropping: ["toys_dir"])) }
                let r = try fc.construct(grid: grid)
                return answer(r.interval, r)
            }
            return answer(try AsymptoticInterval.interval(s.profile, cl: cl, method: settings.asymptoticMethod), nil)

        case "significance":
            let s = try sessionOrBuild(a)
            let toys = try a.toys()
            // as the CLI: from_toys (a background-only toys file) instead of toys and seed; save_toys keeps the toys
            let fromToys = try a.strings("from_toys")
            if fromToys != nil, toys > 0 || a.has("seed") { throw InputError(field: "from_toys", "excludes toys and seed (the file holds the toys)") }
            try a.refuse(["save_toys"], unless: toys > 0, when: "with toys > 0 (it keeps those toys)")
            s.lock.lock(); defer { s.lock.unlock() }
            let d = try s.profile.discovery()
            var f: [String: any Encodable] = [TestStatisticName.q0.rawValue: d.q0, "z_asymptotic": d.z, "p_value_asymptotic": d.p, "mu_nu_best_muB": s.profile.best.muNu]
            var toy: ToyPValue?
            if let fromToys {
                toy = try ToyPValue.fromToys(fromToys, q0Observed: d.q0, profile: s.profile)
            } else if toys > 0 {
                toy = try significanceToys(a, profile: s.profile, toys: toys)
            }
            if let toy { f["toys"] = toy }
            // `output`: the CLI's `significance --json` keys
            f["output"] = SignificanceReport(muNuBest: s.profile.best.muNu, q0: d.q0, zAsymptotic: d.z, pValueAsymptotic: d.p, toy: toy)
            return Fields(f)

        case "toys":
            let s = try sessionOrBuild(a)
            let n = try a.toys("n", default: 1000)
            guard n >= 1 else { throw InputError(field: "n", "must be ≥ 1") }
            let first = try a.int("first", default: 0)
            guard first >= 0, first <= 1 << 50 else { throw InputError(field: "first", "must be in 0…2⁵⁰ (a toy index), got \(first)") }
            let statistic = try a.string("statistic").map(TestStatisticName.init(toyFileName:)) ?? .q0
            let mu = try a.muNu("mu_nu_muB", default: 0)!
            let tested = try a.muNu("test_mu_nu_muB")
            if tested != nil && !statistic.needsTestedValue {
                let needing = TestStatisticName.toyFileStatistics.filter(\.needsTestedValue).map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
                throw InputError(field: "test_mu_nu_muB", "applies only with statistic \(needing) (\(statistic.rawValue) always tests μν = 0)")
            }
            let threads = try a.threads()
            s.lock.lock()
            let study: ToyStudy
            do { defer { s.lock.unlock() }
                study = try ToyStudy(profile: s.profile, muNu: mu, statistic: statistic, testedMuNu: tested, seed: try a.seed(),
                                     totalToys: first + n)
            }
            var records: [ToyRecord] = []
            records.reserveCapacity(n)
            let t0 = DispatchTime.now().uptimeNanoseconds
            study.runner.run(first..<(first + n), threads: threads, blockSize: 4096) { records += $0 }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9
            var header = study.header  // as in a toys file: this build's version and commit
            header.nmmfitVersion = BuildInfo.version
            header.nmmfitCommit = BuildInfo.commit
            let head = String(decoding: try encoder.encode(header), as: UTF8.self)
            let time = RenderedJSON.number(seconds)
            if try a.bool("binary_columns", default: false) {
                // the columns as base64 of little-endian arrays (no number formatting or parsing:
                // the Python package's default); dtypes in NumPy's notation
                let b = RenderedJSON.Binary(records.count)
                b.add("toy", records.map { Int64($0.toy) })
                for (name, pick) in [("mu_nu_hat_muB", \ToyRecord.muNuHat), ("s_hat", \.sHat), ("s_hat_error", \.sHatError),
                                     ("statistic", \.statistic), ("nll_free", \.nllFree), ("nll_constrained", \.nllConstrained)] {
                    b.add(name, records.map { $0[keyPath: pick] })
                }
                b.add("converged", records.map(\.converged))
                b.add("failed", records.map(\.failed))
                return RenderedJSON(text: "{\"header\":\(head),\"seconds\":\(time),\"threads\":\(threads),\"binary_columns\":\(b.json)}")
            }
            func num(_ pick: (ToyRecord) -> Double) -> [String] { records.map { RenderedJSON.number(pick($0)) } }
            func flag(_ pick: (ToyRecord) -> Bool) -> [String] { records.map { pick($0) ? "true" : "false" } }
            var cols: [(String, [String])] = [("toy", records.map { String($0.toy) })]
            cols.append(("mu_nu_hat_muB", num { $0.muNuHat }))
            cols.append(("s_hat", num { $0.sHat }))
            cols.append(("s_hat_error", num { $0.sHatError }))
            cols.append(("statistic", num { $0.statistic }))
            cols.append(("nll_free", num { $0.nllFree }))
            cols.append(("nll_constrained", num { $0.nllConstrained }))
            cols.append(("converged", flag { $0.converged }))
            cols.append(("failed", flag { $0.failed }))
            let columns = RenderedJSON.columns(cols)
            return RenderedJSON(text: "{\"header\":\(head),\"seconds\":\(time),\"threads\":\(threads),\"columns\":\(columns)}")

        case "sensitivity":
            let s = try sessionOrBuild(a)
            let settings = try a.settings(s.saved)
            let r = try sensitivity(a, model: s.model, cl: settings.cl, method: settings.asymptoticMethod)
            return Fields(["output": Sensitivity.Output(r), "band_muB": r.band, "observed_muB": r.observed,
                           "asimov_median_muB": r.asimovMedian,
                           // the band figure needs the toys' band (toys > 0)
                           "figure": r.band.count == 5 ? Figures.sensitivity(r).data() : nil])

        case "compare":
            // tests named as the CLI's --test: "tritium" (every ³H amplitude of the data) or a parameter name
            let tests = try a.strings("test") ?? [ModelNames.tritium]
            var checked = try dataChoice(a)
            if tests.contains(ModelNames.tritium) { checked.tritium = .free }
            if checked.spec == nil { try checkApplicability(checked, try checked.channels()) }
            let c = try BackgroundComparison(data: try dataChoice(a), recoil: try recoil(a), tests: tests,
                                             keepMuNu: try a.bool("keep_mu_nu", default: false))
            // save_toys: the toys kept in a locked file, resumed when it holds some (as `compare --save-toys`)
            let lock = LockHolder()
            defer { lock.release() }
            let force = try a.bool("force", default: false)
            let toysFile = try a.string("save_toys").map { path in { (header: ComparisonToysHeader) throws -> ComparisonToysFile in
                lock.lock = try OutputFile.lock(path, force: force, mayExist: true).lock
                return try ComparisonToysFile.open(path: path, header: try stamped(header, "compare", a), force: force)
            } }
            let r = try c.test().run(toys: try a.toys(), seed: try a.seed(), threads: try a.threads(), toysFile: toysFile)
            return HypothesisTestReport(r, model: c.model)

        case "spectrum":
            // the rows of `nmmfit spectrum --per-source`, as columns
            let mu = try a.muNu("mu_nu_muB", default: RecoilModel.referenceMuNuBohr)!
            let energies: [Double]
            if let e = try a.doubles("energies_keV") {
                energies = e
            } else {
                let (lo, hi, step) = (try a.double("emin_keV", default: 1), try a.double("emax_keV", default: 30), try a.double("step_keV", default: 0.1))
                guard lo > 0, hi >= lo, hi <= ModelInputLimits.recoilKeV, step > 0 else {
                    throw InputError(field: "emin_keV/emax_keV/step_keV", "need 0 < emin_keV ≤ emax_keV ≤ 10⁴ keV and step_keV > 0")
                }
                try ResourceLimit.spectrumEnergies.check(Int(min((hi - lo) / step + 1, 1e15)), option: "energies_keV")
                energies = try RecoilTable.grid(from: lo, to: hi, step: step)
            }
            guard !energies.isEmpty, energies.allSatisfy({ $0 > 0 && $0 <= ModelInputLimits.recoilKeV }) else {
                throw InputError(field: "energies_keV", "need at least one energy in (0, 10⁴] keV")
            }
            try ResourceLimit.spectrumEnergies.check(energies.count, option: "energies_keV")
            let spectrum = try SpectrumTable(model: try recoil(a), muNuMuB: mu, momentsFile: try a.string("moments"), perSource: true)
            let table = try spectrum.calculator.tabulate(energies)
            let rows = try table.rows.map { try spectrum.row($0) }
            for r in rows { try SpectrumText.requireFinite([r.weak, r.magnetic, r.total], t: r.tKeV) }
            let names = spectrum.sourceNames
            var weak: [String: [Double]] = [:], magnetic: [String: [Double]] = [:]
            for n in names {
                weak[n] = rows.map { $0.weakBySource![n]! }
                magnetic[n] = rows.map { $0.magneticBySource![n]! }
            }
            var f: [String: any Encodable] = [
                "unit": "events/(t*y*keV)", "mu_nu_muB": mu, "atomic": spectrum.model.binding.name, "solar_model": spectrum.model.solarModel.rawValue,
                "T_keV": rows.map(\.tKeV), "weak": rows.map(\.weak), "magnetic": rows.map(\.magnetic), "total": rows.map(\.total),
                "weak_by_source": weak, "magnetic_by_source": magnetic,
            ]
            if spectrum.momentsFile == nil { f["figure"] = Figures.recoil(table, muNuBohr: mu).data() } else { f["moments"] = spectrum.momentsFile }
            return Fields(f)

        case "figure_data":
            // the data of the fit figures for a model handle: spectrum per channel and the profile scan
            let s = try session(a)
            let settings = try a.settings(s.saved)
            let (cl, method) = (settings.cl, settings.asymptoticMethod)
            s.lock.lock(); defer { s.lock.unlock() }
            let r = try FitReport.make(profile: s.profile, cl: cl, method: method)
            let top = max(2.2 * r.interval[1], 1.5 * r.muNuBest, 1e-12)
            let steps = ReportWriter.scanSteps
            let grid = (0...steps).map { top * Double($0) / Double(steps) }
            let threshold = try AsymptoticInterval.criticalValues(s.profile, muNu: grid, cl: cl, method: method)
            let scan = Figures.scan(try s.profile.scan(grid), interval: r.interval, cl: cl, best: r.muNuBest, threshold: threshold, method: method.rawValue)
            return Fields(["spectra": r.channels.indices.map { Figures.spectrum(r, channel: $0).data() }, "profile_scan": scan.data()])

        default:
            if let r = try dispatchStudies(command, a) ?? dispatchModels(command, a) { return r }
            throw InputError(field: "command", "unknown command '\(command)' (\(commands.joined(separator: ", ")))")
        }
    }

    static func loopChoice(_ a: Args) throws -> ChargedScalarLoop {
        let s = try a.string("loop") ?? "exact"
        guard let l = ChargedScalarLoop(rawValue: s) else { throw InputError(field: "loop", "exact or approximate, got '\(s)'") }
        return l
    }
}
