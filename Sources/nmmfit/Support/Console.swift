#if canImport(Glibc)
@preconcurrency import Glibc
#else
@preconcurrency import Darwin
#endif
import Formats
import Foundation

/// Standard output and standard error, with every write checked.
///
/// `FileHandle.write(_:)` traps when the descriptor is full or closed (`2>/dev/full`), and a
/// closed pipe on stdout kills the process with SIGPIPE; so nmmfit ignores SIGPIPE, writes
/// through C stdio, and ``finish()`` flushes stdout and turns any write error into one line on
/// stderr and exit 1. Messages on stderr are best effort (there is nowhere to report a failure).
enum Console {
    /// Exit code when an output (standard output) could not be written.
    static let writeFailure: Int32 = 1

    /// C stdio's stdout, which Swift's `print` also writes to.
    nonisolated(unsafe) private static let cStdout = stdout

    /// Called once at start: writes to a closed pipe fail with EPIPE, and writes past the
    /// file-size limit (`ulimit -f`) with EFBIG, instead of killing us (SIGPIPE, SIGXFSZ); each
    /// is then one line naming the file, with no partial output left.
    static func installSignalPolicy() {
        signal(SIGPIPE, SIG_IGN)
        signal(SIGXFSZ, SIG_IGN)
        Interrupt.shared.installQuit()
    }

    /// Text to stdout (buffered; checked by ``finish()``).
    static func out(_ s: String) {
        fputs(s, cStdout)
    }

    /// Bytes to stdout (buffered; checked by ``finish()``).
    static func out(_ d: Data) {
        d.withUnsafeBytes { b in _ = fwrite(b.baseAddress, 1, b.count, cStdout) }
    }

    /// A line (or a partial line when `newline` is false) to stderr; never traps.
    static func error(_ s: String, newline: Bool = true) {
        let bytes = Array((newline ? s + "\n" : s).utf8)
        var off = 0
        while off < bytes.count {
            let n = bytes[off...].withUnsafeBytes { write(STDERR_FILENO, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return }
            off += n
        }
    }

    /// Flushes stdout; on any write error prints one line and exits with ``writeFailure``.
    nonisolated(unsafe) private static var failed = false

    static func finish() {
        guard !failed else { return }  // already reported (finish runs again at exit)
        let flushFailed = fflush(cStdout) != 0
        let err = errno
        if flushFailed || ferror(cStdout) != 0 {
            let reason = flushFailed ? OSErrorText.describe(errno: err) : "a write failed (the reader closed the pipe, or the device is full)"
            failed = true
            error("error: cannot write to standard output: \(reason)")
            exit(writeFailure)
        }
    }
}
