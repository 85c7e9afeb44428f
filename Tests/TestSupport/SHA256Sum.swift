import Foundation

/// The system's `sha256sum` (GNU coreutils), an implementation independent of nmmfit's, for
/// checking the digests the results carry.
public enum SHA256Sum {
    /// The lowercase hex digest of `file`, or nil when `/usr/bin/sha256sum` is not installed.
    public static func of(_ file: URL) throws -> String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/sha256sum") else { return nil }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/sha256sum")
        p.arguments = [file.path]
        let pipe = Pipe()
        p.standardOutput = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return String(decoding: out, as: UTF8.self).split(separator: " ").first.map(String.init)
    }
}
