import Foundation

/// Temporary folders for tests: one per test (`make`, removed by the test) or one shared by
/// many tests (`shared`, made once per name and removed when the test process exits).
public enum TemporaryFolder {
    /// A new, empty folder under the system's temporary folder.
    public static func make(prefix: String = "nmmfit-cli") throws -> URL {
        let d = FileManager.default.temporaryDirectory.appendingPathComponent("\(prefix)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true)
        return d
    }

    /// Folders to remove when the process exits (tests share them, so no test may remove them).
    private static let registry = Registry()

    /// Registers a folder for removal at exit (shared folders of ``SharedRuns``).
    public static func removeAtExit(_ folder: URL) { registry.add(folder) }

    final class Registry: @unchecked Sendable {
        private let lock = NSLock()
        private var folders: [URL] = []
        private var installed = false

        func add(_ folder: URL) {
            lock.lock()
            defer { lock.unlock() }
            folders.append(folder)
            if !installed {
                installed = true
                atexit { TemporaryFolder.registry.removeAll() }
            }
        }

        func removeAll() {
            lock.lock()
            defer { lock.unlock() }
            for f in folders { try? FileManager.default.removeItem(at: f) }
            folders = []
        }
    }
}
