import Foundation

/// When the model carries the shared atomic-binding nuisance of ``ModelBuilder/atomicNuisance``.
public enum AtomicNuisanceChoice: String, Sendable, CaseIterable, Codable {
    /// In fits of two or more datasets (one nuisance shared by all), not in single fits. The default.
    case auto
    /// Always, also for a single dataset.
    case on
    /// Never: the binding is the fixed choice of the recoil model.
    case off

    /// Whether a fit of `datasets` datasets carries the nuisance.
    public func applies(datasets: Int) -> Bool {
        switch self {
        case .auto: datasets >= 2
        case .on: true
        case .off: false
        }
    }
}
