import CGSL

/// The result of a numerical integration: the estimate and GSL's absolute error estimate.
public struct IntegrationResult: Sendable, Equatable {
    /// The integral's estimate, in the units of f × x.
    public var value: Double
    /// GSL's estimate of the absolute error of ``value``.
    public var absError: Double
}

/// Gauss–Kronrod rule used by QAG (number of points in the Kronrod rule).
public enum GaussKronrodRule: Int32, Sendable, CaseIterable {
    case gk15 = 1, gk21 = 2, gk31 = 3, gk41 = 4, gk51 = 5, gk61 = 6
}

/// Adaptive numerical integration over GSL's QUADPACK routines.
///
/// An `Integrator` owns a GSL workspace and reuses it for every call; it is cheap to make
/// and **not** thread-safe: give each task its own. All methods throw ``GSLError`` instead
/// of aborting, e.g. for divergent integrals (`GSL_EMAXITER`, `GSL_EROUND`, `GSL_ESING`) or
/// when the integrand throws or returns a non-finite value.
///
/// ```swift
/// let integ = Integrator()
/// let r = try integ.qags(from: 0, to: 1) { 1 / $0.squareRoot() }   // 2
/// ```
public final class Integrator {
    /// Maximum number of subintervals of the adaptive workspace.
    public let limit: Int
    private let workspace: UnsafeMutablePointer<gsl_integration_workspace>
    private let cquadWorkspace: UnsafeMutablePointer<gsl_integration_cquad_workspace>

    /// Creates an integrator whose workspace holds at most `limit` subintervals.
    public init(limit: Int = 1000) {
        _ = GSLRuntime.ready
        precondition(limit > 0, "Integrator limit must be positive")
        self.limit = limit
        guard let w = gsl_integration_workspace_alloc(limit),
            let c = gsl_integration_cquad_workspace_alloc(200)
        else { fatalError("GSL could not allocate an integration workspace (out of memory)") }
        workspace = w
        cquadWorkspace = c
    }

    deinit {
        gsl_integration_workspace_free(workspace)
        gsl_integration_cquad_workspace_free(cquadWorkspace)
    }

    /// QAGS: adaptive integration on a finite interval [a, b] with extrapolation, which
    /// handles integrable end-point singularities (e.g. 1/√x at 0).
    ///
    /// ```
    /// ∫_a^b f(x) dx,  stop when |err| ≤ max(absTol, relTol·|I|)
    /// ```
    public func qags(
        from a: Double, to b: Double, absTol: Double = 0, relTol: Double = 1e-8,
        _ f: (Double) throws -> Double
    ) throws -> IntegrationResult {
        try checkRange(a, b, "gsl_integration_qags")
        return try call(f, "gsl_integration_qags") { fn, r, e in
            gsl_integration_qags(fn, a, b, absTol, relTol, limit, workspace, r, e)
        }
    }

    /// QAG: adaptive integration on [a, b] with a chosen Gauss–Kronrod rule (no
    /// extrapolation); best for smooth, oscillating integrands.
    public func qag(
        from a: Double, to b: Double, absTol: Double = 0, relTol: Double = 1e-8,
        rule: GaussKronrodRule = .gk21, _ f: (Double) throws -> Double
    ) throws -> IntegrationResult {
        try checkRange(a, b, "gsl_integration_qag")
        return try call(f, "gsl_integration_qag") { fn, r, e in
            gsl_integration_qag(fn, a, b, absTol, relTol, limit, rule.rawValue, workspace, r, e)
        }
    }

    /// QAGIU: adaptive integration on the semi-infinite interval [a, ∞), via the map
    /// x = a + (1 − t)/t onto (0, 1].
    public func qagiu(
        from a: Double, absTol: Double = 0, relTol: Double = 1e-8,
        _ f: (Double) throws -> Double
    ) throws -> IntegrationResult {
        guard a.isFinite else { throw GSLError.invalidArgument("gsl_integration_qagiu", "lower limit \(a) is not finite") }
        return try call(f, "gsl_integration_qagiu") { fn, r, e in
            gsl_integration_qagiu(fn, a, absTol, relTol, limit, workspace, r, e)
        }
    }

    /// CQUAD: doubly-adaptive Clenshaw–Curtis integration on [a, b]; robust for integrands
    /// with discontinuities or non-finite values at isolated points.
    public func cquad(
        from a: Double, to b: Double, absTol: Double = 0, relTol: Double = 1e-8,
        _ f: (Double) throws -> Double
    ) throws -> IntegrationResult {
        try checkRange(a, b, "gsl_integration_cquad")
        var nevals = 0
        return try call(f, "gsl_integration_cquad", allowNonFinite: true) { fn, r, e in
            gsl_integration_cquad(fn, a, b, absTol, relTol, cquadWorkspace, r, e, &nevals)
        }
    }

    private func checkRange(_ a: Double, _ b: Double, _ routine: String) throws {
        guard a.isFinite, b.isFinite else {
            throw GSLError.invalidArgument(routine, "integration limits [\(a), \(b)] are not finite")
        }
    }

    private func call(
        _ f: (Double) throws -> Double, _ routine: String, allowNonFinite: Bool = false,
        _ body: (UnsafeMutablePointer<gsl_function>, UnsafeMutablePointer<Double>, UnsafeMutablePointer<Double>) -> Int32
    ) throws -> IntegrationResult {
        var result = 0.0
        var err = 0.0
        try withCallback(f, allowNonFinite: allowNonFinite) { fn, box in
            let status = body(fn, &result, &err)
            if let e = box.error { throw e }
            try GSLRuntime.check(status, routine)
        }
        guard result.isFinite else {
            throw GSLError(routine: routine, status: -1, reason: "integral is not finite")
        }
        return IntegrationResult(value: result, absError: err)
    }
}
