import Detector
import Foundation

/// How a dataset whose background model is undecided enters a combination of two or more
/// datasets. Today that is a dataset whose spec lists a ³H (tritium) background as an optional
/// alternative hypothesis (`enabled_by_default: false`): XENON1T SR1, whose paper
/// (PRD 102 (2020) 072004) explains its 1–7 keV excess either by ³H or by new physics and cannot
/// separate the two. The policy was declared in the README before the combined result under it
/// was computed; it changes nothing in a single-dataset fit.
public enum CombinationPolicy: String, Sendable, CaseIterable, Codable {
    /// Such datasets enter with their ³H amplitude free (≥ 0): the collaboration's own
    /// alternative hypothesis. The default.
    case tritiumFree = "tritium-free"
    /// Every dataset as in its single fit (³H fixed to 0 unless tritium is freed for all).
    case tritiumZero = "tritium-zero"
    /// Such datasets are left out of the combination.
    case exclude

    public static let `default`: CombinationPolicy = .tritiumFree

    /// Whether a dataset has an open ³H hypothesis: a tritium background that is off by default.
    public static func hasOpenTritium(_ spec: DatasetSpec) -> Bool {
        spec.backgrounds.contains { $0.isTritiumHypothesis }
    }

    /// One sentence saying what the policy did to the named datasets (those with an open ³H
    /// hypothesis), for tables, reports and the JSON.
    public func description(affected: [String]) -> String {
        let list = affected.isEmpty ? "none of these datasets" : affected.joined(separator: ", ")
        switch self {
        case .tritiumFree:
            return "\(rawValue): datasets with an open ³H hypothesis (\(list)) enter with the ³H amplitude free (≥ 0), their collaboration's alternative background model"
        case .tritiumZero:
            return "\(rawValue): every dataset as in its single fit; ³H of \(list) fixed to 0 (the B0-only hypothesis) unless tritium is freed for all"
        case .exclude:
            return "\(rawValue): datasets with an open ³H hypothesis (\(list)) are left out"
        }
    }

    /// What a combination's output records about its policy.
    public struct Record: Codable, Sendable {
        public var name: CombinationPolicy
        public var description: String
        /// Datasets given with an open ³H hypothesis (those the policy acts on).
        public var openTritiumDatasets: [String]
        /// Datasets that entered with ³H free because of the policy.
        public var tritiumFreeDatasets: [String]
        /// Datasets left out because of the policy.
        public var excludedDatasets: [String]
        /// The shared atomic-binding nuisance's name when the combination carries it.
        public var atomicNuisance: String?
        enum CodingKeys: String, CodingKey {
            case name, description
            case openTritiumDatasets = "open_tritium_datasets"
            case tritiumFreeDatasets = "tritium_free_datasets"
            case excludedDatasets = "excluded_datasets"
            case atomicNuisance = "atomic_nuisance"
        }
    }
}
