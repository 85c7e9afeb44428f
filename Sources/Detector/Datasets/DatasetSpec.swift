import Formats
import Foundation


/// The versioned description of an experiment's dataset (`data/<name>/dataset.json` or
/// `.yaml`): where the observed data, backgrounds and efficiency are, the exposure, the
/// resolution and the constraints. Validated on load (``DatasetSpec/load(from:)``).
///
/// Version 1 keys (all energies keV, exposure tonne·year; the full reference with types,
/// defaults and meanings is `docs/datasets.md`):
/// ```
/// nmmfit_dataset: 1            name, title, reference, notes?, experiment?, display_name?
/// provenance: official|digitised (required)   assumptions?: [text]
/// exposure_tonne_year          exposure_source?      resolution: {a, b, source}
/// efficiency: {file, energy: true|reconstructed, energy_column?, value_column, sigma_up_column?,
///              sigma_down_column?, relative_constraint?, extend_to_keV?, energy_scale?, source}
/// observed: {file, kind: binned|events, column, allow_non_integer?}
/// backgrounds: [{name, role?: background|tritium, file, kind: binned|rate, column, constraint: {type: gaussian|free|fixed,
///               relative_sigma?}, enabled_by_default?, includes_solar_weak (required), source?}]
/// default_window_keV: [lo, hi]   default_bin_width_keV?
/// ```
public struct DatasetSpec: Codable, Sendable, Equatable {
    /// The spec versions this build understands.
    public static let supportedVersions = [1]

    public var nmmfitDataset: Int
    public var name: String
    public var title: String
    public var reference: String
    public var notes: String?
    /// Short experiment name for listings (e.g. "LZ"); default: the title.
    public var experiment: String?
    /// The name figures and reports show (e.g. "XENON1T SR1"); default: ``shownName``'s rule.
    public var displayName: String?
    /// Whether the numbers are an official release or digitised from a paper's figures
    /// (required: digitised data are flagged in every result they enter).
    public var provenance: Provenance?
    /// Modelling assumptions not stated by the source, one sentence each (for `datasets show`).
    public var assumptions: [String]?
    public var exposureTonneYear: Double
    /// Where the exposure comes from (or "assumption").
    public var exposureSource: String?
    public var resolution: Resolution
    public var efficiency: EfficiencySpec
    public var observed: Observed
    public var backgrounds: [Background]
    public var defaultWindowKeV: [Double]
    public var defaultBinWidthKeV: Double?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case nmmfitDataset = "nmmfit_dataset"
        case name
        case title
        case reference
        case notes
        case experiment
        case displayName = "display_name"
        case provenance
        case assumptions
        case exposureTonneYear = "exposure_tonne_year"
        case exposureSource = "exposure_source"
        case resolution
        case efficiency
        case observed
        case backgrounds
        case defaultWindowKeV = "default_window_keV"
        case defaultBinWidthKeV = "default_bin_width_keV"
    }

    /// Where a dataset's numbers come from.
    public enum Provenance: String, Codable, Sendable {
        /// Released by the collaboration (data files, HEPData, a data-release repository).
        case official
        /// Read off a paper's figures by someone else; not an official release.
        case digitised
    }

    /// Whether the dataset is digitised (not an official release).
    public var isDigitised: Bool { provenance == .digitised }

    public struct Resolution: Codable, Sendable, Equatable {
        public var a: Double
        public var b: Double
        public var source: String
        enum CodingKeys: String, CodingKey, CaseIterable { case a, b, source }
    }

    public struct EfficiencySpec: Codable, Sendable, Equatable {
        public var file: String
        public var energy: EfficiencyEnergy
        public var energyColumn: String?
        public var valueColumn: String
        public var sigmaUpColumn: String?
        public var sigmaDownColumn: String?
        /// Gaussian constraint on an overall efficiency scale (e.g. 0.03).
        public var relativeConstraint: Double?
        /// Hold the last value flat up to this energy (keV) when the table ends just short.
        public var extendToKeV: Double?
        /// The table's energies are multiplied by this factor (default 1): a shift of the
        /// efficiency curve in energy, for digitised curves whose energy scale is uncertain.
        public var energyScale: Double?
        public var source: String
        enum CodingKeys: String, CodingKey, CaseIterable {
            case file
            case energy
            case energyColumn = "energy_column"
            case valueColumn = "value_column"
            case sigmaUpColumn = "sigma_up_column"
            case sigmaDownColumn = "sigma_down_column"
            case relativeConstraint = "relative_constraint"
            case extendToKeV = "extend_to_keV"
            case energyScale = "energy_scale"
            case source
        }
    }

    public enum DataKind: String, Codable, Sendable {
        /// Rows with E_lo_keV, E_hi_keV and a counts column.
        case binned
        /// One reconstructed energy (keV) per row.
        case events
        /// Rows with E_lo_keV, E_hi_keV and a rate in events/(t·y·keV) (for backgrounds).
        case rate
    }

    public struct Observed: Codable, Sendable, Equatable {
        public var file: String
        public var kind: DataKind
        public var column: String
        /// Digitised spectra have non-integer "counts"; only then are they accepted.
        public var allowNonInteger: Bool?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case file
            case kind
            case column
            case allowNonInteger = "allow_non_integer"
        }
    }

    /// How a background amplitude is constrained in the fit (`constraint` of a background).
    public struct BackgroundConstraint: Codable, Sendable, Equatable {
        public enum Kind: String, Codable, Sendable { case gaussian, free, fixed }
        public var type: Kind
        public var relativeSigma: Double?
        enum CodingKeys: String, CodingKey, CaseIterable {
            case type
            case relativeSigma = "relative_sigma"
        }
    }

    /// What a background component is in the fit (`role`; absent: ``background``). The name
    /// decides nothing.
    public enum Role: String, Codable, Sendable, CaseIterable {
        /// Part of the background model (on unless `enabled_by_default` is false).
        case background
        /// The tritium hypothesis of a background-hypothesis test: left out unless asked for
        /// (free amplitude ≥ 0 then).
        case tritium
    }

    public struct Background: Codable, Sendable, Equatable {
        public var name: String
        /// The component's role (absent: ``Role/background``, whatever the name: specs written
        /// before the key keep every component in the background model).
        public var role: Role?
        public var file: String
        public var kind: DataKind
        public var column: String
        public var constraint: BackgroundConstraint
        public var enabledByDefault: Bool?
        /// Whether this component already contains the SM ν–e weak scattering of solar
        /// neutrinos (then only the magnetic term may be added as a signal).
        public var includesSolarWeak: Bool?
        public var source: String?
        /// The declared role, or ``Role/background`` when the spec gives none.
        public var effectiveRole: Role { role ?? .background }
        /// Whether this component is the tritium hypothesis (declared, never from the name).
        public var isTritiumHypothesis: Bool { effectiveRole == .tritium }
        enum CodingKeys: String, CodingKey, CaseIterable {
            case name
            case role
            case file
            case kind
            case column
            case constraint
            case enabledByDefault = "enabled_by_default"
            case includesSolarWeak = "includes_solar_weak"
            case source
        }
    }

    /// Allowed keys per object path, for rejecting unknown keys (typos) with their path: the
    /// coding keys of the types themselves, so the format is defined once (the JSON Schema and
    /// the tables of docs/datasets.md are checked against these by the tests).
    public static let allowedKeys: [String: Set<String>] = [
        "": keys(CodingKeys.self),
        "resolution": keys(Resolution.CodingKeys.self),
        "efficiency": keys(EfficiencySpec.CodingKeys.self),
        "observed": keys(Observed.CodingKeys.self),
        "backgrounds[]": keys(Background.CodingKeys.self),
        "backgrounds[].constraint": keys(BackgroundConstraint.CodingKeys.self),
    ]

    private static func keys<K: CodingKey & CaseIterable>(_: K.Type) -> Set<String> { Set(K.allCases.map(\.stringValue)) }

    /// The name figures and reports show: `display_name` when given, else the leading name of
    /// the title (the words before the first one that starts in lower case or with a bracket:
    /// "XENON1T SR1 low-energy electronic recoils (1-30 keV)" → "XENON1T SR1"), else
    /// `experiment`, else `name`.
    public var shownName: String {
        let leading = title.split(separator: " ").prefix { w in
            guard let c = w.first else { return false }
            return !(c.isLowercase || c == "(")
        }.joined(separator: " ")
        return [displayName, leading, experiment].compactMap { $0?.trimmingCharacters(in: .whitespacesAndNewlines) }
            .first { !$0.isEmpty } ?? name
    }

    /// Loads and validates a spec from a `.json`, `.yaml` or `.yml` file.
    public static func load(from url: URL) throws -> DatasetSpec {
        let data = try TextInput.readData(path: url.path, what: "dataset spec", limit: .datasetSpecBytes)
        return try decode(data, file: url.path, yaml: ["yaml", "yml"].contains(url.pathExtension.lowercased()))
    }

    /// Decodes and validates spec bytes (JSON, or YAML when `yaml`); `file` names it in errors.
    public static func decode(_ data: Data, file: String, yaml: Bool) throws -> DatasetSpec {
        let spec: DatasetSpec = try SpecDecoding.decode(
            data, file: file, yaml: yaml, allowedKeys: allowedKeys, versionKey: "nmmfit_dataset", supported: supportedVersions,
            limit: .datasetSpecBytes)
        try spec.validate(file: file)
        return spec
    }

    /// Checks values (ranges, signs) after decoding.
    public func validate(file: String) throws {
        func bad(_ field: String, _ msg: String) -> InputError { InputError(file: file, field: field, msg) }
        guard Self.supportedVersions.contains(nmmfitDataset) else {
            throw bad("nmmfit_dataset", "spec version \(nmmfitDataset) is not supported (supported: \(Self.supportedVersions))")
        }
        if let problem = DataLocator.nameProblem(name) {
            throw bad("name", "\(InputError.excerpt(name)) is not a dataset name: \(problem)")
        }
        guard provenance != nil else {
            throw bad("provenance", "required key is missing: say \"official\" (a collaboration release) or \"digitised\" (read off a paper's figures); digitised data are flagged in every result they enter")
        }
        guard exposureTonneYear > 0, exposureTonneYear <= ResourceLimit.maxExposureTonneYear else {
            throw bad("exposure_tonne_year", "exposure must be positive and at most \(ResourceLimit.maxExposureTonneYear) tonne·year, got \(exposureTonneYear)")
        }
        guard resolution.a.isFinite, resolution.b.isFinite, resolution.a >= 0, resolution.b >= 0,
              resolution.a + resolution.b > 0
        else { throw bad("resolution", "a and b must be ≥ 0 and not both zero") }
        guard resolution.a <= 100, resolution.b <= 10 else {
            throw bad("resolution", "σ = a√E + bE needs a ≤ 100 √keV and b ≤ 10 (got a = \(resolution.a), b = \(resolution.b))")
        }
        if let k = efficiency.energyScale, !(k > 0 && k.isFinite) {
            throw bad("efficiency.energy_scale", "must be a positive factor (1 = as tabulated), got \(k)")
        }
        if let c = efficiency.relativeConstraint, !(c > 0 && c.isFinite) {
            throw bad("efficiency.relative_constraint", "must be positive, got \(c)")
        }
        guard defaultWindowKeV.count == 2, defaultWindowKeV[0] < defaultWindowKeV[1], defaultWindowKeV[0] > 0 else {
            throw bad("default_window_keV", "must be [lo, hi] with 0 < lo < hi")
        }
        if let w = defaultBinWidthKeV, !(w > 0) { throw bad("default_bin_width_keV", "must be positive") }
        guard !backgrounds.isEmpty else { throw bad("backgrounds", "at least one background is required") }
        for (i, b) in backgrounds.enumerated() {
            if b.constraint.type == .gaussian {
                guard let s = b.constraint.relativeSigma, s > 0, s.isFinite else {
                    throw bad("backgrounds[\(i)].constraint.relative_sigma", "a gaussian constraint needs a positive relative_sigma")
                }
            }
            if b.kind == .events { throw bad("backgrounds[\(i)].kind", "a background must be 'binned' or 'rate'") }
            if b.isTritiumHypothesis && b.enabledByDefault == true {
                throw bad("backgrounds[\(i)].enabled_by_default", "a component with role 'tritium' is the tritium hypothesis, which is left out unless asked for; it cannot be enabled by default (give it role 'background' to make it part of the background model)")
            }
            if b.includesSolarWeak == nil {
                throw bad("backgrounds[\(i)].includes_solar_weak", "required key is missing: say true if '\(b.name)' already contains the SM solar-ν electron scattering (then only the magnetic term is added), false if not (then nmmfit adds the SM weak term); a silent default would double-count or drop that term")
            }
        }
        if observed.kind == .rate { throw bad("observed.kind", "observed data must be 'binned' or 'events'") }
        if let d = displayName {
            guard !d.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, d.count <= 64 else {
                throw bad("display_name", "must be a non-empty name of at most 64 characters (figures show it), got \(InputError.excerpt(d))")
            }
        }
    }
}

