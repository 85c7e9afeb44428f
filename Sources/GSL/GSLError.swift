import CGSL

/// An error reported by a GSL routine, or by the Swift layer around it.
///
/// GSL's default error handler aborts the process; nmmfit switches it off once (see
/// ``GSLRuntime``) and maps every non-zero status code to this error instead.
public struct GSLError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The GSL routine (or Swift wrapper) that failed, e.g. `"gsl_integration_qags"`.
    public var routine: String
    /// The raw GSL status code (`GSL_EMAXITER` = 11, `GSL_EROUND` = 18, …); `-1` for errors
    /// raised by the Swift layer itself (bad arguments, non-finite function values).
    public var status: Int32
    /// Human-readable reason (`gsl_strerror` text, or the Swift layer's explanation).
    public var reason: String

    public init(routine: String, status: Int32, reason: String) {
        self.routine = routine
        self.status = status
        self.reason = reason
    }

    /// Builds an error from a GSL status code, with `gsl_strerror`'s text as the reason.
    public init(routine: String, status: Int32) {
        self.routine = routine
        self.status = status
        self.reason = String(cString: gsl_strerror(status))
    }

    /// An error raised by the Swift layer (status −1).
    public static func invalidArgument(_ routine: String, _ reason: String) -> GSLError {
        GSLError(routine: routine, status: -1, reason: reason)
    }

    public var description: String { "\(routine) failed (GSL status \(status)): \(reason)" }
}

/// Process-wide GSL setup.
///
/// GSL's error handler is a process-global; it is switched off exactly once, before any
/// concurrent work, by the lazily-initialised (thread-safe) `static let` below. Every public
/// entry point of this module touches ``GSLRuntime/ready`` first.
public enum GSLRuntime {
    /// `true` once `gsl_set_error_handler_off()` has run.
    public static let ready: Bool = {
        _ = gsl_set_error_handler_off()
        return true
    }()

    /// Throws a ``GSLError`` when `status` is not `GSL_SUCCESS`.
    @inlinable
    static func check(_ status: Int32, _ routine: String) throws(GSLError) {
        if status != Int32(GSL_SUCCESS) { throw GSLError(routine: routine, status: status) }
    }
}

/// Carries a Swift closure through a C callback's `void *params`, recording the first
/// Swift error or non-finite value so it can be rethrown after GSL returns.
final class CallbackBox<Signature> {
    let body: Signature
    var error: (any Error)?
    /// When `true`, non-finite values pass to GSL unrecorded (CQUAD copes with them).
    var allowNonFinite = false
    init(_ body: Signature) { self.body = body }
}
