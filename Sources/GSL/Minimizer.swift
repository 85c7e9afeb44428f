import CGSL
import Foundation

/// A box constraint on one parameter of a ``Minimizer``.
///
/// Bounds are handled by MINUIT's variable transformations (F. James, *MINUIT Reference
/// Manual*, CERN D506, §1.3), so that the GSL minimiser works on an unbounded internal x:
/// ```
/// lower a only:   p = a − 1 + √(x² + 1)
/// upper b only:   p = b + 1 − √(x² + 1)
/// both a < b:     p = a + (b − a)/2 · (sin x + 1)
/// ```
public struct ParameterBounds: Sendable, Equatable {
    /// Lower bound, or `nil` for none.
    public var lower: Double?
    /// Upper bound, or `nil` for none.
    public var upper: Double?
    public init(lower: Double? = nil, upper: Double? = nil) {
        self.lower = lower
        self.upper = upper
    }
    /// No bound.
    public static let none = ParameterBounds()
    /// p ≥ 0.
    public static let nonNegative = ParameterBounds(lower: 0)

    /// External value p from internal x.
    @inlinable public func external(_ x: Double) -> Double {
        switch (lower, upper) {
        case (nil, nil): return x
        case (let a?, nil): return a - 1 + (x * x + 1).squareRoot()
        case (nil, let b?): return b + 1 - (x * x + 1).squareRoot()
        case (let a?, let b?): return a + (b - a) / 2 * (sin(x) + 1)
        }
    }
    /// dp/dx at internal x.
    @inlinable public func derivative(_ x: Double) -> Double {
        switch (lower, upper) {
        case (nil, nil): return 1
        case (.some, nil): return x / (x * x + 1).squareRoot()
        case (nil, .some): return -x / (x * x + 1).squareRoot()
        case (let a?, let b?): return (b - a) / 2 * cos(x)
        }
    }
    /// Internal x from external value p (p is clamped into the bounds first).
    @inlinable public func `internal`(_ p: Double) -> Double {
        switch (lower, upper) {
        case (nil, nil): return p
        case (let a?, nil):
            let q = max(p - a + 1, 1)
            return (q * q - 1).squareRoot()
        case (nil, let b?):
            let q = max(b - p + 1, 1)
            return (q * q - 1).squareRoot()
        case (let a?, let b?):
            let t = min(max(2 * (p - a) / (b - a) - 1, -1), 1)
            return asin(t)
        }
    }
}

/// The outcome of a multidimensional minimisation.
public struct MinimizationResult: Sendable, Equatable {
    /// The parameters at the minimum (external, i.e. within the bounds).
    public var x: [Double]
    /// The function value at ``x``.
    public var value: Double
    /// Iterations used.
    public var iterations: Int
    /// `true` when the convergence test passed (gradient norm for BFGS2, simplex size for
    /// the simplex) before `maxIterations`.
    public var converged: Bool
    /// The final convergence measure: the internal gradient's Euclidean norm (BFGS2) or the
    /// simplex's characteristic size (simplex).
    public var convergenceMeasure: Double
    /// Why the iteration stopped, in words.
    public var stopReason: String
}

/// Multidimensional minimisation over GSL's `gsl_multimin` (Nelder–Mead simplex `nmsimplex2`,
/// and `vector_bfgs2` with an analytic or a central-difference numerical gradient).
///
/// A `Minimizer` keeps its GSL state and scratch buffers between calls, so repeated fits of
/// the same dimension allocate nothing; it is **not** thread-safe: one per task.
public final class Minimizer {
    /// The algorithm.
    public enum Method: Sendable, Equatable {
        /// Derivative-free Nelder–Mead simplex; `step` is the initial step in internal units.
        case simplex(step: Double = 0.1)
        /// BFGS (Fletcher's variant, `vector_bfgs2`); `step` is the first trial step size and
        /// `lineTolerance` the line-search accuracy (GSL recommends 0.1).
        case bfgs2(step: Double = 0.01, lineTolerance: Double = 0.1)
    }

    /// The number of parameters.
    public let dimension: Int
    private var simplex: UnsafeMutablePointer<gsl_multimin_fminimizer>?
    private var bfgs: UnsafeMutablePointer<gsl_multimin_fdfminimizer>?
    private let xv: UnsafeMutablePointer<gsl_vector>
    private let stepv: UnsafeMutablePointer<gsl_vector>

    /// Creates a minimiser for functions of `dimension` parameters.
    public init(dimension: Int) {
        _ = GSLRuntime.ready
        precondition(dimension > 0, "Minimizer dimension must be positive")
        self.dimension = dimension
        xv = gsl_vector_alloc(dimension)
        stepv = gsl_vector_alloc(dimension)
    }

    deinit {
        if let s = simplex { gsl_multimin_fminimizer_free(s) }
        if let b = bfgs { gsl_multimin_fdfminimizer_free(b) }
        gsl_vector_free(xv)
        gsl_vector_free(stepv)
    }

    /// Minimises f from `start`.
    ///
    /// - Parameters:
    ///   - start: starting point (external parameters), inside `bounds`.
    ///   - bounds: one ``ParameterBounds`` per parameter, or `nil` for none.
    ///   - tolerance: BFGS2: stop when ‖∇f‖ (internal) < tolerance; simplex: when the
    ///     simplex size < tolerance.
    ///   - f: the objective; it must be finite at `start`.
    ///   - gradient: writes ∂f/∂p into its second argument; `nil` uses central differences
    ///     (BFGS2 only).
    /// - Returns: the minimum; `converged == false` when `maxIterations` ran out or BFGS2
    ///   stopped making progress with a large gradient.
    /// - Throws: ``GSLError`` when f is not finite at the start, when the dimension is wrong,
    ///   or when GSL reports an error other than "no progress".
    public func minimize(
        start: [Double], bounds: [ParameterBounds]? = nil, method: Method = .bfgs2(),
        tolerance: Double = 1e-6, maxIterations: Int = 1000,
        f: ([Double]) -> Double, gradient: (([Double], inout [Double]) -> Void)? = nil
    ) throws -> MinimizationResult {
        let n = dimension
        let routine = method.routineName
        guard start.count == n else {
            throw GSLError.invalidArgument(routine, "start has \(start.count) parameters, expected \(n)")
        }
        let b = bounds ?? Array(repeating: .none, count: n)
        guard b.count == n else {
            throw GSLError.invalidArgument(routine, "\(b.count) bounds for \(n) parameters")
        }
        return try withoutActuallyEscaping(f) { f in
            try withoutActuallyEscaping(gradient ?? { _, _ in }) { g in
                let problem = Problem(n: n, bounds: b, f: f, gradient: gradient == nil ? nil : g)
                for i in 0..<n { gsl_vector_set(xv, i, b[i].internal(start[i])) }
                let f0 = problem.objective(xv)
                guard f0.isFinite else {
                    throw GSLError(routine: routine, status: -1, reason: "objective is \(f0) at the starting point \(start)")
                }
                return try withExtendedLifetime(problem) {
                    let params = Unmanaged.passUnretained(problem).toOpaque()
                    switch method {
                    case .simplex(let step):
                        return try runSimplex(problem, params, step, tolerance, maxIterations)
                    case .bfgs2(let step, let lineTol):
                        return try runBFGS(problem, params, step, lineTol, tolerance, maxIterations)
                    }
                }
            }
        }
    }

    private func runSimplex(
        _ p: Problem, _ params: UnsafeMutableRawPointer, _ step: Double, _ tol: Double, _ maxIt: Int
    ) throws -> MinimizationResult {
        if simplex == nil { simplex = gsl_multimin_fminimizer_alloc(nmm_multimin_nmsimplex2(), dimension) }
        guard let s = simplex else { fatalError("GSL could not allocate a simplex minimiser") }
        var fn = gsl_multimin_function(
            f: { x, params in Problem.from(params).objective(x!) }, n: dimension, params: params)
        gsl_vector_set_all(stepv, step)
        try GSLRuntime.check(gsl_multimin_fminimizer_set(s, &fn, xv, stepv), "gsl_multimin_fminimizer_set")
        var it = 0
        var size = Double.infinity
        var converged = false
        var reason = "maximum iterations reached"
        while it < maxIt {
            it += 1
            let st = gsl_multimin_fminimizer_iterate(s)
            if st != Int32(GSL_SUCCESS) {
                reason = String(cString: gsl_strerror(st))
                break
            }
            size = gsl_multimin_fminimizer_size(s)
            if gsl_multimin_test_size(size, tol) == Int32(GSL_SUCCESS) {
                converged = true
                reason = "simplex size below tolerance"
                break
            }
        }
        let xm = gsl_multimin_fminimizer_x(s)!
        return p.result(xm, value: gsl_multimin_fminimizer_minimum(s), iterations: it,
                        converged: converged, measure: size, reason: reason)
    }

    private func runBFGS(
        _ p: Problem, _ params: UnsafeMutableRawPointer, _ step: Double, _ lineTol: Double,
        _ tol: Double, _ maxIt: Int
    ) throws -> MinimizationResult {
        if bfgs == nil { bfgs = gsl_multimin_fdfminimizer_alloc(nmm_multimin_bfgs2(), dimension) }
        guard let s = bfgs else { fatalError("GSL could not allocate a BFGS2 minimiser") }
        var fdf = gsl_multimin_function_fdf(
            f: { x, params in Problem.from(params).objective(x!) },
            df: { x, params, g in _ = Problem.from(params).objectiveAndGradient(x!, g!) },
            fdf: { x, params, fx, g in fx!.pointee = Problem.from(params).objectiveAndGradient(x!, g!) },
            n: dimension, params: params)
        try GSLRuntime.check(
            gsl_multimin_fdfminimizer_set(s, &fdf, xv, step, lineTol), "gsl_multimin_fdfminimizer_set")
        var it = 0
        var gnorm = gsl_blas_dnrm2_safe(gsl_multimin_fdfminimizer_gradient(s)!)
        var converged = gnorm < tol
        var reason = converged ? "gradient below tolerance" : "maximum iterations reached"
        while !converged && it < maxIt {
            it += 1
            let st = gsl_multimin_fdfminimizer_iterate(s)
            gnorm = gsl_blas_dnrm2_safe(gsl_multimin_fdfminimizer_gradient(s)!)
            if gsl_multimin_test_gradient(gsl_multimin_fdfminimizer_gradient(s), tol) == Int32(GSL_SUCCESS) {
                converged = true
                reason = "gradient below tolerance"
                break
            }
            if st != Int32(GSL_SUCCESS) {
                // GSL_ENOPROG: the line search cannot improve f. At a minimum found to
                // machine precision that is success; judge by the gradient.
                converged = gnorm < tol * 100
                reason = String(cString: gsl_strerror(st))
                break
            }
        }
        let fx = gsl_multimin_fdfminimizer_minimum(s)
        guard fx.isFinite else {
            throw GSLError(routine: "gsl_multimin_fdfminimizer_vector_bfgs2", status: -1,
                           reason: "objective became \(fx) during the minimisation")
        }
        return p.result(gsl_multimin_fdfminimizer_x(s)!, value: fx, iterations: it,
                        converged: converged, measure: gnorm, reason: reason)
    }
}

extension Minimizer.Method {
    var routineName: String {
        switch self {
        case .simplex: "gsl_multimin_fminimizer_nmsimplex2"
        case .bfgs2: "gsl_multimin_fdfminimizer_vector_bfgs2"
        }
    }
}

/// ‖v‖₂ without touching CBLAS (keeps the hot path in Swift).
@inline(__always)
func gsl_blas_dnrm2_safe(_ v: UnsafeMutablePointer<gsl_vector>) -> Double {
    var s = 0.0
    let n = v.pointee.size, st = v.pointee.stride
    let d = v.pointee.data!
    for i in 0..<n { let e = d[i * st]; s += e * e }
    return s.squareRoot()
}

/// The objective as seen by GSL: maps internal x to external p, calls the Swift closures,
/// and applies the chain rule to the gradient. Scratch buffers are reused between calls.
private final class Problem {
    let n: Int
    let bounds: [ParameterBounds]
    let f: ([Double]) -> Double
    let gradient: (([Double], inout [Double]) -> Void)?
    var p: [Double]
    var g: [Double]

    init(n: Int, bounds: [ParameterBounds], f: @escaping ([Double]) -> Double,
         gradient: (([Double], inout [Double]) -> Void)?) {
        self.n = n
        self.bounds = bounds
        self.f = f
        self.gradient = gradient
        p = Array(repeating: 0, count: n)
        g = Array(repeating: 0, count: n)
    }

    static func from(_ params: UnsafeMutableRawPointer?) -> Problem {
        Unmanaged<Problem>.fromOpaque(params!).takeUnretainedValue()
    }

    func load(_ x: UnsafePointer<gsl_vector>) {
        let st = x.pointee.stride
        let d = x.pointee.data!
        for i in 0..<n { p[i] = bounds[i].external(d[i * st]) }
    }

    func objective(_ x: UnsafePointer<gsl_vector>) -> Double {
        load(x)
        let v = f(p)
        return v.isFinite ? v : .nan
    }

    func objectiveAndGradient(_ x: UnsafePointer<gsl_vector>, _ out: UnsafeMutablePointer<gsl_vector>) -> Double {
        load(x)
        let fx = f(p)
        if let gradient {
            gradient(p, &g)
        } else {
            // Central differences in external parameters.
            for i in 0..<n {
                let pi = p[i]
                let h = 1e-6 * max(1, abs(pi))
                p[i] = pi + h
                let fp = f(p)
                p[i] = pi - h
                let fm = f(p)
                p[i] = pi
                g[i] = (fp - fm) / (2 * h)
            }
        }
        let xs = x.pointee.stride, os = out.pointee.stride
        let xd = x.pointee.data!
        let od = out.pointee.data!
        for i in 0..<n { od[i * os] = g[i] * bounds[i].derivative(xd[i * xs]) }
        return fx.isFinite ? fx : .nan
    }

    func result(_ x: UnsafeMutablePointer<gsl_vector>, value: Double, iterations: Int,
                converged: Bool, measure: Double, reason: String) -> MinimizationResult {
        load(x)
        return MinimizationResult(x: p, value: value, iterations: iterations, converged: converged,
                                  convergenceMeasure: measure, stopReason: reason)
    }
}
