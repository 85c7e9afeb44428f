import Foundation

/// The parameter of interest θ of a signal model, as the likelihood sees it: a name (the spec
/// parameter that multiplies the signal samples), a unit and a symbol for tables. The signal
/// enters as s = (θ / θ_ref)² with θ_ref the spec's reference value, so a model's samples give
/// the expected counts at θ = θ_ref (the shipped models: moments in μB, signal ∝ moment²).
///
/// Statistics only: which physics θ stands for is the signal model's business (``SignalModel``).
public struct ParameterOfInterest: Codable, Sendable, Equatable, Hashable {
    /// The spec parameter's name (snake_case, e.g. `mu_nu`).
    public var name: String
    /// The unit of θ and of its reference value, as written in output keys (e.g. `muB`).
    public var unit: String
    /// How tables write θ (e.g. `μν`, `|λ_eμ|`).
    public var symbol: String
    /// One line on what θ is, for outputs and reports.
    public var description: String?

    public init(name: String, unit: String, symbol: String, description: String? = nil) {
        self.name = name
        self.unit = unit
        self.symbol = symbol
        self.description = description
    }

    /// The default: the flavour-universal neutrino magnetic moment μν in Bohr magnetons (every
    /// spec without a `parameter_of_interest` key).
    public static let muNu = ParameterOfInterest(
        name: "mu_nu", unit: "muB", symbol: "μν",
        description: "flavour-universal (effective) neutrino magnetic moment")

    static let allowedKeys: Set<String> = ["name", "unit", "symbol", "description"]
}
