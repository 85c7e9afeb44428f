import Foundation

/// `scripts/validate-json.py`: a JSON output against its schema in schemas/ (Python's
/// `jsonschema`, installed by scripts/ensure-deps.sh).
public enum JSONSchemaCheck {
    /// Runs the validator; returns its exit status and output (stdout and stderr together).
    public static func validate(_ schema: String, _ files: [String], lines: String? = nil) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", PackageRoot.path("scripts/validate-json.py")]
            + (lines.map { ["--lines", $0] } ?? []) + [schema] + files
        let out = Pipe()
        p.standardOutput = out
        p.standardError = out
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: o, as: UTF8.self))
    }
}
