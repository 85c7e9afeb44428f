import Analysis
import BuildInfo
import Detector
import Formats
import Foundation
import Likelihood
import MomentModels
import Recoil
import Report

// The commands of the studies and exports (goodness of fit, coverage, merge, export, the
// moment-element fit): each a call into the library, as the CLI subcommand of the same name.

extension CInterface {
    /// The data choices from request keys named as the CLI's options (units in the key names).
    static func dataChoice(_ a: Args) throws -> DataChoice {
        var windows: [DatasetWindow] = []
        if let w = try a.object("windows") {
            for (name, _) in w.values.sorted(by: { $0.key < $1.key }) {
                guard let r = try w.doubles(name), r.count == 2 else { throw InputError(field: "windows.\(name)", "must be [lower_keV, upper_keV]") }
                guard r[0] > 0, r[1] > r[0] else { throw InputError(field: "windows.\(name)", "must be [lower_keV, upper_keV] with 0 < lower < upper, got \(r)") }
                windows.append(DatasetWindow(dataset: name, lowerKeV: r[0], upperKeV: r[1]))
            }
        }
        let emin = try a.double("emin_keV"), emax = try a.double("emax_keV"), width = try a.double("bin_width_keV")
        for (k, v) in [("emin_keV", emin), ("emax_keV", emax), ("bin_width_keV", width)] {
            if let v, !(v > 0) { throw InputError(field: k, "must be positive (keV), got \(v)") }
        }
        if let lo = emin, let hi = emax, !(hi > lo) { throw InputError(field: "emax_keV", "must be above emin_keV (\(lo)), got \(hi)") }
        if let w = width {
            // the bins of the window (default: the datasets' widest, 1–30 keV) must be countable (as the CLI's --bin-width)
            try ResourceLimit.bins.check(Int(min(((emax ?? 30) - (emin ?? 1)) / w, 1e15)), option: "bin_width_keV")
        }
        func choice<T: RawRepresentable & CaseIterable>(_ k: String, _ d: T) throws -> T where T.RawValue == String {
            guard let s = try a.string(k) else { return d }
            guard let v = T(rawValue: s) else { throw InputError(field: k, "unknown value '\(s)' (\(T.allCases.map(\.rawValue).joined(separator: ", ")))") }
            return v
        }
        let spec = try a.string("spec")
        if spec != nil, let k = dataKeys.first(where: a.has) {
            // as the CLI: the spec fixes data, windows and physics, so such a key would be ignored
            throw InputError(field: k, "does not apply with spec (the spec fixes the data, windows and recoil physics); leave it out")
        }
        let c = DataChoice(datasets: try a.strings("datasets") ?? [], windows: windows,
                           overrides: try (try a.strings("set") ?? []).map(DatasetSpec.Override.init(parsing:)),
                           eminKeV: emin, emaxKeV: emax, binWidthKeV: width, tritium: try choice("tritium", ModelBuilder.Tritium.none),
                           efficiencyShape: try a.bool("efficiency_shape", default: false),
                           solarFluxNuisance: try a.bool("solar_flux_nuisance", default: true),
                           combinationPolicy: try choice("combination_policy", CombinationPolicy.default),
                           atomicNuisance: try choice("atomic_nuisance", AtomicNuisanceChoice.auto), spec: spec,
                           dataDirectory: try a.string("data_dir"))
        return c
    }

    /// The request keys of the data and recoil physics, which a spec fixes.
    static let dataKeys = ["datasets", "windows", "set", "emin_keV", "emax_keV", "bin_width_keV", "tritium", "efficiency_shape",
                           "solar_flux_nuisance", "combination_policy", "atomic_nuisance", "atomic", "solar_model", "sources", "constant_pee"]

    /// The recoil-physics choices from request keys (atomic, solar_model, sources, constant_pee).
    static func recoilChoice(_ a: Args) throws -> RecoilChoice {
        let atomic = try a.string("atomic") ?? "stepping"
        guard !atomic.isEmpty else { throw InputError(field: "atomic", "must be free, stepping or a table file") }
        let solar = try a.string("solar_model").map { s in
            guard let m = SolarModel(rawValue: s) else { throw InputError(field: "solar_model", "unknown solar model '\(s)' (\(SolarModel.allCases.map(\.rawValue).joined(separator: ", ")))") }
            return m
        } ?? .b16gs98
        let sources = try (try a.strings("sources")).map { names in
            try names.map { n in
                guard let s = SolarSource(name: n) else { throw InputError(field: "sources", "unknown solar source '\(n)' (\(SolarSource.allCases.map(\.rawValue).joined(separator: ", ")))") }
                return s
            }
        } ?? SolarSource.allCases
        guard !sources.isEmpty else { throw InputError(field: "sources", "is empty; name at least one source") }
        let pee = try a.double("constant_pee")
        if let p = pee, !(0...1).contains(p) { throw InputError(field: "constant_pee", "must be in [0, 1], got \(p)") }
        return RecoilChoice(atomic: atomic, solarModel: solar, sources: sources, constantPee: pee)
    }

    /// The model of a request: read from its spec file, or built from its datasets (``config(_:)``).
    static func model(_ a: Args) throws -> BinnedModel {
        let data = try dataChoice(a)
        if data.spec != nil { return try data.model(recoil: RecoilModel()) }
        return try config(a).buildModel().model
    }

    /// A path argument: a non-empty string.
    static func path(_ a: Args, _ k: String, _ what: String) throws -> String {
        guard let p = try a.string(k), !p.isEmpty else { throw InputError(field: k, "is missing (\(what))") }
        return p
    }

    static func dispatchStudies(_ command: String, _ a: Args) throws -> (any Encodable)? {
        switch command {
        case "gof":
            return try GoodnessOfFitReport.compute(model: try model(a))

        case "coverage":
            // as `nmmfit coverage`: local toys at each true μν (mu_nu_muB), or from merged toys files (from_toys)
            // the CL saved in a spec applies unless `cl` is given (the library's rule); `methods` lists the constructions checked
            let cl = try a.settings(try dataChoice(a).savedAnalysis(), methodKey: nil).cl
            let methods: [IntervalMethod] = try (try a.strings("methods") ?? ["asymptotic-unified", "feldman-cousins"]).map { m in
                guard let v = IntervalMethod(rawValue: m) else {
                    throw InputError(field: "methods", "unknown interval method '\(m)' (\(IntervalMethod.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
                return v
            }
            guard !methods.isEmpty else { throw InputError(field: "methods", "is empty; name at least one interval method") }
            let profile = try ProfileLikelihood(model: try model(a))
            if let path = try a.string("write_toys") {
                // as the CLI: critical values per toy only when feldman-cousins is asked for explicitly
                let explicit = try a.strings("methods")?.contains(IntervalMethod.feldmanCousins.rawValue) ?? false
                return try writeCoverageToys(a, to: path, profile: profile, cl: cl, feldmanCousins: explicit)
            }
            var points: [Coverage.Point] = []
            if let files = try a.strings("from_toys") {
                // feldman-cousins from files that carry each toy's critical value; skipped for others unless asked for
                let explicit = try a.strings("methods")?.contains(IntervalMethod.feldmanCousins.rawValue) ?? false
                return CoverageReport(points: try Coverage.fromToys(try ToyStudySample.load(files), profile: profile, cl: cl, methods: methods,
                                                                    requireFeldmanCousins: explicit).points)
            }
            let mus = try a.doubles("mu_nu_muB") ?? [0, 0.5e-11, 2e-11]
            for (i, m) in mus.enumerated() where !(m >= 0 && m < 1e-6) {
                throw InputError(field: "mu_nu_muB[\(i)]", "must be a magnetic moment in μB, ≥ 0 and below 1e-6, got \(m)")
            }
            let toys = try a.toys(default: 1000)
            let critical = try a.int("critical_toys", default: 500)
            guard toys >= 10 else { throw InputError(field: "toys", "must be ≥ 10, got \(toys)") }
            guard critical >= 100 else { throw InputError(field: "critical_toys", "must be ≥ 100, got \(critical)") }
            try ResourceLimit.toys.check(product: [max(mus.count, 1), toys] + (methods.contains(.feldmanCousins) ? [critical] : []),
                                         option: "mu_nu_muB values × toys" + (methods.contains(.feldmanCousins) ? " × critical_toys" : ""))
            let (seed, threads) = (try a.seed(), try a.threads())
            for mu in mus {
                for m in methods {
                    points.append(try Coverage.run(profile: profile, muNu: mu, cl: cl, method: m, toys: toys, criticalToys: critical,
                                                   seed: seed, threads: threads))
                }
            }
            return CoverageReport(points: points)

        case "merge":
            // as `nmmfit merge -o OUTPUT INPUTS...`
            guard let inputs = try a.strings("inputs"), !inputs.isEmpty else { throw InputError(field: "inputs", "is missing (the toys files to merge)") }
            for p in inputs {
                var st = stat()
                if stat(p, &st) == 0, let kind = TextInput.nonRegularKind(st.st_mode) { throw InputError(field: "inputs", "\(p) is \(kind), not a toys file") }
            }
            let output = try path(a, "output", "the merged toys file")
            let s = try ToyFileMerge.merge(inputs: inputs, to: output, force: try a.bool("force", default: false),
                                           allowIncomplete: try a.bool("allow_incomplete", default: false),
                                           allowMixedBuilds: try a.bool("allow_mixed_builds", default: false))
            return Fields(["output": output, "toys": s.toys, "files": s.files, "missing": s.missing, "first_missing": s.firstMissing])

        case "export":
            // as `nmmfit export --format pyhf|spec|hepdata`
            let format = try a.string("format") ?? "pyhf"
            let data = try dataChoice(a)
            switch format {
            case "pyhf", "spec":
                let spec = try model(a).spec
                if format == "spec" { return RenderedJSON(text: "{\"spec\":" + String(decoding: try spec.jsonData(), as: UTF8.self) + "}") }
                let upper = try a.double("poi_upper")
                if let u = upper, !(u > 0) { throw InputError(field: "poi_upper", "must be positive, got \(u)") }
                let ws = try PyhfExport.workspace(from: spec, options: .init(poiUpperBound: upper), file: data.spec)
                let meta = String(decoding: try encoder.encode(PyhfExportMetadata(spec: spec, workspace: nil)), as: UTF8.self)
                return RenderedJSON(text: "{\"workspace\":" + String(decoding: try ws.jsonData(), as: UTF8.self) + ",\"metadata\":" + meta + "}")
            case "hepdata":
                let output = try path(a, "output", "the HEPData submission folder")
                let force = try a.bool("force", default: false)
                let n = try a.int("scan_points")
                if let n { try ResourceLimit.gridPoints.check(n, option: "scan_points") }
                try HEPDataSubmission.checkTarget(output, force: force)
                let settings = try a.settings(try data.savedAnalysis())
                let submission = try HEPDataRecord.fitSubmission(
                    config: data.spec == nil ? try config(a) : nil,
                    specModel: data.spec == nil ? nil : try model(a),
                    cl: settings.cl, method: settings.asymptoticMethod, scanPoints: n, provenance: try provenance("export", a), dataDirectory: data.dataDirectory)
                let files = try submission.write(to: output, force: force)
                return Fields(["directory": output, "files": files, "tables": submission.tables.count])
            default:
                throw InputError(field: "format", "unknown export format '\(format)' (pyhf, spec, hepdata)")
            }

        case "fit_element":
            // as `nmmfit fit --moments FILE --element E`: the element fitted directly with its own template
            let data = try dataChoice(a)
            if let run = try data.runSpec(), let file = data.spec {
                // as `nmmfit fit --spec` of a spec saved by a moment-element fit: every number as
                // the run that saved it; `cl` and `method` given replace the saved ones
                guard run.analysis?.momentElement != nil else {
                    throw InputError(file: file, field: "analysis.moment_element", "is missing: this spec was not saved by a moment-element fit (use fit)")
                }
                for k in ["moments", "element", "compatibility_toys", "seed"] where a.has(k) {
                    throw InputError(field: k, "the spec fixes it (\(k == "moments" || k == "element" ? "the saved element and matrix" : "the saved compatibility toys and seed")); leave it out with spec")
                }
                let settings = try a.settings(run.analysis)
                let (cl, method) = (settings.cl, settings.asymptoticMethod)
                guard let universal = try FitWithElement.universalRerun(run, cl: cl, method: method) else {
                    throw InputError(file: file, field: "analysis.moment_element", "is missing")
                }
                return try FitWithElement.rerun(run, file: file, universal: universal.report, universalBinEdges: universal.model.binEdges,
                                                cl: cl, method: method).result
            }
            let moments = try path(a, "moments", "a moment-matrix file")
            let element = try a.string("element") ?? "e-mu"
            let (cl, method) = (try a.cl(), try a.method())
            let plan = try compatibilityPlan(a)
            let config = try config(a)
            let universal = try config.analyse(cl: cl, method: method, compatibilityToys: plan, seed: try a.seed())
            var report = universal.report
            report.digitisedDatasets = DigitisedDatasets.among(report.datasets, dataDirectory: data.dataDirectory)
            return try FitWithElement.analyse(config: config, universal: report, universalBinEdges: universal.model.binEdges,
                                              momentsFile: moments, element: element, cl: cl, method: method,
                                              compatibilityToys: plan, seed: try a.seed()).result
        default:
            return nil
        }
    }

    /// `coverage` with `write_toys`: the shard `shard` of `nshards` of the coverage study at the one
    /// `mu_nu_muB` into a toys file (t̃ at its true μν; with feldman-cousins among `methods` also
    /// each toy's critical value), resumed when the file holds some, as `nmmfit coverage
    /// --write-toys`. The shards merge (`merge`) into the file `coverage(from_toys=...)` reads.
    static func writeCoverageToys(_ a: Args, to path: String, profile: ProfileLikelihood, cl: Double, feldmanCousins: Bool) throws -> Fields {
        guard let mus = try a.doubles("mu_nu_muB"), mus.count == 1 else {
            throw InputError(field: "mu_nu_muB", "write_toys needs exactly one true μν (μB)")
        }
        try ModelInputLimits.moment(mus[0], "mu_nu_muB")
        let toys = try a.toys(default: 1000)
        guard toys >= 1 else { throw InputError(field: "toys", "must be ≥ 1, got \(toys)") }
        let nshards = try a.int("nshards", default: 1), shard = try a.int("shard", default: 0)
        guard nshards >= 1, nshards <= toys else { throw InputError(field: "nshards", "must be in 1…toys (\(toys)), got \(nshards)") }
        try ResourceLimit.shards.check(nshards, option: "nshards")
        guard (0..<nshards).contains(shard) else { throw InputError(field: "shard", "must be in 0…\(nshards - 1), got \(shard)") }
        let critical = feldmanCousins ? ToyFileHeader.CriticalValues(cl: cl, criticalToys: try a.int("critical_toys", default: 500)) : nil
        if let critical {
            guard critical.criticalToys >= 100 else { throw InputError(field: "critical_toys", "must be ≥ 100, got \(critical.criticalToys)") }
            // the inner toys of this shard's toys (as the CLI's limit on --toys / --nshards × --critical-toys)
            try ResourceLimit.toys.check(product: [(toys + nshards - 1) / nshards, critical.criticalToys], option: "toys / nshards × critical_toys")
        }
        let study = try Coverage.study(profile: profile, muNu: mus[0], toys: toys, seed: try a.seed(), shard: shard, nshards: nshards,
                                       criticalValues: critical)
        let run = ToyRun(batchAttempt: nil, host: ProcessInfo.processInfo.hostName, jobID: nil, nmmfitVersion: BuildInfo.version,
                         nmmfitCommit: BuildInfo.commit, startedUTC: ToyRun.utc(), command: try commandLine("coverage", a.values))
        let r = try study.write(to: path, force: try a.bool("force", default: false), version: BuildInfo.version, commit: BuildInfo.commit,
                                provenance: try toysProvenance("coverage", a, dropping: shardArguments.union(["write_toys"])),
                                run: run, threads: try a.threads())
        return Fields(["output": path, "shard": shard, "nshards": nshards, "first_toy": r.range.lowerBound, "toys": r.range.count,
                       "kept": r.kept, "dropped": r.dropped, "written": r.written])
    }

    /// The lock of a toys file kept while a request runs (taken when the file is opened).
    final class LockHolder {
        var lock: FileLock?
        func release() { lock?.release(); lock = nil }
    }

    /// `save_toys` (with `force`) of `fit`: the compatibility toys kept in a locked file as they
    /// finish, resumed when it holds some (as `nmmfit fit --save-toys`); `opener` nil without it.
    static func compatibilityToysFile(_ a: Args) throws -> (opener: CompatibilityTest.ToysFileOpener?, release: () -> Void) {
        guard let path = try a.string("save_toys") else { return (nil, {}) }
        let force = try a.bool("force", default: false)
        let holder = LockHolder()
        let opener: CompatibilityTest.ToysFileOpener = { header in
            holder.lock = try OutputFile.lock(path, force: force, mayExist: true).lock
            return try CompatibilityTest.openToysFile(path: path, header: try stamped(header, "fit", a), force: force)
        }
        return (opener, holder.release)
    }

    /// `compatibility_toys`: absent adaptive, 0 none, N exactly N.
    static func compatibilityPlan(_ a: Args) throws -> CompatibilityTest.ToyPlan {
        guard let n = try a.int("compatibility_toys") else { return .adaptive }
        guard n >= 0 else { throw InputError(field: "compatibility_toys", "must be ≥ 0, got \(n)") }
        try ResourceLimit.toys.check(n, option: "compatibility_toys")
        return n == 0 ? .none : .fixed(n)
    }
}
