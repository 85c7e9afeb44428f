import Dispatch
import Foundation

/// Progress for a command that may be long (issue 14): nothing is printed for the first
/// ``delay`` seconds, nothing at all unless stderr is a terminal (or with --quiet/--json), so a
/// short job stays silent and a log file stays clean; after the delay a timer redraws one line
/// (`label  done/total  rate/s  ETA`, or `label… 12 s` for a job without steps) every
/// ``interval`` seconds until ``finish()``, which clears it. Work reports its steps with
/// ``update(_:)`` from any thread; drawing happens on the timer's queue only.
final class DelayedProgress: @unchecked Sendable {
    /// Seconds of silence before the first line (a job shorter than this prints nothing).
    static let defaultDelay: TimeInterval = 2
    /// Seconds between redraws.
    static let interval: TimeInterval = 0.25

    private let label: String
    private var total: Int?
    private let start = Date()
    private let lock = NSLock()
    private var done = 0
    private var drawn = false
    private var timer: DispatchSourceTimer?
    private let queue = DispatchQueue(label: "nmmfit.progress")
    private let write: @Sendable (String) -> Void

    /// - Parameters:
    ///   - total: the number of steps, or nil for a job without steps (elapsed time only).
    ///   - quiet: no output at all (--quiet, or JSON on stdout).
    ///   - isTerminal: whether to draw; by default whether stderr is a terminal.
    ///   - write: where lines go (stderr by default; tests capture them).
    init(total: Int?, label: String, quiet: Bool, delay: TimeInterval = DelayedProgress.defaultDelay,
         isTerminal: Bool = isatty(STDERR_FILENO) != 0,
         write: @escaping @Sendable (String) -> Void = { FileHandle.standardError.write(Data($0.utf8)) }) {
        self.label = label
        self.total = total.map { max($0, 1) }
        self.write = write
        guard !quiet, isTerminal else { return }
        let t = DispatchSource.makeTimerSource(queue: queue)
        t.schedule(deadline: .now() + delay, repeating: Self.interval)
        t.setEventHandler { [weak self] in self?.draw() }
        t.resume()
        timer = t
    }

    deinit { timer?.cancel() }

    /// Steps finished so far.
    func update(_ done: Int) {
        lock.lock()
        self.done = done
        lock.unlock()
    }

    /// Steps finished so far, for work whose number of steps is known only once it runs.
    func update(_ done: Int, of total: Int) {
        lock.lock()
        self.done = done
        self.total = max(total, 1)
        lock.unlock()
    }

    /// The current line (without the carriage return).
    func line() -> String {
        lock.lock()
        let d = done, total = total
        lock.unlock()
        let elapsed = Date().timeIntervalSince(start)
        guard let total else { return "\(label)… \(String(format: "%.0f", elapsed)) s" }
        let rate = elapsed > 0 ? Double(d) / elapsed : 0
        let eta = rate > 0 ? String(format: "%.0f s", Double(total - d) / rate) : "?"
        return "\(label)  \(d)/\(total)  \(String(format: "%.3g", rate))/s  ETA \(eta)"
    }

    /// Runs on `queue` only.
    private func draw() {
        drawn = true
        // pad so a shorter line fully covers the previous one
        write("\r" + line().padding(toLength: 72, withPad: " ", startingAt: 0))
    }

    /// Stops drawing and clears the line if one was drawn. Call once the work is done (before
    /// printing the result).
    func finish() {
        guard let t = timer else { return }
        timer = nil
        // on the timer's serial queue, so no draw can follow the clearing
        queue.sync {
            t.cancel()
            if drawn { write("\r" + String(repeating: " ", count: 72) + "\r") }
        }
    }

    /// Runs `body` with a stepless progress line (elapsed time) shown after the delay on a terminal.
    static func around<T>(_ label: String, quiet: Bool, _ body: () throws -> T) rethrows -> T {
        let p = DelayedProgress(total: nil, label: label, quiet: quiet)
        defer { p.finish() }
        return try body()
    }
}
