import Analysis
import ArgumentParser
import Detector
import Formats
import Foundation
import Likelihood
import Recoil

/// Atomic binding on the command line: `free`, `stepping`, or a table file (see
/// ``AtomicBinding/load(from:)`` and docs/datasets.md).
struct AtomicChoice: ExpressibleByArgument {
    var argument: String
    init?(argument: String) {
        guard !argument.isEmpty else { return nil }
        self.argument = argument
    }
    static let free = AtomicChoice(argument: "free")!
    static let stepping = AtomicChoice(argument: "stepping")!
    var defaultValueDescription: String { argument }
    /// Whether this is a built-in atomic model (the library's list, ``RecoilChoice/builtInAtomic``), not a table file.
    var isBuiltIn: Bool { RecoilChoice.builtInAtomic.contains(argument) }
    /// The atomic-binding table file named, if any.
    var tableFile: String? { RecoilChoice(atomic: argument).atomicTableFile }
    func binding() throws -> AtomicBinding { try RecoilChoice(atomic: argument).binding() }
}

/// Solar model choices on the command line.
extension SolarModel: ExpressibleByArgument {}

/// Options that choose the recoil physics.
struct PhysicsOptions: ParsableArguments {
    @Option(help: "Atomic binding: free (electrons), stepping (approximation), or a CSV table FILE of T_keV → factor (or weak, magnetic); format in docs/datasets.md.")
    var atomic: AtomicChoice = .stepping

    @Option(help: "Standard Solar Model for the fluxes.")
    var solarModel: SolarModel = .b16gs98

    @Option(help: "Comma-separated solar sources (pp,7Be,pep,13N,15O,17F,8B,hep); default all.")
    var sources: String?

    @Option(help: "Use a constant electron-neutrino survival probability instead of MSW-LMA.")
    var constantPee: Double?

    func validate() throws {
        if let p = constantPee, !(p >= 0 && p <= 1) {
            throw ValidationError("--constant-pee must be in [0, 1], got \(p)")
        }
        _ = try parsedSources()
        if !atomic.isBuiltIn && !FileManager.default.fileExists(atPath: atomic.argument) {
            throw ValidationError("--atomic must be \(RecoilChoice.builtInAtomic.joined(separator: ", ")) or an existing table file (format: docs/datasets.md); '\(atomic.argument)' is none of these")
        }
    }

    func parsedSources() throws -> [SolarSource] {
        guard let s = sources else { return SolarSource.allCases }
        let names = s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ValidationError("--sources is empty; name at least one source (e.g. pp,7Be)") }
        return try names.map { n in
            guard let src = SolarSource(name: n) else {
                throw ValidationError("unknown solar source '\(n)' in --sources (known: \(SolarSource.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return src
        }
    }

    /// The library's recoil choice of these options.
    func choice() throws -> RecoilChoice {
        RecoilChoice(atomic: atomic.argument, solarModel: solarModel, sources: try parsedSources(), constantPee: constantPee)
    }

    func recoilModel() throws -> RecoilModel { try choice().model() }

    /// The recoil-physics options given away from their defaults (a default value never counts).
    var givenOptions: [String] {
        [("--atomic", atomic.argument != AtomicChoice.stepping.argument), ("--solar-model", solarModel != .b16gs98),
         ("--sources", sources != nil), ("--constant-pee", constantPee != nil)].filter(\.1).map(\.0)
    }
}

/// Tritium treatment.
extension ModelBuilder.Tritium: ExpressibleByArgument {}

/// Combination policy choices on the command line.
extension CombinationPolicy: ExpressibleByArgument {}

/// Shared atomic-nuisance choices on the command line.
extension AtomicNuisanceChoice: ExpressibleByArgument {}

/// Options that choose the data and the likelihood model.
struct DataOptions: ParsableArguments {
    @Option(name: .customLong("dataset"), help: "Dataset name (repeat to combine), or 'all' for every dataset found (`nmmfit datasets` lists them).")
    var datasets: [String] = []

    @Option(name: .customLong("window"), help: ArgumentHelp("Energy window of one dataset, NAME=LO:HI in keV (repeatable; beats --emin/--emax).", valueName: "name=lo:hi"))
    var windows: [String] = []

    @Option(name: .customLong("set"), help: ArgumentHelp("Change one key of a dataset spec, NAME.KEY=VALUE (repeatable), e.g. lz_ws2024.resolution.a=0.35 or lz_ws2024.backgrounds.h3_c14.constraint.type=free.", valueName: "name.key=value"))
    var sets: [String] = []

    @Option(help: "Lower edge of the energy window (keV); default: the dataset's (1 keV).")
    var emin: Double?

    @Option(help: "Upper edge of the energy window (keV); default: the dataset's (XENON1T 7 keV, XENONnT 30 keV).")
    var emax: Double?

    @Option(help: "Bin width (keV) for unbinned data sets.")
    var binWidth: Double?

    @Option(help: "Tritium component: free fits its amplitude (≥ 0); otherwise it is fixed to zero.")
    var tritium: ModelBuilder.Tritium = .none

    @Option(help: "With two or more datasets: how a dataset with an open ³H hypothesis (XENON1T SR1) enters: with its ³H amplitude floating (the collaboration's alternative model), as in its single fit (³H = 0), or not at all. README: Combination policy.")
    var combinationPolicy: CombinationPolicy = .default

    @Option(help: "One atomic-binding nuisance shared by all datasets (±1σ = the free-electron − stepping difference of the signal): in fits of two or more datasets only, always, or never.")
    var atomicNuisance: AtomicNuisanceChoice = .auto

    @Flag(help: "Add the efficiency ±1σ band as a shape nuisance on the signal.")
    var efficiencyShape = false

    @Flag(help: "Leave out the solar-ν flux normalisation nuisance.")
    var noSolarFluxNuisance = false

    @Option(help: "Read the model from a spec file (JSON/YAML, as written by --save-spec) instead of building it; the spec fixes data, window and physics, so those options do not apply.")
    var spec: String?

    @Option(help: "Folder with the datasets (default: the package's data/ or $NMMFIT_DATA).")
    var dataDir: String?

    func validate() throws {
        if let e = emin, !(e.isFinite && e > 0) { throw ValidationError("--emin must be a positive energy in keV, got \(e)") }
        if let e = emax, !(e.isFinite && e > 0) { throw ValidationError("--emax must be a positive energy in keV, got \(e)") }
        if let a = emin, let b = emax, !(b > a) { throw ValidationError("--emax (\(b)) must be above --emin (\(a))") }
        if let w = binWidth, !(w.isFinite && w > 0) { throw ValidationError("--bin-width must be positive, got \(w)") }
        if let w = binWidth {
            // the bins of the window (default: the datasets' widest, 1–30 keV) must be countable
            let width = (emax ?? 30) - (emin ?? 1)
            let n = width / w
            let limit = try ResourceLimit.bins.value()
            if !(n <= Double(limit)) {
                throw ValidationError("--bin-width \(w) keV makes \(Format.g(n, 3)) bins in \(Format.g(width, 4)) keV, above the limit of \(limit) \(ResourceLimit.bins.what)\(ResourceLimit.bins.howToRaise)")
            }
        }
        if spec != nil && (!datasets.isEmpty || emin != nil || emax != nil || binWidth != nil || tritium != .none
                           || efficiencyShape || noSolarFluxNuisance || !windows.isEmpty || !sets.isEmpty
                           || combinationPolicy != .default || atomicNuisance != .auto) {
            throw ValidationError("--spec cannot be combined with --dataset, --emin, --emax, --bin-width, --tritium, --efficiency-shape, --no-solar-flux-nuisance, --window, --set, --combination-policy or --atomic-nuisance (the spec fixes them)")
        }
        do {
            _ = try windows.map(DatasetWindow.init(parsing:))
            // one value per key: a key given twice would silently keep the last value
            var seen: [String: String] = [:]
            for o in try sets.map(DatasetSpec.Override.init(parsing:)) {
                let key = ([o.dataset] + o.path).joined(separator: ".")
                if let first = seen[key] {
                    throw ValidationError("--set \(key) is given twice (=\(first) and =\(o.value)); give each key once")
                }
                seen[key] = o.value
            }
        } catch let e as InputError { throw ValidationError(e.message(in: CLIErrors.wording)) }
    }

    /// The rows of the applicability table that depend on the datasets (their specs with the
    /// `--set` changes): `--tritium free` needs a tritium component, `--efficiency-shape` an
    /// efficiency table with ±1σ columns, in at least one dataset.
    func checkApplicability(_ channels: [AnalysisConfig.Channel]) throws {
        try OptionApplicability.checkData(try choice().applicability(channels).map {
            .init(option: $0.choice == .tritium ? "--tritium" : "--efficiency-shape", given: $0.given, acts: $0.acts, when: $0.when)
        })
    }

    /// The library's data choice of these options.
    func choice() throws -> DataChoice {
        DataChoice(datasets: datasets, windows: try windows.map(DatasetWindow.init(parsing:)),
                   overrides: try sets.map(DatasetSpec.Override.init(parsing:)), eminKeV: emin, emaxKeV: emax, binWidthKeV: binWidth,
                   tritium: tritium, efficiencyShape: efficiencyShape, solarFluxNuisance: !noSolarFluxNuisance,
                   combinationPolicy: combinationPolicy, atomicNuisance: atomicNuisance, spec: spec, dataDirectory: dataDir)
    }

    func config(physics: PhysicsOptions) throws -> AnalysisConfig {
        let choice = try choice()
        let channels = try choice.channels()
        try checkApplicability(channels)
        return try choice.config(channels: channels, recoil: try physics.recoilModel())
    }

    /// The model: from --spec (read with its saved analysis, both validated), or built from the datasets.
    func model(physics: PhysicsOptions) throws -> BinnedModel {
        try checkSpec(physics: physics)
        if let spec = try runSpec() { return try BinnedModel(spec: spec.model) }
        return try config(physics: physics).buildModel().model
    }

    /// A --spec fixes the recoil physics with the model: a physics option given with it would be
    /// ignored, so it is a usage error (exit 64), as the data options are in ``validate()``.
    func checkSpec(physics: PhysicsOptions) throws {
        guard spec != nil else { return }
        try OptionApplicability.checkData(physics.givenOptions.map {
            .init(option: $0, given: true, acts: false, when: "with datasets (a --spec model has its recoil physics fixed)")
        })
    }

    /// The --spec file read (its model and saved analysis); nil without --spec.
    func runSpec() throws -> RunSpec? {
        try spec.map { try RunSpec.load(from: URL(fileURLWithPath: $0)) }
    }

    /// The confidence level and interval method of a command with these data options, by the
    /// library's rule for a spec (``SavedAnalysis/settings(_:cl:method:clOption:methodOption:)``):
    /// a --spec's saved choices apply unless given explicitly (`cl`, `method`; nil: not given);
    /// an explicit choice that replaces a different saved one is said on stderr (`note`).
    func settings(cl: Double?, method: IntervalMethod?, methodOption: String = "--interval-method",
                  note: (String) -> Void) throws -> SavedAnalysis.Settings {
        let s = try SavedAnalysis.settings(try runSpec()?.analysis, cl: cl, method: method, methodOption: methodOption)
        for n in s.notes { note("note: \(n)") }
        return s
    }

    /// What a result from these options is computed from, as a value passed with the result (no
    /// global state): this run (``RunProvenance/thisRun(seed:)``), the SHA-256 of every file read
    /// (each dataset's spec and data files after `--set`, a `--spec` file, an `--atomic` table),
    /// the `--set` changes and the digitised datasets among the data.
    /// A `--spec` with a saved analysis (from version 2) gives its spec changes and its
    /// digitised datasets, as the run that wrote it, for every command; `fit`, which re-runs the
    /// saved analysis (`saved`), also the seed of its compatibility toys (the other commands'
    /// toys have their own `--seed`).
    func provenance(physics: PhysicsOptions?, seed: UInt64? = nil, saved: SavedAnalysis? = nil) throws -> RunProvenance {
        var p = RunProvenance.thisRun(seed: seed)
        let root = try? DataLocator.dataDirectory(explicit: dataDir)
        if let spec {
            try p.digest(files: [spec], relativeTo: root)
            if let rerun = saved, rerun.isCombination && rerun.compatibilityToys?.plan != CompatibilityTest.ToyPlan.none { p.seed = rerun.seed }
            if let saved = try saved ?? runSpec()?.analysis {
                p.specOverrides = saved.specOverrides
                p.digitisedDatasets = saved.digitisedDatasets
            } else {
                // a version-1 spec keeps only channel names: those that are datasets say whether they are digitised
                let names = try BinnedModel(spec: try RunSpec.load(from: URL(fileURLWithPath: spec)).model).channelNames
                p.digitisedDatasets = DigitisedDatasets.among(names, dataDirectory: dataDir)
            }
        } else {
            try p.record(datasets: try AnalysisConfig.expand(datasets.isEmpty ? ["xenon1t_sr1"] : datasets, dataDirectory: dataDir),
                         overrides: try sets.map(DatasetSpec.Override.init(parsing:)), dataDirectory: dataDir)
        }
        if let table = physics?.atomic.tableFile { try p.digest(files: [table], relativeTo: root) }
        return p
    }
}

/// Output options shared by the commands.
struct OutputOptions: ParsableArguments {
    @Flag(help: "Print JSON instead of a table.")
    var json = false

    @Option(name: .shortAndLong, help: "Also write the JSON result to this file (atomically).")
    var output: String?

    @Flag(help: "Overwrite existing output files.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print only the result (no progress or notes on stderr).")
    var quiet = false

    @Flag(name: .shortAndLong, help: "Print extra diagnostics on stderr.")
    var verbose = false

    func validate() throws {
        if quiet && verbose { throw ValidationError("--quiet and --verbose exclude each other") }
        // refuse an impossible -o before any work (a folder, a device, a path ending in '/')
        if let output {
            do { _ = try OutputFile.checkedTarget(output) } catch let e as InputError { throw ValidationError("-o: \(e.description(in: CLIErrors.wording))") }
        }
    }

    /// Encodes a value as sorted, pretty JSON (non-finite numbers are an error, never silent).
    func encode<T: Encodable>(_ value: T) throws -> Data { try ResultEncoder.encode(value) }

    /// Prints JSON or the table, and writes the JSON file if asked. The JSON is the one
    /// ``ResultDocument`` of the library: the result's keys, `nmmfit_output` and the keys of its
    /// `provenance` (by default this run without data files; results from data pass
    /// ``DataOptions/provenance(physics:seed:)``).
    func emit<T: Encodable>(_ value: T, provenance: RunProvenance = .thisRun(), table: () -> String) throws {
        // Encoded first, also for a table: a NaN or infinite result is an error, never a
        // table of "nan" with exit 0. Every result from data says which of its datasets are digitised.
        let data = try encode(ResultDocument(value, provenance: provenance))
        if !json {
            Console.out(table())
            if let d = provenance.digitisedDatasets, !d.isEmpty { Console.out("\n" + DigitisedDatasets.footer(d) + "\n") }
        }
        if let output { try OutputFile.write(data, to: output, force: force) }
        if json { Console.out(String(decoding: data, as: UTF8.self) + "\n") }
    }

    func note(_ s: String) {
        if !quiet { Console.error(s) }
    }
}

/// The confidence levels the interval constructions handle (issue #17: values outside gave
/// exit 3 from a GSL root finder): 0.5 ≤ CL ≤ 0.999999. Below 0.5 the boundary-aware
/// (asymptotic-unified) critical value has no root; above 1 − 10⁻⁶ the quantiles run out of
/// double precision.
enum ConfidenceLevel {
    static let range = 0.5...0.999999

    static func validate(_ cl: Double, option: String = "--cl") throws {
        guard range.contains(cl) else {
            throw ValidationError("\(option) must be in [\(range.lowerBound), \(range.upperBound)], got \(cl)")
        }
    }
}
