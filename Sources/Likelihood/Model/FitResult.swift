import Foundation

/// The outcome of one maximum-likelihood fit: values, uncertainties and status (in the spirit
/// of iminuit's `FMin`).
public struct FitResult: Sendable, Codable, Equatable {
    /// Parameter names, in model order.
    public var names: [String]
    /// Best-fit values in internal units (the POI as s = (μν/μ_ref)²).
    public var internalValues: [Double]
    /// Best-fit μν in μB (≥ 0).
    public var muNu: Double
    /// Hessian uncertainties of the internal values (0 for fixed parameters or at a bound).
    public var errors: [Double]
    /// −ln L at the minimum (without the data-only constant Σ ln n_i!).
    public var nll: Double
    /// Whether the minimiser met its convergence criterion.
    public var converged: Bool
    /// Iterations used (summed over restarts).
    public var iterations: Int
    /// Estimated distance to minimum, EDM = ½ gᵀ H⁻¹ g over the free parameters not on a
    /// bound, at the final point (−1 when the Hessian there is singular).
    public var edm: Double
    /// Which parameters were held fixed.
    public var fixed: [Bool]
    /// Which free parameters ended on a bound.
    public var atBound: [Bool]
    /// The algorithm that produced the minimum ("newton", "bfgs2", "simplex").
    public var method: String
    /// Notes (e.g. a fallback was used, starts disagreed).
    public var notes: [String]

    enum CodingKeys: String, CodingKey {
        case names, errors, nll, converged, iterations, edm, fixed, method, notes
        case internalValues = "internal_values"
        case muNu = "mu_nu_muB"
        case atBound = "at_bound"
    }

    /// Internal value of a named parameter.
    public func value(_ name: String) -> Double? {
        names.firstIndex(of: name).map { internalValues[$0] }
    }
}

/// A fit that could not be completed.
public struct FitError: Error, CustomStringConvertible, Sendable {
    public var message: String
    /// Whether the message stands alone (not "fit failed: …"), for failures of a study as a
    /// whole (e.g. every toy failed) rather than of one fit.
    public var standalone = false
    public init(_ message: String) { self.message = message }
    public init(study message: String) {
        self.message = message
        standalone = true
    }
    public var description: String { standalone ? message : "fit failed: \(message)" }
}
