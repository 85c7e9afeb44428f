import CGSL

/// One-dimensional root finding and minimisation by Brent's method (GSL `gsl_root_fsolver_brent`
/// and `gsl_min_fminimizer_brent`).
public enum Brent {
    /// Finds x in [lower, upper] with f(x) = 0, given that f(lower) and f(upper) differ in sign.
    ///
    /// Converges when the bracket satisfies `|b − a| < absTol + relTol·min(|a|,|b|)`
    /// (`gsl_root_test_interval`).
    /// - Throws: ``GSLError`` when the interval does not bracket a root (`GSL_EINVAL`), when
    ///   `maxIterations` is reached (`GSL_EMAXITER`) or when f throws / is not finite.
    public static func root(
        in lower: Double, _ upper: Double, absTol: Double = 1e-12, relTol: Double = 1e-10,
        maxIterations: Int = 200, _ f: (Double) throws -> Double
    ) throws -> Double {
        _ = GSLRuntime.ready
        let routine = "gsl_root_fsolver_brent"
        guard lower.isFinite, upper.isFinite, lower < upper else {
            throw GSLError.invalidArgument(routine, "bracket [\(lower), \(upper)] is not a finite, ordered interval")
        }
        guard let solver = gsl_root_fsolver_alloc(nmm_root_brent()) else {
            fatalError("GSL could not allocate a root solver")
        }
        defer { gsl_root_fsolver_free(solver) }
        return try withCallback(f) { fn, box in
            try GSLRuntime.check(gsl_root_fsolver_set(solver, fn, lower, upper), routine)
            for _ in 0..<maxIterations {
                let s = gsl_root_fsolver_iterate(solver)
                if let e = box.error { throw e }
                try GSLRuntime.check(s, routine)
                let a = gsl_root_fsolver_x_lower(solver), b = gsl_root_fsolver_x_upper(solver)
                if gsl_root_test_interval(a, b, absTol, relTol) == Int32(GSL_SUCCESS) {
                    return gsl_root_fsolver_root(solver)
                }
            }
            throw GSLError(routine: routine, status: Int32(GSL_EMAXITER))
        }
    }

    /// Finds a local minimum of f in [lower, upper], starting from `guess`, which must satisfy
    /// f(guess) < f(lower) and f(guess) < f(upper). The minimiser's location is only
    /// determined to about √ε relative precision, hence the default tolerances of 1e-7.
    /// - Returns: the minimiser x and f(x).
    public static func minimum(
        in lower: Double, _ upper: Double, guess: Double, absTol: Double = 1e-7,
        relTol: Double = 1e-7, maxIterations: Int = 200, _ f: (Double) throws -> Double
    ) throws -> (x: Double, value: Double) {
        _ = GSLRuntime.ready
        let routine = "gsl_min_fminimizer_brent"
        guard lower.isFinite, upper.isFinite, lower < guess, guess < upper else {
            throw GSLError.invalidArgument(routine, "need lower < guess < upper, got \(lower), \(guess), \(upper)")
        }
        guard let m = gsl_min_fminimizer_alloc(nmm_min_brent()) else {
            fatalError("GSL could not allocate a minimiser")
        }
        defer { gsl_min_fminimizer_free(m) }
        return try withCallback(f) { fn, box in
            let st = gsl_min_fminimizer_set(m, fn, guess, lower, upper)
            if let e = box.error { throw e }
            try GSLRuntime.check(st, routine)
            for _ in 0..<maxIterations {
                let s = gsl_min_fminimizer_iterate(m)
                if let e = box.error { throw e }
                try GSLRuntime.check(s, routine)
                let a = gsl_min_fminimizer_x_lower(m), b = gsl_min_fminimizer_x_upper(m)
                if gsl_min_test_interval(a, b, absTol, relTol) == Int32(GSL_SUCCESS) {
                    return (gsl_min_fminimizer_x_minimum(m), gsl_min_fminimizer_f_minimum(m))
                }
            }
            throw GSLError(routine: routine, status: Int32(GSL_EMAXITER))
        }
    }
}

/// Runs `body` with a `gsl_function` that calls the Swift closure `f`; a Swift error or a
/// non-finite value is recorded in the box (GSL sees NaN) for the caller to rethrow.
func withCallback<R>(
    _ f: (Double) throws -> Double, allowNonFinite: Bool = false,
    _ body: (UnsafeMutablePointer<gsl_function>, CallbackBox<(Double) throws -> Double>) throws -> R
) throws -> R {
    try withoutActuallyEscaping(f) { f in
        let box = CallbackBox<(Double) throws -> Double>(f)
        box.allowNonFinite = allowNonFinite
        return try withExtendedLifetime(box) {
            var fn = gsl_function(
                function: { x, params in
                    let box = Unmanaged<CallbackBox<(Double) throws -> Double>>
                        .fromOpaque(params!).takeUnretainedValue()
                    do {
                        let y = try box.body(x)
                        if !y.isFinite && !box.allowNonFinite && box.error == nil {
                            box.error = GSLError(
                                routine: "callback", status: -1, reason: "function returned \(y) at x = \(x)")
                        }
                        return y
                    } catch {
                        if box.error == nil { box.error = error }
                        return .nan
                    }
                },
                params: Unmanaged.passUnretained(box).toOpaque())
            return try body(&fn, box)
        }
    }
}
