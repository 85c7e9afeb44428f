import Foundation

/// Runs each distinct `nmmfit` command once per test process and hands its result to every test
/// that asks for it: an expensive command (a fit, a toy study) whose output several tests check
/// is not run again for each of them. Only for commands whose result does not depend on what a
/// test did before (no `--force` onto a file another test reads, no per-test folder).
public final class SharedRuns: @unchecked Sendable {
    public static let shared = SharedRuns()

    private let lock = NSLock()
    private var runs: [[String]: Once<NMMFitBinary.Run>] = [:]
    private var folders: [String: Once<Folder>] = [:]

    /// The result of `nmmfit args` (run once; every later call returns the same result).
    public func run(_ args: [String]) throws -> NMMFitBinary.Run {
        let (once, owner) = slot(&runs, args)
        return try once.value(compute: owner) { try NMMFitBinary.run(args) }
    }

    /// A folder shared by the tests that use it, with what its set-up reported as failed.
    public struct Folder: Sendable {
        public let url: URL
        /// What the set-up reported as failed (empty when it succeeded).
        public let setUpFailures: [String]
    }

    /// The shared folder `name`: the first caller creates it and runs `setUp` on it (which
    /// returns what failed, empty when nothing did) while the others wait. Removed at exit.
    public func folder(_ name: String, setUp: (URL) throws -> [String]) throws -> Folder {
        let (once, owner) = slot(&folders, name)
        return try once.value(compute: owner) {
            let url = try TemporaryFolder.make(prefix: "nmmfit-\(name)")
            TemporaryFolder.removeAtExit(url)
            return Folder(url: url, setUpFailures: try setUp(url))
        }
    }

    private func slot<K: Hashable, V>(_ table: inout [K: Once<V>], _ key: K) -> (Once<V>, Bool) {
        lock.lock()
        defer { lock.unlock() }
        if let o = table[key] { return (o, false) }
        let o = Once<V>()
        table[key] = o
        return (o, true)
    }

    /// A value computed by one caller (the owner); the others wait for it.
    final class Once<V>: @unchecked Sendable {
        private let done = NSCondition()
        private var result: Result<V, any Error>?

        func value(compute owner: Bool, _ make: () throws -> V) throws -> V {
            if owner {
                let r = Result { try make() }
                done.lock()
                result = r
                done.broadcast()
                done.unlock()
                return try r.get()
            }
            done.lock()
            defer { done.unlock() }
            while result == nil { done.wait() }
            return try result!.get()
        }
    }
}
