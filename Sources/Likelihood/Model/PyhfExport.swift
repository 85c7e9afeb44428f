import Formats
import Foundation

/// A pyhf JSON workspace (HistFactory, schema version 1.0.0:
/// `https://scikit-hep.org/pyhf/schemas/1.0.0/workspace.json`) as a Codable tree.
///
/// Encoding follows the schema exactly: the top level has `channels`, `observations`,
/// `measurements` and `version` only; a modifier without data (`normfactor`, `shapefactor`,
/// `lumi`) is written with `"data": null`, as the schema requires. ``jsonData()`` writes
/// pretty-printed, key-sorted JSON. Built from a ``ModelSpec`` by ``PyhfExport``.
public struct PyhfWorkspace: Codable, Sendable, Equatable {
    /// The pyhf workspace schema version written.
    public static let schemaVersion = "1.0.0"

    public var channels: [Channel]
    public var observations: [ObservedChannel]
    public var measurements: [Measurement]
    /// Always ``schemaVersion``.
    public var version: String

    public init(channels: [Channel], observations: [ObservedChannel], measurements: [Measurement]) {
        self.channels = channels
        self.observations = observations
        self.measurements = measurements
        version = Self.schemaVersion
    }

    /// A channel: a set of bins with its samples (expected counts per bin).
    public struct Channel: Codable, Sendable, Equatable {
        public var name: String
        public var samples: [Sample]
        public init(name: String, samples: [Sample]) {
            self.name = name
            self.samples = samples
        }
    }

    /// A sample: nominal expected counts per bin and the modifiers acting on them.
    public struct Sample: Codable, Sendable, Equatable {
        public var name: String
        public var data: [Double]
        public var modifiers: [Modifier]
        public init(name: String, data: [Double], modifiers: [Modifier]) {
            self.name = name
            self.data = data
            self.modifiers = modifiers
        }
    }

    /// A modifier. Modifiers with the same `name` share one parameter (pyhf correlates by name).
    public struct Modifier: Codable, Sendable, Equatable {
        /// pyhf's modifier types.
        public enum Kind: String, Codable, Sendable, CaseIterable {
            case normfactor, normsys, histosys, shapesys, staterror, lumi, shapefactor
        }
        /// The modifier's data, whose shape depends on its type.
        public enum Payload: Sendable, Equatable {
            /// `null` (normfactor, shapefactor, lumi).
            case none
            /// normsys: `{hi, lo}`, the factors at α = ±1.
            case normsys(hi: Double, lo: Double)
            /// histosys: `{hi_data, lo_data}`, the sample's counts at α = ±1.
            case histosys(hiData: [Double], loData: [Double])
            /// shapesys, staterror: one number per bin.
            case perBin([Double])
        }

        public var name: String
        public var type: Kind
        public var data: Payload

        public init(name: String, type: Kind, data: Payload) {
            self.name = name
            self.type = type
            self.data = data
        }

        /// An unconstrained multiplicative factor.
        public static func normfactor(_ name: String) -> Modifier { Modifier(name: name, type: .normfactor, data: .none) }

        enum CodingKeys: String, CodingKey { case name, type, data }
        enum NormsysKeys: String, CodingKey { case hi, lo }
        enum HistosysKeys: String, CodingKey {
            case hiData = "hi_data"
            case loData = "lo_data"
        }

        public init(from decoder: any Decoder) throws {
            let c = try decoder.container(keyedBy: CodingKeys.self)
            name = try c.decode(String.self, forKey: .name)
            type = try c.decode(Kind.self, forKey: .type)
            switch type {
            case .normfactor, .shapefactor, .lumi:
                guard try c.decodeNil(forKey: .data) else {
                    throw DecodingError.dataCorruptedError(forKey: .data, in: c, debugDescription: "a \(type.rawValue) modifier has data null")
                }
                data = .none
            case .normsys:
                let d = try c.nestedContainer(keyedBy: NormsysKeys.self, forKey: .data)
                data = .normsys(hi: try d.decode(Double.self, forKey: .hi), lo: try d.decode(Double.self, forKey: .lo))
            case .histosys:
                let d = try c.nestedContainer(keyedBy: HistosysKeys.self, forKey: .data)
                data = .histosys(hiData: try d.decode([Double].self, forKey: .hiData), loData: try d.decode([Double].self, forKey: .loData))
            case .shapesys, .staterror:
                data = .perBin(try c.decode([Double].self, forKey: .data))
            }
        }

        public func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(name, forKey: .name)
            try c.encode(type, forKey: .type)
            switch data {
            case .none:
                try c.encodeNil(forKey: .data)
            case .normsys(let hi, let lo):
                var d = c.nestedContainer(keyedBy: NormsysKeys.self, forKey: .data)
                try d.encode(hi, forKey: .hi)
                try d.encode(lo, forKey: .lo)
            case .histosys(let hiData, let loData):
                var d = c.nestedContainer(keyedBy: HistosysKeys.self, forKey: .data)
                try d.encode(hiData, forKey: .hiData)
                try d.encode(loData, forKey: .loData)
            case .perBin(let v):
                try c.encode(v, forKey: .data)
            }
        }
    }

    /// Observed counts of one channel.
    public struct ObservedChannel: Codable, Sendable, Equatable {
        public var name: String
        public var data: [Double]
        public init(name: String, data: [Double]) {
            self.name = name
            self.data = data
        }
    }

    /// A measurement: the parameter of interest and the parameters' settings.
    public struct Measurement: Codable, Sendable, Equatable {
        public var name: String
        public var config: Config
        public init(name: String, config: Config) {
            self.name = name
            self.config = config
        }
    }

    /// A measurement's configuration.
    public struct Config: Codable, Sendable, Equatable {
        public var poi: String
        public var parameters: [ParameterSettings]
        public init(poi: String, parameters: [ParameterSettings]) {
            self.poi = poi
            self.parameters = parameters
        }
    }

    /// Settings of one parameter (absent keys take pyhf's defaults for its modifier type).
    public struct ParameterSettings: Codable, Sendable, Equatable {
        public var name: String
        public var inits: [Double]?
        public var bounds: [[Double]]?
        public var auxdata: [Double]?
        public var sigmas: [Double]?
        public var fixed: Bool?
        public init(name: String, inits: [Double]? = nil, bounds: [[Double]]? = nil, auxdata: [Double]? = nil,
                    sigmas: [Double]? = nil, fixed: Bool? = nil) {
            self.name = name
            self.inits = inits
            self.bounds = bounds
            self.auxdata = auxdata
            self.sigmas = sigmas
            self.fixed = fixed
        }
    }

    /// Pretty-printed, key-sorted JSON.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return try e.encode(self)
    }
}

/// Translates a ``ModelSpec`` into a pyhf JSON workspace (``PyhfWorkspace``), so the same
/// likelihood can be fitted with pyhf (or anything that reads HistFactory JSON).
///
/// Mapping (one pyhf channel per spec channel, one pyhf sample per spec sample, sample `data` =
/// its counts; a parameter keeps its name wherever it appears, so pyhf correlates it):
///
/// | nmmfit | pyhf |
/// |---|---|
/// | POI `mu_nu` (a factor s = (μν/μ_ref)²) | `normfactor` **`mu_nu_squared`** = s, the measurement's POI, bounds [0, s_max] |
/// | free factor θ | `normfactor` θ, `inits` [init], `bounds` from the spec |
/// | fixed factor θ | `normfactor` θ with `fixed: true`, `inits` [value] |
/// | Gaussian factor θ ~ N(a, σ) | `normsys` θ with `hi = 1 + σ/a`, `lo = 1 − σ/a`; counts × a |
/// | histosys with α ~ N(0, σ) | `histosys` α/σ with `hi_data` = c + σ(up − c), `lo_data` = c − σ(c − down) |
/// | fixed histosys parameter | `histosys` with `fixed: true`, `inits` [value] |
/// | observed counts | the channel's `observations[].data` |
///
/// **The POI.** pyhf's POI is `mu_nu_squared` = μν²/μ_ref², i.e. μν² in units of μ_ref²
/// (μ_ref = ``ModelSpec/muNuReferenceMuB``, 10⁻¹¹ μB by default, so `mu_nu_squared` = 5.76
/// means μν² = 5.76 × 10⁻²² μB², μν = 2.4 × 10⁻¹¹ μB). It is linear in the rate, exactly like
/// nmmfit's internal s; its upper bound is the spec's `mu_nu` upper bound squared, else
/// ``defaultPOIUpperBound(_:)``.
///
/// **Gaussian normalisations (the one approximation).** nmmfit's constrained factor θ ~ N(a, σ)
/// multiplies counts linearly. pyhf has no linear Gaussian-constrained normalisation except the
/// single `lumi` parameter: its `normsys` α ~ N(0, 1) scales by an interpolated factor f(α) with
/// f(±1) = hi/lo, exponential (`code1`) or polynomial-inside-|α|<1 and exponential outside
/// (`code4`, pyhf ≥ 0.7's default). With hi/lo = 1 ± σ both equal 1 + σα at α = 0 and ±1.
/// code4 is smooth with slope σ(1 + O(σ²)) at 0; code1 has a kink there (slopes ln(1 + σ) and
/// −ln(1 − σ) = σ ∓ σ²/2). In between they fall below the line by ≤ σ²/8 (code1) or ≤ σ²/11
/// (code4); at |α| = 2 and 3 they lie above it by σ² and ≈ 3σ². For σ = 0.026 (XENON1T B0):
/// 8.6 × 10⁻⁵ (code1) / 6.0 × 10⁻⁵ (code4) for |α| ≤ 1, 2.0 × 10⁻³ at |α| = 3; for σ = 0.03:
/// 1.1 × 10⁻⁴ / 8.0 × 10⁻⁵ and 2.7 × 10⁻³ — far below the Poisson precision of such fits.
/// Bounds map as α = (θ − a)/σ, clipped to pyhf's normsys default [−5, 5].
///
/// **Histosys.** nmmfit interpolates shape variations piecewise-linearly (pyhf `code0`); pyhf
/// ≥ 0.7 defaults to `code4p` for histosys, and the interpolation code is not part of the
/// workspace. Load with ``recommendedModifierSettings`` to match nmmfit exactly:
/// `ws.model(modifier_settings={"normsys": {"interpcode": "code4"}, "histosys": {"interpcode": "code0"}})`.
///
/// Not expressible (an ``InputError`` naming the parameter): a free histosys parameter (pyhf's
/// histosys parameters are always N(0, 1)-constrained), a histosys parameter with a Gaussian
/// mean ≠ 0, a parameter that is both a factor and a histosys parameter, a Gaussian factor
/// with mean ≤ 0 or σ/mean ≥ 1, a constrained POI, and a spec parameter named
/// `mu_nu_squared`. Parameters no sample uses are left out (they only add a constant).
public enum PyhfExport {
    /// The pyhf name of the parameter of interest: s = (μν/μ_ref)².
    public static let poiName = "mu_nu_squared"
    /// The measurement's name.
    public static let measurementName = "nmmfit"
    /// pyhf's normsys bounds (its default), to which mapped bounds are clipped.
    public static let normsysBound = 5.0
    /// The `modifier_settings` with which a pyhf model reproduces nmmfit's interpolation
    /// (histosys code0 exactly; normsys code4 being pyhf's default and the closer of the two).
    public static let recommendedModifierSettings: [String: [String: String]] = [
        "normsys": ["interpcode": "code4"],
        "histosys": ["interpcode": "code0"],
    ]

    /// Export choices.
    public struct Options: Sendable, Equatable {
        /// Upper bound of `mu_nu_squared` (units of μ_ref²); `nil`: the spec's `mu_nu` upper
        /// bound squared, else ``PyhfExport/defaultPOIUpperBound(_:)``.
        public var poiUpperBound: Double?
        public init(poiUpperBound: Double? = nil) { self.poiUpperBound = poiUpperBound }
    }

    /// The default upper bound of `mu_nu_squared` when the spec gives none: the s at which the
    /// signal alone would predict 10 × (observed + 10) events, rounded up to a power of ten
    /// (at least 100). For XENON1T SR1 1–7 keV: 1000 (best fit 5.76).
    public static func defaultPOIUpperBound(_ spec: ModelSpec) -> Double {
        let observed = spec.channels.reduce(0) { $0 + $1.observed.reduce(0, +) }
        let signal = spec.channels.reduce(0) { acc, ch in
            acc + ch.samples.filter { $0.factors.contains(spec.poi.name) }.reduce(0) { $0 + $1.counts.reduce(0, +) }
        }
        guard signal > 0 else { return 100 }
        let s = 10 * (observed + 10) / signal
        return max(100, pow(10, ceil(log10(s))))
    }

    /// The pyhf workspace of a spec (validated first).
    /// - Throws: ``InputError`` (field: the spec's key path) when the spec is invalid or uses
    ///   something pyhf cannot express (see ``PyhfExport``).
    public static func workspace(from spec: ModelSpec, options: Options = Options(), file: String? = nil) throws -> PyhfWorkspace {
        try spec.validate(file: file)
        func bad(_ f: String, _ m: String) -> InputError { InputError(file: file, field: f, m) }

        let params = Dictionary(uniqueKeysWithValues: spec.parameters.enumerated().map { ($1.name, ($0, $1)) })
        var asFactor = Set<String>(), asHistosys = Set<String>()
        for ch in spec.channels {
            for s in ch.samples {
                asFactor.formUnion(s.factors)
                for h in s.histosys ?? [] { asHistosys.insert(h.parameter) }
            }
        }
        if params[poiName] != nil {
            throw bad("parameters[\(params[poiName]!.0)].name", "'\(poiName)' is the pyhf name of the POI; rename this parameter")
        }

        let specPOI = spec.poi.name
        guard asFactor.contains(specPOI) else {
            throw bad("channels", "no sample has the factor '\(specPOI)', so the pyhf POI '\(poiName)' would not exist")
        }

        // Parameter settings, in the spec's order.
        var settings: [PyhfWorkspace.ParameterSettings] = []
        for (k, p) in spec.parameters.enumerated() where asFactor.contains(p.name) || asHistosys.contains(p.name) {
            let path = "parameters[\(k)]"
            if asFactor.contains(p.name) && asHistosys.contains(p.name) {
                throw bad(path, "'\(p.name)' is both a factor and a histosys parameter; pyhf cannot share one parameter between a normalisation and a shape modifier of this kind")
            }
            if p.name == specPOI {
                guard !asHistosys.contains(p.name) else { throw bad(path, "the POI cannot drive a histosys") }
                guard p.constraint.type != .gaussian else {
                    throw bad("\(path).constraint", "pyhf's POI is a normfactor and cannot carry a Gaussian constraint")
                }
                let ref = spec.muNuReferenceMuB
                let s0 = (p.initial / ref) * (p.initial / ref)
                let upper = options.poiUpperBound ?? p.upper.map { ($0 / ref) * ($0 / ref) } ?? defaultPOIUpperBound(spec)
                guard upper > 0, upper.isFinite else { throw bad("\(path).upper", "the POI's upper bound must be positive") }
                settings.append(.init(name: poiName, inits: [min(s0, upper)], bounds: [[0, upper]],
                                      fixed: p.constraint.type == .fixed ? true : nil))
                continue
            }
            switch (p.constraint.type, asFactor.contains(p.name)) {
            case (.free, true), (.fixed, true):
                let lo = p.lower ?? min(0, 10 * p.initial)
                let hi = p.upper ?? max(10, 10 * p.initial)
                settings.append(.init(name: p.name, inits: [p.initial], bounds: [[min(lo, p.initial), max(hi, p.initial)]],
                                      fixed: p.constraint.type == .fixed ? true : nil))
            case (.gaussian, true):
                let a = p.constraint.mean ?? 1, sigma = p.constraint.sigma!
                guard a > 0, a.isFinite else {
                    throw bad("\(path).constraint.mean", "a Gaussian normalisation exported as a normsys needs a positive mean, got \(a)")
                }
                guard sigma / a < 1 else {
                    throw bad("\(path).constraint.sigma", "relative σ = \(sigma / a) ≥ 1 cannot be a normsys (lo = 1 − σ/mean ≤ 0)")
                }
                let lo = max(-normsysBound, p.lower.map { ($0 - a) / sigma } ?? -normsysBound)
                let hi = min(normsysBound, p.upper.map { ($0 - a) / sigma } ?? normsysBound)
                guard lo < hi else { throw bad(path, "bounds [\(p.lower ?? -.infinity), \(p.upper ?? .infinity)] leave no room for the normsys") }
                let alpha0 = min(max((p.initial - a) / sigma, lo), hi)
                settings.append(.init(name: p.name, inits: [alpha0], bounds: [[lo, hi]]))
            case (.free, false):
                throw bad("\(path).constraint", "'\(p.name)' drives a histosys but is unconstrained; pyhf's histosys parameters are always N(0, 1)-constrained")
            case (.fixed, false):
                settings.append(.init(name: p.name, inits: [p.initial], fixed: true))
            case (.gaussian, false):
                let mean = p.constraint.mean ?? 1, sigma = p.constraint.sigma!
                guard mean == 0 else {
                    throw bad("\(path).constraint.mean", "a histosys parameter must have a Gaussian mean of 0 for pyhf (got \(mean)); its interpolation kinks at 0")
                }
                let lo = max(-normsysBound, p.lower.map { $0 / sigma } ?? -normsysBound)
                let hi = min(normsysBound, p.upper.map { $0 / sigma } ?? normsysBound)
                guard lo < hi else { throw bad(path, "bounds leave no room for the histosys parameter") }
                settings.append(.init(name: p.name, inits: [min(max(p.initial / sigma, lo), hi)], bounds: [[lo, hi]]))
            }
        }

        // Channels, samples, modifiers.
        var channels: [PyhfWorkspace.Channel] = [], observations: [PyhfWorkspace.ObservedChannel] = []
        var channelNames = Set<String>()
        for (c, ch) in spec.channels.enumerated() {
            guard channelNames.insert(ch.name).inserted else { throw bad("channels[\(c)].name", "duplicate channel '\(ch.name)'") }
            var sampleNames = Set<String>()
            var samples: [PyhfWorkspace.Sample] = []
            for (s, sm) in ch.samples.enumerated() {
                let path = "channels[\(c)].samples[\(s)]"
                guard sampleNames.insert(sm.name).inserted else { throw bad("\(path).name", "duplicate sample '\(sm.name)' in channel '\(ch.name)'") }
                var scale = 1.0
                var modifiers: [PyhfWorkspace.Modifier] = []
                for f in sm.factors {
                    let p = params[f]!.1
                    if f == spec.poi.name {
                        modifiers.append(.normfactor(poiName))
                    } else if p.constraint.type == .gaussian {
                        let a = p.constraint.mean ?? 1, rel = p.constraint.sigma! / a
                        scale *= a
                        modifiers.append(.init(name: f, type: .normsys, data: .normsys(hi: 1 + rel, lo: 1 - rel)))
                    } else {
                        modifiers.append(.normfactor(f))
                    }
                }
                let nominal = sm.counts.map { $0 * scale }
                for h in sm.histosys ?? [] {
                    let p = params[h.parameter]!.1
                    // α_pyhf = θ/σ for θ ~ N(0, σ); fixed parameters keep their own scale.
                    let sigma = p.constraint.type == .gaussian ? p.constraint.sigma! : 1
                    let hiData = zip(sm.counts, h.up).map { scale * ($0 + sigma * ($1 - $0)) }
                    let loData = zip(sm.counts, h.down).map { scale * ($0 - sigma * ($0 - $1)) }
                    modifiers.append(.init(name: h.parameter, type: .histosys, data: .histosys(hiData: hiData, loData: loData)))
                }
                samples.append(.init(name: sm.name, data: nominal, modifiers: modifiers))
            }
            channels.append(.init(name: ch.name, samples: samples))
            observations.append(.init(name: ch.name, data: ch.observed))
        }
        let measurement = PyhfWorkspace.Measurement(name: measurementName, config: .init(poi: poiName, parameters: settings))
        return PyhfWorkspace(channels: channels, observations: observations, measurements: [measurement])
    }
}
