import Foundation

/// A limit on a size the user controls (toys, grid points, bins, threads, file bytes), checked
/// before anything is allocated. Limits that can sensibly be raised read an environment
/// variable (`NMMFIT_MAX_…`); every limit also has a hard ceiling chosen so that arithmetic on
/// the limited counts cannot overflow (e.g. toys × shards < 2⁶³).
///
/// The table of limits is in README.md ("Limits"); ``ResourceLimit/all`` lists them.
public struct ResourceLimit: Sendable, CustomStringConvertible {
    /// What is counted, plural ("toys", "bins per channel").
    public let what: String
    /// The environment variable that raises the limit, if raising makes sense.
    public let environment: String?
    /// The default limit.
    public let defaultValue: Int
    /// The largest value the environment variable may set (keeps arithmetic in range).
    public let ceiling: Int

    public init(what: String, environment: String?, defaultValue: Int, ceiling: Int) {
        self.what = what
        self.environment = environment
        self.defaultValue = defaultValue
        self.ceiling = ceiling
    }

    public var description: String { what }

    /// The limit in force: the environment variable's value (if set) or the default.
    /// - Throws: ``InputError`` when the variable is not a whole number in 1…ceiling.
    public func value() throws -> Int {
        guard let environment, let raw = ProcessInfo.processInfo.environment[environment], !raw.isEmpty else {
            return defaultValue
        }
        guard let v = Int(raw.trimmingCharacters(in: .whitespaces)), v >= 1, v <= ceiling else {
            throw InputError(field: environment, "\(environment)=\(InputError.excerpt(raw)) is not a whole number in 1…\(ceiling)")
        }
        return v
    }

    /// Throws unless `n` ≤ the limit; `option` names the option or field in the message.
    public func check(_ n: Int, option: String, file: String? = nil) throws {
        let limit = try value()
        guard n > limit else { return }
        throw InputError(file: file, field: option, "\(n) is above the limit of \(limit) \(what)\(howToRaise)")
    }

    /// Throws unless the product of the factors (computed without overflow) is ≤ the limit.
    public func check(product factors: [Int], option: String, file: String? = nil) throws {
        let limit = try value()
        var p = 1
        for f in factors {
            let (r, overflow) = p.multipliedReportingOverflow(by: max(f, 0))
            guard !overflow, r <= limit else {
                throw InputError(file: file, field: option,
                                 "\(factors.map(String.init).joined(separator: " × ")) is above the limit of \(limit) \(what)\(howToRaise)")
            }
            p = r
        }
    }

    /// " (set NMMFIT_MAX_… to raise it)" or "".
    public var howToRaise: String {
        environment.map { " (set \($0) to raise it, up to \(ceiling))" } ?? ""
    }
}

extension ResourceLimit {
    /// Toys (or fits) in one study, over all its shards; with ``shards`` at its ceiling, toys ×
    /// shard index stays below 2⁶³. One process is held to far fewer, about a minute's worth on
    /// one core (``ToyWork``): a study of 10⁸ toys is made in shards (measured on one core,
    /// release build, XENON1T: a q0 toy costs 21 µs of CPU, so 10⁸ toys take about 35 min).
    public static let toys = ResourceLimit(what: "toys", environment: "NMMFIT_MAX_TOYS",
                                           defaultValue: 100_000_000, ceiling: 1_000_000_000_000)
    /// Shards of one study.
    public static let shards = ResourceLimit(what: "shards", environment: "NMMFIT_MAX_SHARDS",
                                             defaultValue: 100_000, ceiling: 1_000_000)
    /// Points of a μν scan or Feldman–Cousins grid, or of one axis of a model grid. At the limit
    /// on one core (release build, XENON1T): `scan --points 100000` takes 1.9 s of CPU (8.0 s with
    /// `--plot`), `interval --method feldman-cousins --grid-points 100000 --toys 10` 33 s.
    public static let gridPoints = ResourceLimit(what: "grid points", environment: "NMMFIT_MAX_GRID_POINTS",
                                                 defaultValue: 100_000, ceiling: 10_000_000)
    /// Analysis bins of one channel (e.g. window / bin width, or a model spec's channel). A fit
    /// of XENONnT SR0 in 2×10⁴ bins takes 19 s of CPU (release build; 35 s wall on a loaded
    /// 2-core machine), and the time grows at least linearly with the bins: the default keeps a
    /// fit at the limit within a minute on one core.
    public static let bins = ResourceLimit(what: "bins per channel", environment: "NMMFIT_MAX_BINS",
                                           defaultValue: 20_000, ceiling: 10_000_000)
    /// Analysis bins of a whole model, all channels together (a combination, or a `--spec` of
    /// several channels, each within ``bins``): a fit's time grows with the bins it evaluates
    /// (17.6 s of CPU for 2×10⁴ bins, release build, one core), so a model of five channels at
    /// the per-channel limit would take minutes. The default leaves room for `--dataset all`
    /// with XENONnT SR0 at the per-channel limit (2×10⁴ + 73 bins).
    public static let modelBins = ResourceLimit(what: "bins in all channels together", environment: "NMMFIT_MAX_MODEL_BINS",
                                                defaultValue: 25_000, ceiling: 100_000_000)
    /// Recoil energies of one `spectrum` table: 10⁵ energies take 30 s of CPU (release build),
    /// so a spectrum at the limit ends within a minute on one core.
    public static let spectrumEnergies = ResourceLimit(what: "energies", environment: "NMMFIT_MAX_SPECTRUM_ENERGIES",
                                                       defaultValue: 100_000, ceiling: 10_000_000)
    /// Worker threads.
    public static let threads = ResourceLimit(what: "threads", environment: nil, defaultValue: 1024, ceiling: 1024)
    /// Bytes of one CSV table (and any text input without a limit of its own). Each row is an
    /// array of its numbers (a heap block of ~48 bytes for one or two fields) plus its line
    /// number, so a one-column table of one-digit values ("1\n", 2 bytes a row) takes about 50
    /// times its file while it is read: measured, release build, an events table at this limit
    /// (8.4×10⁶ rows) peaks at 829 MB in `fit` (31.5 s of CPU on one core).
    public static let fileBytes = ResourceLimit(what: "bytes per input file", environment: "NMMFIT_MAX_FILE_BYTES",
                                                defaultValue: 1 << 24, ceiling: 1 << 40)
    /// Bytes of a model spec (JSON or YAML). A spec at the bins limit (10⁵ bins, a few samples)
    /// written by `--save-spec` is about 15 MB; parsing allocates a few tens of bytes per byte.
    public static let modelSpecBytes = ResourceLimit(what: "bytes per model spec", environment: "NMMFIT_MAX_MODEL_SPEC_BYTES",
                                                     defaultValue: 1 << 25, ceiling: 1 << 32)
    /// Bytes of a dataset spec (`dataset.json` / `dataset.yaml`); the shipped ones are a few kB.
    public static let datasetSpecBytes = ResourceLimit(what: "bytes per dataset spec", environment: "NMMFIT_MAX_DATASET_SPEC_BYTES",
                                                       defaultValue: 1 << 20, ceiling: 1 << 30)
    /// Bytes of a moment-matrix file: nine complex numbers and a comment fit in a few hundred.
    public static let momentMatrixBytes = ResourceLimit(what: "bytes per moment-matrix file", environment: "NMMFIT_MAX_MOMENT_MATRIX_BYTES",
                                                        defaultValue: 1 << 16, ceiling: 1 << 26)
    /// Bytes of a HEPData YAML table (records from hepdata.net are kilobytes to a few MB). A
    /// composed YAML node costs about a hundred bytes, so YAML is held to a smaller size than CSV.
    public static let hepDataBytes = ResourceLimit(what: "bytes per HEPData table", environment: "NMMFIT_MAX_HEPDATA_BYTES",
                                                   defaultValue: 1 << 24, ceiling: 1 << 32)
    /// Nesting depth of a YAML or JSON document (checked on the text before it is parsed).
    public static let nestingDepth = ResourceLimit(what: "levels of nesting", environment: nil, defaultValue: 64, ceiling: 64)
    /// Nodes (numbers, strings, lists, objects) of one JSON or YAML document, counted on the
    /// text before it is parsed (``JSONGuard``, ``YAMLGuard``) and again after YAML aliases are
    /// expanded. A parsed node costs tens (JSON) to a couple of hundred (YAML) bytes, so this
    /// bounds the memory and time of parsing any spec; a model spec at the bins limit has under
    /// a million nodes.
    public static let documentNodes = ResourceLimit(what: "nodes per JSON/YAML document", environment: "NMMFIT_MAX_DOCUMENT_NODES",
                                                    defaultValue: 2_000_000, ceiling: 1 << 32)
    /// YAML aliases (`*name`) in one document; their expansion is bounded separately by
    /// ``yamlExpansionFactor``.
    public static let yamlAliases = ResourceLimit(what: "YAML aliases", environment: nil, defaultValue: 1000, ceiling: 1000)

    /// A YAML document may hold at most this many nodes per byte of text after alias
    /// expansion (an alias-free document has fewer nodes than bytes), so that "billion
    /// laughs" documents are refused instead of filling memory.
    public static let yamlExpansionFactor = 2

    /// The largest count (observed or expected events per bin) and rate accepted from input.
    public static let maxCount = 1e15
    /// The largest exposure accepted (tonne·year).
    public static let maxExposureTonneYear = 1e6
    /// The largest μν accepted anywhere (μB): far above every bound (~10⁻¹¹ μB), small enough
    /// that (μν/10⁻¹¹ μB)² and the expected counts stay finite.
    public static let maxMuNuMuB = 1e-6
    /// The largest magnitude of a nuisance parameter's init, bounds, constraint mean and σ
    /// (they are relative scale factors of order 1); σ must also be at least 1/this.
    public static let maxNuisanceMagnitude = 1e6

    /// All the limits, for documentation and tests.
    public static let all: [ResourceLimit] = [.toys, .shards, .gridPoints, .bins, .modelBins, .spectrumEnergies, .threads, .fileBytes, .modelSpecBytes,
                                              .datasetSpecBytes, .momentMatrixBytes, .hepDataBytes, .nestingDepth, .documentNodes, .yamlAliases]
}
