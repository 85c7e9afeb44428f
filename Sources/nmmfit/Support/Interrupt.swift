import Dispatch
import Foundation

/// Interrupts: in a command that keeps its work (``install()``), the first SIGINT, SIGTERM or
/// SIGQUIT sets a flag that long loops poll, so finished work is kept; a second one exits at
/// once. Elsewhere SIGQUIT ends the run with one line and exit 131 (``installQuit()``), not the
/// runtime's crash report.
final class Interrupt: @unchecked Sendable {
    static let shared = Interrupt()
    private let lock = NSLock()
    private var flag = false
    private var installed = false
    private var sources: [DispatchSourceSignal] = []

    func install() {
        lock.lock()
        installed = true
        lock.unlock()
        for sig in [SIGINT, SIGTERM] {
            signal(sig, SIG_IGN)
            let s = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            s.setEventHandler { [self] in stopRequested() }
            s.resume()
            sources.append(s)
        }
    }

    private func stopRequested() {
        lock.lock()
        let second = flag
        flag = true
        lock.unlock()
        Console.error("\ninterrupted: finishing the current block and saving what is done (Ctrl-C again to abort)")
        if second { exit(130) }
    }

    /// SIGQUIT (Ctrl-\\): a stop request where ``install()`` ran, else one line and exit 131.
    func installQuit() {
        signal(SIGQUIT, SIG_IGN)
        let s = DispatchSource.makeSignalSource(signal: SIGQUIT, queue: .global())
        s.setEventHandler { [self] in
            lock.lock()
            let keep = installed
            lock.unlock()
            if keep { return stopRequested() }
            Console.error("\nquit (SIGQUIT): stopped")
            exit(131)
        }
        s.resume()
        sources.append(s)
    }

    var requested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return flag
    }
}
