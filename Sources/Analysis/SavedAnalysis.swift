import Detector
import Formats
import Foundation
import Likelihood

/// What a `fit` did beyond its model, saved as the `analysis` object of a model spec (version 2)
/// so that `fit --spec` reproduces every number of that run: the confidence level and interval
/// method, the datasets behind the channels (and which are digitised), the dataset spec changes,
/// and for two or more datasets the combination policy applied and the compatibility toys and
/// their seed. The models of the per-dataset fits and of the compatibility test are derived from
/// the spec's model (``ModelSpec/channelOnly(_:)``,
/// ``ModelSpec/separatingParameterOfInterest(name:)``), as the original run derives them.
public struct SavedAnalysis: Codable, Sendable {
    /// One channel's dataset.
    public struct DatasetEntry: Codable, Sendable, Equatable {
        public var name: String
        /// "official" or "digitised".
        public var provenance: String
        public init(name: String, provenance: String) {
            self.name = name
            self.provenance = provenance
        }
    }

    /// The compatibility toys of a combination: `"adaptive"`, or a number (0: none).
    public enum Toys: Codable, Sendable, Equatable {
        case adaptive
        case count(Int)

        public init(_ plan: CompatibilityTest.ToyPlan) {
            switch plan {
            case .adaptive: self = .adaptive
            case .none: self = .count(0)
            case .fixed(let n): self = .count(n)
            }
        }

        public var plan: CompatibilityTest.ToyPlan {
            switch self {
            case .adaptive: .adaptive
            case .count(0): CompatibilityTest.ToyPlan.none
            case .count(let n): .fixed(n)
            }
        }

        public init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let n = try? c.decode(Int.self) { self = .count(n); return }
            guard try c.decode(String.self) == "adaptive" else {
                throw DecodingError.dataCorruptedError(in: c, debugDescription: "must be \"adaptive\" or a number of toys ≥ 0")
            }
            self = .adaptive
        }

        public func encode(to encoder: Encoder) throws {
            var c = encoder.singleValueContainer()
            switch self {
            case .adaptive: try c.encode("adaptive")
            case .count(let n): try c.encode(n)
            }
        }
    }

    /// Confidence level of the intervals and limits.
    public var cl: Double
    /// The interval method (``AsymptoticInterval/Method`` raw value).
    public var intervalMethod: String
    /// The dataset of each channel, in the model's channel order.
    public var datasets: [DatasetEntry]
    /// The dataset spec changes (`NAME.KEY=VALUE`), when there were any.
    public var specOverrides: [String]?
    /// Two or more datasets: how datasets with an open ³H hypothesis entered.
    public var combinationPolicy: CombinationPolicy.Record?
    /// Two or more datasets: the compatibility toys asked for and their seed.
    public var compatibilityToys: Toys?
    public var seed: UInt64?
    /// A fit of one element of a moment matrix: what its re-run needs beyond the element's model.
    public var momentElement: MomentElement?

    public init(cl: Double, intervalMethod: AsymptoticInterval.Method, datasets: [DatasetEntry], specOverrides: [String]? = nil,
                combinationPolicy: CombinationPolicy.Record? = nil, compatibilityToys: Toys? = nil, seed: UInt64? = nil) {
        self.cl = cl
        self.intervalMethod = intervalMethod.rawValue
        self.datasets = datasets
        self.specOverrides = specOverrides
        self.combinationPolicy = combinationPolicy
        self.compatibilityToys = compatibilityToys
        self.seed = seed
    }

    enum CodingKeys: String, CodingKey {
        case cl, datasets, seed
        case intervalMethod = "interval_method"
        case specOverrides = "spec_overrides"
        case combinationPolicy = "combination_policy"
        case compatibilityToys = "compatibility_toys"
        case momentElement = "moment_element"
    }

    /// The keys of the `analysis` object, by path (for ``SpecDecoding``).
    public static let allowedKeys: [String: Set<String>] = [
        "analysis": ["cl", "interval_method", "datasets", "spec_overrides", "combination_policy", "compatibility_toys", "seed",
                     "moment_element"],
        "analysis.datasets[]": ["name", "provenance"],
        "analysis.combination_policy": ["name", "description", "open_tritium_datasets", "tritium_free_datasets",
                                        "excluded_datasets", "atomic_nuisance"],
    ].merging(momentElementKeys) { a, _ in a }

    /// The confidence levels the interval constructions handle (as the CLI's `--cl`).
    public static let clRange = 0.5...0.999999

    /// The interval method.
    public var method: AsymptoticInterval.Method {
        get throws {
            guard let m = AsymptoticInterval.Method(rawValue: intervalMethod) else {
                throw InputError(field: "analysis.interval_method", "unknown interval method \(InputError.excerpt(intervalMethod)) (known: \(AsymptoticInterval.Method.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            return m
        }
    }

    /// The names of the digitised datasets among the channels.
    public var digitisedDatasets: [String] {
        datasets.filter { $0.provenance == DatasetSpec.Provenance.digitised.rawValue }.map(\.name)
    }

    /// Whether this is a combination (two or more datasets).
    public var isCombination: Bool { datasets.count >= 2 }

    /// Checks the section against its model; errors name the key path.
    public func validate(model: ModelSpec, file: String?) throws {
        func bad(_ f: String, _ m: String) -> InputError { InputError(file: file, field: "analysis.\(f)", m) }
        guard Self.clRange.contains(cl) else { throw bad("cl", "must be in [\(Self.clRange.lowerBound), \(Self.clRange.upperBound)], got \(cl)") }
        do { _ = try method } catch let e as InputError { throw InputError(file: file, field: e.field, e.text) }
        let channels = model.channels.map(\.name)
        guard datasets.map(\.name) == channels else {
            throw bad("datasets", "names [\(datasets.map(\.name).joined(separator: ", "))] must be the model's channels in order [\(channels.joined(separator: ", "))]")
        }
        let kinds = [DatasetSpec.Provenance.official.rawValue, DatasetSpec.Provenance.digitised.rawValue]
        for (k, d) in datasets.enumerated() where !kinds.contains(d.provenance) {
            throw bad("datasets[\(k)].provenance", "must be one of \(kinds.joined(separator: ", ")), got \(InputError.excerpt(d.provenance))")
        }
        if !isCombination {
            for (key, given) in [("combination_policy", combinationPolicy != nil), ("compatibility_toys", compatibilityToys != nil), ("seed", seed != nil)] where given {
                throw bad(key, "applies only to a combination (two or more datasets); this spec has one channel")
            }
        }
        if let momentElement { try validateMomentElement(momentElement, model: model, file: file) }
        if case .count(let n)? = compatibilityToys {
            guard n >= 0 else { throw bad("compatibility_toys", "must be \"adaptive\" or a number of toys ≥ 0, got \(n)") }
            try ResourceLimit.toys.check(n, option: "analysis.compatibility_toys", file: file)
        }
    }
}
