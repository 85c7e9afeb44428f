import Dispatch
import Foundation

/// Progress on stderr: a redrawn bar with rate and ETA when stderr is a terminal, a line every
/// 10 % otherwise, nothing with --quiet.
final class Progress: @unchecked Sendable {
    private let total: Int
    private let label: String
    private let quiet: Bool
    private let tty = isatty(STDERR_FILENO) != 0
    private let start = Date()
    private var lastDecile = -1
    private var lastDraw = Date.distantPast

    init(total: Int, label: String, quiet: Bool) {
        self.total = max(total, 1)
        self.label = label
        self.quiet = quiet
    }

    func update(_ done: Int) {
        guard !quiet else { return }
        let elapsed = Date().timeIntervalSince(start)
        let rate = elapsed > 0 ? Double(done) / elapsed : 0
        let eta = rate > 0 ? Double(total - done) / rate : 0
        if tty {
            guard Date().timeIntervalSince(lastDraw) > 0.1 || done == total else { return }
            lastDraw = Date()
            let width = 30
            let filled = width * done / total
            let bar = String(repeating: "█", count: filled) + String(repeating: "·", count: width - filled)
            let line = "\r\(label) \(bar) \(done)/\(total)  \(String(format: "%.0f", rate))/s  ETA \(String(format: "%.0f", eta)) s"
            Console.error(line, newline: false)
            if done == total { Console.error("") }
        } else {
            let decile = 10 * done / total
            if decile != lastDecile {
                lastDecile = decile
                Console.error("\(label): \(done)/\(total) (\(String(format: "%.0f", rate))/s)")
            }
        }
    }
}

/// Ctrl-C handling: the first SIGINT sets a flag that long loops poll, so finished work is
/// kept; a second one exits at once.
final class Interrupt: @unchecked Sendable {
    static let shared = Interrupt()
    private let lock = NSLock()
    private var flag = false
    private var source: DispatchSourceSignal?

    func install() {
        signal(SIGINT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
        s.setEventHandler { [self] in
            lock.lock()
            let second = flag
            flag = true
            lock.unlock()
            Console.error("\ninterrupted: finishing the current block and saving what is done (Ctrl-C again to abort)")
            if second { exit(130) }
        }
        s.resume()
        source = s
    }

    var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }
}
