import Dispatch
import Foundation

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
