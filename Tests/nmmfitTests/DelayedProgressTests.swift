import Foundation
import Testing
@testable import nmmfit

/// Issue 14: progress appears only for a long job on a terminal, and is cleared at the end.
@Suite("Delayed progress")
struct DelayedProgressTests {
    final class Sink: @unchecked Sendable {
        private let lock = NSLock()
        private var parts: [String] = []
        func add(_ s: String) { lock.lock(); parts.append(s); lock.unlock() }
        var text: String { lock.lock(); defer { lock.unlock() }; return parts.joined() }
    }

    @Test("a job shorter than the delay prints nothing; a longer one a line that finish() clears")
    func delay() throws {
        let quick = Sink()
        let p1 = DelayedProgress(total: 10, label: "toys", quiet: false, delay: 5, isTerminal: true, write: quick.add)
        p1.update(10)
        p1.finish()
        #expect(quick.text.isEmpty)

        let slow = Sink()
        let p2 = DelayedProgress(total: 10, label: "toys", quiet: false, delay: 0.05, isTerminal: true, write: slow.add)
        p2.update(4)
        Thread.sleep(forTimeInterval: 0.5)
        p2.finish()
        #expect(slow.text.contains("toys  4/10"))
        #expect(slow.text.hasSuffix("\r"))  // the clearing write comes last
        let after = slow.text
        Thread.sleep(forTimeInterval: 0.4)
        #expect(slow.text == after)  // nothing drawn after finish()
    }

    @Test("nothing when stderr is not a terminal or with --quiet; a stepless job shows elapsed time")
    func quietAndStepless() throws {
        for (tty, quiet) in [(false, false), (true, true)] {
            let s = Sink()
            let p = DelayedProgress(total: 3, label: "x", quiet: quiet, delay: 0.01, isTerminal: tty, write: s.add)
            Thread.sleep(forTimeInterval: 0.3)
            p.finish()
            #expect(s.text.isEmpty)
        }
        let s = Sink()
        let p = DelayedProgress(total: nil, label: "fitting", quiet: false, delay: 0.01, isTerminal: true, write: s.add)
        Thread.sleep(forTimeInterval: 0.3)
        p.finish()
        #expect(s.text.contains("fitting… 0 s"))
    }
}
