import Foundation

/// The built `nmmfit` executable and a runner for it: the end-to-end tests launch it where the
/// process boundary is the subject (exit codes, standard output and error, files, signals).
public enum NMMFitBinary {
    /// The executable next to the test bundle (.build/<config>/nmmfit).
    public static let url: URL = {
        var dir = Bundle.main.bundleURL
        for _ in 0..<4 {
            let candidate = dir.appendingPathComponent("nmmfit")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: ".build/debug/nmmfit")
    }()

    /// What one run gave: exit status, standard output and standard error.
    public struct Run: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String

        public init(status: Int32, stdout: String, stderr: String) {
            self.status = status
            self.stdout = stdout
            self.stderr = stderr
        }
    }

    /// Runs the binary; `env` adds to (or replaces in) this process's environment. Standard
    /// output and error are read at the same time, so neither pipe can fill up and block.
    public static func run(_ args: [String], cwd: URL? = nil, env: [String: String] = [:]) throws -> Run {
        let p = Process()
        p.executableURL = url
        p.arguments = args
        if !env.isEmpty { p.environment = ProcessInfo.processInfo.environment.merging(env) { $1 } }
        if let cwd { p.currentDirectoryURL = cwd }
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let errorText = Collected()
        let reader = Thread { errorText.set(err.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        let e = errorText.wait()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Data handed over from the thread that reads standard error.
    final class Collected: @unchecked Sendable {
        private let done = NSCondition()
        private var data: Data?

        func set(_ d: Data) {
            done.lock()
            data = d
            done.signal()
            done.unlock()
        }

        func wait() -> Data {
            done.lock()
            defer { done.unlock() }
            while data == nil { done.wait() }
            return data!
        }
    }
}
