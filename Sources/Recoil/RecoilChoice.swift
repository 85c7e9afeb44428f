import Foundation

/// The recoil physics as every front end names it (the CLI's physics options, the C interface's
/// request keys): atomic binding ("free", "stepping" or a table file), Standard Solar Model,
/// sources, and an optional constant survival probability. The one place that turns these
/// choices into a ``RecoilModel``.
public struct RecoilChoice: Sendable {
    /// "free", "stepping", or the path of an atomic-binding table (``AtomicBinding/load(from:)``).
    public var atomic: String
    public var solarModel: SolarModel
    public var sources: [SolarSource]
    /// A constant P_ee in [0, 1] instead of MSW-LMA; nil: the standard survival probability.
    public var constantPee: Double?

    /// The built-in atomic-binding choices (anything else is a table file).
    public static let builtInAtomic = ["free", "stepping"]

    public init(atomic: String = "stepping", solarModel: SolarModel = .b16gs98, sources: [SolarSource] = SolarSource.allCases,
                constantPee: Double? = nil) {
        self.atomic = atomic
        self.solarModel = solarModel
        self.sources = sources
        self.constantPee = constantPee
    }

    /// The atomic-binding table file read, if any (for provenance).
    public var atomicTableFile: String? { Self.builtInAtomic.contains(atomic) ? nil : atomic }

    public func binding() throws -> AtomicBinding {
        switch atomic {
        case "free": .free
        case "stepping": .stepping
        default: try AtomicBinding.load(from: URL(fileURLWithPath: atomic))
        }
    }

    public func model() throws -> RecoilModel {
        RecoilModel(solarModel: solarModel, sources: sources, survival: constantPee.map { .constant($0) } ?? .standard,
                    binding: try binding())
    }
}
