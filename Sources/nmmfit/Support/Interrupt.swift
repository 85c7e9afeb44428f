#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Interrupts. The policy, the same in every command:
/// - SIGINT (Ctrl-C) and SIGTERM: in a command that keeps its work (``install()``: toys,
///   significance, sensitivity, interval, coverage, compare, the compatibility toys of `fit`),
///   the first one sets a flag that long loops poll, so finished work is kept (printed, and
///   saved where the command saves toys) and the command ends with exit 130; a second one
///   exits at once (130). Elsewhere they keep the system's default (the process ends).
/// - SIGQUIT (Ctrl-\\): always ends the process at once, with one line on stderr and exit 131
///   (128 + 3), as a terminal's "quit" — never a stop request, and never the runtime's crash
///   report (``installQuit()`` runs first thing in `main`). Work not yet written is lost; toys
///   already appended to a toys file stay there (a cut-off last line is dropped on resume).
///
/// The handlers are plain signal handlers installed with `sigaction` (async-signal-safe: they
/// only count, `write(2)` a prepared line and `_exit`), so a signal that arrives at any time
/// after ``install()`` returns is seen — a dispatch signal source would first set the signal to
/// be ignored and drop one that arrives before the source runs.
final class Interrupt: @unchecked Sendable {
    static let shared = Interrupt()

    func install() {
        prepareForHandler()
        interruptState.pointee.keepWork = 1
        for sig in [SIGINT, SIGTERM] { setHandler(sig, onStopSignal) }
    }

    /// SIGQUIT (Ctrl-\\): one line and exit 131, in every command and at every stage.
    func installQuit() {
        prepareForHandler()
        setHandler(SIGQUIT, onStopSignal)
    }

    /// Swift initialises globals lazily, on first use, and that allocates: a first use inside
    /// the handler would call malloc while the interrupted thread may be inside malloc (seen as
    /// "malloc assertion failure" and SIGABRT). So everything the handler touches is
    /// initialised here, before any handler is installed.
    private func prepareForHandler() {
        _ = interruptState.pointee.count
        _ = stopMessage.count
        _ = quitMessage.count
    }

    var requested: Bool { interruptState.pointee.count > 0 }

    /// Installs `handler` for `sig` and unblocks `sig` in this thread: a process started from a
    /// thread that blocks signals (a test runner's worker thread, some launchers) inherits that
    /// mask, and a blocked signal would never reach the handler.
    private func setHandler(_ sig: Int32, _ handler: @convention(c) (Int32) -> Void) {
        var action = sigaction()
        #if canImport(Glibc)
        action.__sigaction_handler.sa_handler = handler
        #else
        action.__sigaction_u.__sa_handler = handler
        #endif
        sigemptyset(&action.sa_mask)
        action.sa_flags = SA_RESTART
        sigaction(sig, &action, nil)
        var set = sigset_t()
        sigemptyset(&set)
        sigaddset(&set, sig)
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }
}

/// What the signal handler may touch: counters in memory allocated once, and prepared messages.
private struct InterruptState {
    var count: Int32 = 0
    var keepWork: Int32 = 0
}
nonisolated(unsafe) private let interruptState: UnsafeMutablePointer<InterruptState> = {
    let p = UnsafeMutablePointer<InterruptState>.allocate(capacity: 1)
    p.initialize(to: InterruptState())
    return p
}()
nonisolated(unsafe) private let stopMessage: UnsafeBufferPointer<UInt8> =
    prepared("\ninterrupted: finishing the current block and saving what is done (Ctrl-C again to abort)\n")
nonisolated(unsafe) private let quitMessage: UnsafeBufferPointer<UInt8> = prepared("\nquit (SIGQUIT): stopped at once, unsaved work lost (Ctrl-C stops after the current block and keeps it)\n")

private func prepared(_ s: String) -> UnsafeBufferPointer<UInt8> {
    let bytes = Array(s.utf8)
    let p = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: bytes.count)
    _ = p.initialize(from: bytes)
    return UnsafeBufferPointer(p)
}

private func onStopSignal(_ sig: Int32) {
    if sig == SIGQUIT {
        _ = write(2, quitMessage.baseAddress, quitMessage.count)
        _exit(131)
    }
    interruptState.pointee.count += 1
    if interruptState.pointee.count >= 2 { _exit(130) }
    _ = write(2, stopMessage.baseAddress, stopMessage.count)
}
