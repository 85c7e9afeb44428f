import CGSL

/// Interpolation of tabulated data y(x) (GSL `gsl_spline`), with range checks.
///
/// Immutable after construction; evaluation uses no shared accelerator, so one instance may be
/// read from several tasks at once.
public final class Interpolator: @unchecked Sendable {
    /// The interpolation scheme.
    public enum Kind: String, Sendable, CaseIterable {
        /// Piecewise linear.
        case linear
        /// Natural cubic spline (needs ≥ 3 points).
        case cubic
        /// Steffen's monotonicity-preserving cubic (needs ≥ 3 points; no overshoot).
        case steffen
    }

    /// The tabulated abscissae, strictly increasing.
    public let xs: [Double]
    /// The tabulated values.
    public let ys: [Double]
    /// The scheme.
    public let kind: Kind
    private let spline: UnsafeMutablePointer<gsl_spline>

    /// Creates an interpolator.
    /// - Throws: ``GSLError`` when the arrays differ in length, are too short, contain
    ///   non-finite values, or `xs` is not strictly increasing (naming the first bad index).
    public init(xs: [Double], ys: [Double], kind: Kind = .linear) throws {
        _ = GSLRuntime.ready
        let routine = "gsl_spline_init"
        guard xs.count == ys.count else {
            throw GSLError.invalidArgument(routine, "x has \(xs.count) points but y has \(ys.count)")
        }
        let minPoints = kind == .linear ? 2 : 3
        guard xs.count >= minPoints else {
            throw GSLError.invalidArgument(routine, "\(kind) interpolation needs at least \(minPoints) points, got \(xs.count)")
        }
        for i in xs.indices {
            guard xs[i].isFinite, ys[i].isFinite else {
                throw GSLError.invalidArgument(routine, "non-finite value at index \(i): x = \(xs[i]), y = \(ys[i])")
            }
            if i > 0, !(xs[i] > xs[i - 1]) {
                throw GSLError.invalidArgument(routine, "x is not strictly increasing at index \(i): \(xs[i - 1]) then \(xs[i])")
            }
        }
        let type = switch kind {
        case .linear: nmm_interp_linear()
        case .cubic: nmm_interp_cspline()
        case .steffen: nmm_interp_steffen()
        }
        guard let s = gsl_spline_alloc(type, xs.count) else { fatalError("GSL could not allocate a spline") }
        let st = gsl_spline_init(s, xs, ys, xs.count)
        if st != Int32(GSL_SUCCESS) {
            gsl_spline_free(s)
            throw GSLError(routine: routine, status: st)
        }
        self.xs = xs
        self.ys = ys
        self.kind = kind
        spline = s
    }

    deinit { gsl_spline_free(spline) }

    /// The tabulated range [xs.first, xs.last].
    public var domain: ClosedRange<Double> { xs[0]...xs[xs.count - 1] }

    /// y(x).
    /// - Throws: ``GSLError`` (GSL_EDOM) when x is outside ``domain`` or not finite.
    public func value(at x: Double) throws -> Double {
        guard domain.contains(x) else {
            throw GSLError(routine: "gsl_spline_eval_e", status: Int32(GSL_EDOM),
                           reason: "x = \(x) is outside the tabulated range [\(xs[0]), \(xs[xs.count - 1])]")
        }
        return unchecked(x)
    }

    /// y(x) with x clamped into ``domain`` (the end values continue flat outside).
    public func clampedValue(at x: Double) -> Double {
        unchecked(min(max(x, xs[0]), xs[xs.count - 1]))
    }

    /// dy/dx at x.
    public func derivative(at x: Double) throws -> Double {
        guard domain.contains(x) else {
            throw GSLError(routine: "gsl_spline_eval_deriv_e", status: Int32(GSL_EDOM),
                           reason: "x = \(x) is outside the tabulated range [\(xs[0]), \(xs[xs.count - 1])]")
        }
        var d = 0.0
        try GSLRuntime.check(gsl_spline_eval_deriv_e(spline, x, nil, &d), "gsl_spline_eval_deriv_e")
        return d
    }

    /// ∫_a^b y dx of the interpolant, a and b inside ``domain``.
    public func integral(from a: Double, to b: Double) throws -> Double {
        guard domain.contains(a), domain.contains(b), a <= b else {
            throw GSLError(routine: "gsl_spline_eval_integ_e", status: Int32(GSL_EDOM),
                           reason: "[\(a), \(b)] is not an ordered interval inside [\(xs[0]), \(xs[xs.count - 1])]")
        }
        var r = 0.0
        try GSLRuntime.check(gsl_spline_eval_integ_e(spline, a, b, nil, &r), "gsl_spline_eval_integ_e")
        return r
    }

    private func unchecked(_ x: Double) -> Double {
        var y = 0.0
        _ = gsl_spline_eval_e(spline, x, nil, &y)
        return y
    }
}
