import Formats
import Foundation

/// A binned likelihood model as versioned data (in the spirit of pyhf's JSON workspaces):
/// channels with bins and observed counts, samples with their expected counts and the
/// parameters that scale them, and the parameters' constraints. A fit can be re-run from it.
///
/// Expected counts in bin i of a channel:
/// ```
/// λ_i = Σ_samples [Π_{p ∈ factors} θ_p] · (c_i + Σ_h δ_h,i(α_h))
/// ```
/// where the parameter of interest enters as the factor s = (μν / μ_ref)² and δ is the
/// piecewise-linear interpolation between a histogram's nominal and its ±1σ variations
/// (pyhf "code 0").
public struct ModelSpec: Codable, Sendable, Equatable {
    /// Spec versions this build reads.
    public static let supportedVersions = [1, 2]
    /// The version this build writes.
    public static let currentVersion = 2
    /// The name of the default parameter of interest: the flavour-universal neutrino magnetic
    /// moment (``ParameterOfInterest/muNu``). A spec names another in `parameter_of_interest`.
    public static let poiName = ParameterOfInterest.muNu.name

    public var nmmfitModel: Int
    /// μ_ref in μB: the moment at which signal samples' counts are given (default 1e-11).
    public var muNuReferenceMuB: Double
    public var channels: [Channel]
    public var parameters: [Parameter]
    /// The parameter of interest (name, unit, symbol) when it is not the default μν in μB
    /// (``ParameterOfInterest/muNu``); absent from specs of the universal μν, so they stay as
    /// they were.
    public var parameterOfInterest: ParameterOfInterest?

    /// The parameter of interest of this spec (``parameterOfInterest`` or the default μν).
    public var poi: ParameterOfInterest { parameterOfInterest ?? .muNu }

    public struct Channel: Codable, Sendable, Equatable {
        public var name: String
        public var binEdgesKeV: [Double]
        public var observed: [Double]
        public var samples: [Sample]
        enum CodingKeys: String, CodingKey {
            case name, observed, samples
            case binEdgesKeV = "bin_edges_keV"
        }
        public init(name: String, binEdgesKeV: [Double], observed: [Double], samples: [Sample]) {
            self.name = name
            self.binEdgesKeV = binEdgesKeV
            self.observed = observed
            self.samples = samples
        }
    }

    public struct Sample: Codable, Sendable, Equatable {
        public var name: String
        /// Nominal expected counts per bin (signal samples: at μν = μ_ref).
        public var counts: [Double]
        /// Names of parameters multiplying this sample (`mu_nu` makes it a signal ∝ μν²).
        public var factors: [String]
        /// Shape variations.
        public var histosys: [HistoSys]?
        public init(name: String, counts: [Double], factors: [String], histosys: [HistoSys]? = nil) {
            self.name = name
            self.counts = counts
            self.factors = factors
            self.histosys = histosys
        }
    }

    public struct HistoSys: Codable, Sendable, Equatable {
        public var parameter: String
        public var up: [Double]
        public var down: [Double]
        public init(parameter: String, up: [Double], down: [Double]) {
            self.parameter = parameter
            self.up = up
            self.down = down
        }
    }

    public struct Parameter: Codable, Sendable, Equatable {
        public var name: String
        /// Starting value (for `mu_nu`: in μB).
        public var initial: Double
        /// Lower bound (nuisance factors: 0; histosys: none).
        public var lower: Double?
        public var upper: Double?
        public var constraint: Constraint
        enum CodingKeys: String, CodingKey {
            case name, lower, upper, constraint
            case initial = "init"
        }
        public init(name: String, initial: Double, lower: Double? = nil, upper: Double? = nil, constraint: Constraint) {
            self.name = name
            self.initial = initial
            self.lower = lower
            self.upper = upper
            self.constraint = constraint
        }
    }

    /// A parameter's constraint term.
    public struct Constraint: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable {
            /// ((θ − aux)/σ)² in −2 ln L, aux the auxiliary measurement (default `mean`).
            case gaussian
            /// No constraint (e.g. ²¹⁴Pb in XENON1T, or a tritium amplitude).
            case free
            /// Held at `initial`.
            case fixed
        }
        public var type: Kind
        public var mean: Double?
        public var sigma: Double?
        public init(type: Kind, mean: Double? = nil, sigma: Double? = nil) {
            self.type = type
            self.mean = mean
            self.sigma = sigma
        }
        public static let free = Constraint(type: .free)
        public static func gaussian(mean: Double = 1, sigma: Double) -> Constraint {
            Constraint(type: .gaussian, mean: mean, sigma: sigma)
        }
    }

    enum CodingKeys: String, CodingKey {
        case channels, parameters
        case nmmfitModel = "nmmfit_model"
        case muNuReferenceMuB = "mu_nu_reference_muB"
        case parameterOfInterest = "parameter_of_interest"
    }

    public init(muNuReferenceMuB: Double = 1e-11, channels: [Channel], parameters: [Parameter],
                parameterOfInterest: ParameterOfInterest? = nil) {
        nmmfitModel = Self.currentVersion
        self.muNuReferenceMuB = muNuReferenceMuB
        self.channels = channels
        self.parameters = parameters
        self.parameterOfInterest = parameterOfInterest == .muNu ? nil : parameterOfInterest
    }

    /// Checks internal consistency; errors name the offending key path.
    public func validate(file: String? = nil) throws {
        func bad(_ f: String, _ m: String) -> InputError { InputError(file: file, field: f, m) }
        guard Self.supportedVersions.contains(nmmfitModel) else {
            throw bad("nmmfit_model", "model spec version \(nmmfitModel) is not supported (supported: \(Self.supportedVersions))")
        }
        guard muNuReferenceMuB >= 1e-20, muNuReferenceMuB <= ResourceLimit.maxMuNuMuB else {
            throw bad("mu_nu_reference_muB", "must be positive and in [1e-20, \(ResourceLimit.maxMuNuMuB)] μB, got \(muNuReferenceMuB)")
        }
        let poiName = poi.name
        if let p = parameterOfInterest {
            guard !p.name.isEmpty, p.name.count <= 64, p.name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") }) else {
                throw bad("parameter_of_interest.name", "\(InputError.excerpt(p.name)) is not a parameter name (1–64 ASCII letters, digits or '_')")
            }
            guard !p.unit.isEmpty, p.unit.count <= 32 else { throw bad("parameter_of_interest.unit", "must be a non-empty unit of at most 32 characters") }
            guard !p.symbol.isEmpty, p.symbol.count <= 32 else { throw bad("parameter_of_interest.symbol", "must be a non-empty symbol of at most 32 characters") }
        }
        guard !channels.isEmpty else { throw bad("channels", "at least one channel is required") }
        try Self.requireUnique(channels.map(\.name), path: "channels", what: "channel", file: file)
        try Self.requireUnique(parameters.map(\.name), path: "parameters", what: "parameter", file: file)
        for (c, ch) in channels.enumerated() {
            try Self.requireUnique(ch.samples.map(\.name), path: "channels[\(c)].samples", what: "sample", file: file)
            // the same bins limit as a window cut by --bin-width
            try ResourceLimit.bins.check(ch.binEdgesKeV.count - 1, option: "channels[\(c)].bin_edges_keV", file: file)
        }
        // and all channels together: a fit evaluates every bin
        try ResourceLimit.modelBins.check(channels.reduce(0) { $0 + max($1.binEdgesKeV.count - 1, 0) }, option: "channels", file: file)
        var names = Set<String>()
        for (k, p) in parameters.enumerated() {
            names.insert(p.name)
            guard p.initial.isFinite else { throw bad("parameters[\(k)].init", "not finite") }
            if p.constraint.type == .gaussian {
                guard let s = p.constraint.sigma, s > 0, s.isFinite else {
                    throw bad("parameters[\(k)].constraint.sigma", "a gaussian constraint needs a positive sigma")
                }
                let m = ResourceLimit.maxNuisanceMagnitude
                guard s >= 1 / m, s <= m else {
                    throw bad("parameters[\(k)].constraint.sigma", "sigma \(s) is outside [\(1 / m), \(m)] (nuisance parameters are relative factors of order 1)")
                }
            }
            if p.name != poiName {
                let m = ResourceLimit.maxNuisanceMagnitude
                for (key, v) in [("init", p.initial), ("lower", p.lower), ("upper", p.upper), ("constraint.mean", p.constraint.mean)] {
                    if let v, !(abs(v) <= m) {
                        throw bad("parameters[\(k)].\(key)", "\(v) is outside ±\(m) (nuisance parameters are relative factors of order 1)")
                    }
                }
            } else if p.initial > ResourceLimit.maxMuNuMuB {
                throw bad("parameters[\(k)].init", "μν = \(p.initial) μB is above the largest accepted \(ResourceLimit.maxMuNuMuB) μB")
            }
            if let l = p.lower, let u = p.upper, !(l < u) { throw bad("parameters[\(k)]", "lower must be below upper") }
            if let l = p.lower, p.initial < l { throw bad("parameters[\(k)].init", "init \(p.initial) is below the lower bound \(l)") }
            if let u = p.upper, p.initial > u { throw bad("parameters[\(k)].init", "init \(p.initial) is above the upper bound \(u)") }
            if p.name == poiName && p.constraint.type != .free {
                throw bad("parameters[\(k)].constraint", "the parameter of interest '\(poiName)' must be free (it is fitted; use `scan` or `interval` to hold it at values)")
            }
        }
        guard names.contains(poiName) else { throw bad("parameters", "the parameter of interest '\(poiName)' is missing") }
        if let poi = parameters.first(where: { $0.name == poiName }), poi.initial < 0 {
            throw bad("parameters.\(poiName).init", "μν must be ≥ 0, got \(poi.initial)")
        }
        for (c, ch) in channels.enumerated() {
            let n = ch.observed.count
            guard n > 0, ch.binEdgesKeV.count == n + 1 else {
                throw bad("channels[\(c)].bin_edges_keV", "need \(n + 1) edges for \(n) observed bins, got \(ch.binEdgesKeV.count)")
            }
            try BinEdges.check(ch.binEdgesKeV)
            for (i, o) in ch.observed.enumerated() where !(o >= 0 && o <= ResourceLimit.maxCount) {
                throw bad("channels[\(c)].observed[\(i)]", "observed count \(o) must be ≥ 0 and at most \(ResourceLimit.maxCount)")
            }
            guard !ch.samples.isEmpty else { throw bad("channels[\(c)].samples", "no samples") }
            for (s, sm) in ch.samples.enumerated() {
                let path = "channels[\(c)].samples[\(s)]"
                guard sm.counts.count == n else { throw bad("\(path).counts", "\(sm.counts.count) values for \(n) bins") }
                for (i, v) in sm.counts.enumerated() where !(v >= 0 && v <= ResourceLimit.maxCount) {
                    throw bad("\(path).counts[\(i)]", "expected count \(v) must be ≥ 0 and at most \(ResourceLimit.maxCount)")
                }
                if sm.counts.allSatisfy({ $0 == 0 }) && (sm.histosys ?? []).isEmpty {
                    throw bad("\(path).counts", "sample '\(sm.name)' is zero in every bin; remove it or give its expected counts")
                }
                for f in sm.factors where !names.contains(f) { throw bad("\(path).factors", "unknown parameter '\(f)'") }
                for (h, hs) in (sm.histosys ?? []).enumerated() {
                    guard names.contains(hs.parameter) else { throw bad("\(path).histosys[\(h)].parameter", "unknown parameter '\(hs.parameter)'") }
                    guard hs.parameter != poiName else {
                        throw bad("\(path).histosys[\(h)].parameter", "'\(poiName)' can only enter as a factor (the signal ∝ μν²)")
                    }
                    guard hs.up.count == n, hs.down.count == n else { throw bad("\(path).histosys[\(h)]", "up/down need \(n) values") }
                    for (key, values) in [("up", hs.up), ("down", hs.down)] {
                        for (i, v) in values.enumerated() where !(v.isFinite && abs(v) <= ResourceLimit.maxCount) {
                            throw bad("\(path).histosys[\(h)].\(key)[\(i)]", "\(v) must be a finite count of at most \(ResourceLimit.maxCount)")
                        }
                    }
                }
            }
            // a bin with events that no sample can produce makes ln L = −∞ at every parameter value
            for i in 0..<n where ch.observed[i] > 0 && ch.samples.allSatisfy({ $0.counts[i] == 0 }) {
                throw bad("channels[\(c)].observed[\(i)]", "\(ch.observed[i]) events observed in bin \(i) (\(ch.binEdgesKeV[i])–\(ch.binEdgesKeV[i + 1]) keV) but every sample expects 0 there")
            }
        }
        let signal = channels.flatMap { $0.samples.filter { $0.factors.contains(poiName) } }
        guard !signal.isEmpty else {
            throw bad("channels", "no sample has the factor '\(poiName)': the model has no magnetic-moment signal")
        }
        guard signal.contains(where: { $0.counts.contains { $0 > 0 } }) else {
            throw bad("channels", "every signal sample (factor '\(poiName)') is zero in every bin: μν cannot be measured")
        }
        // even at the largest accepted μν the signal must predict at least one event
        let total = signal.reduce(0) { $0 + $1.counts.reduce(0, +) }
        let atMax = total * pow(ResourceLimit.maxMuNuMuB / muNuReferenceMuB, 2)
        guard atMax >= 1 else {
            throw bad("channels", "the signal is too small to measure: \(total) events at μν = \(muNuReferenceMuB) μB, \(atMax) at μν = \(ResourceLimit.maxMuNuMuB) μB")
        }
    }

    /// Throws when a name appears twice in a list, naming both places, e.g.
    /// `channels[0] and channels[2] are both named 'xenon1t_sr1'`.
    static func requireUnique(_ names: [String], path: String, what: String, file: String?) throws {
        var first: [String: Int] = [:]
        for (k, n) in names.enumerated() {
            if let j = first[n] {
                throw InputError(file: file, field: "\(path)[\(k)].name",
                                 "duplicate \(what): \(path)[\(j)] and \(path)[\(k)] are both named \(InputError.excerpt(n))")
            }
            first[n] = k
        }
    }

    /// Reads a spec (JSON or YAML), rejecting unknown keys, and validates it.
    public static func load(from url: URL) throws -> ModelSpec {
        let data = try TextInput.readData(path: url.path, what: "model spec", limit: .modelSpecBytes)
        return try decode(data, file: url.path, yaml: ["yaml", "yml"].contains(url.pathExtension.lowercased()))
    }

    /// Decodes and validates spec bytes (JSON, or YAML when `yaml`); `file` names it in errors.
    public static func decode(_ data: Data, file: String, yaml: Bool) throws -> ModelSpec {
        let spec: ModelSpec = try SpecDecoding.decode(data, file: file, yaml: yaml, allowedKeys: allowedKeys,
                                                      versionKey: "nmmfit_model", supported: supportedVersions,
                                                      limit: .modelSpecBytes)
        try spec.validate(file: file)
        return spec
    }

    /// Pretty-printed, key-sorted JSON.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// The keys a spec may hold, by path (`analysis` is checked by the reader of that section).
    public static let allowedKeys: [String: Set<String>] = [
        "": ["nmmfit_model", "mu_nu_reference_muB", "channels", "parameters", "parameter_of_interest", "analysis"],
        "parameter_of_interest": ParameterOfInterest.allowedKeys,
        "channels[]": ["name", "bin_edges_keV", "observed", "samples"],
        "channels[].samples[]": ["name", "counts", "factors", "histosys"],
        "channels[].samples[].histosys[]": ["parameter", "up", "down"],
        "parameters[]": ["name", "init", "lower", "upper", "constraint"],
        "parameters[].constraint": ["type", "mean", "sigma"],
    ]
}
