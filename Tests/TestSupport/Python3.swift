import Foundation

/// `python3` from PATH, for the checks that use Python packages (HEPData's validator, pandas).
public enum Python3 {
    /// Runs `python3 ARGS`; its exit status and its standard output and error together.
    public static func run(_ args: [String]) throws -> (status: Int32, output: String) {
        let p = Process(), pipe = Pipe()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3"] + args
        p.standardOutput = pipe
        p.standardError = pipe
        try p.run()
        let out = pipe.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, String(decoding: out, as: UTF8.self))
    }

    /// Whether `python3` can import every module named.
    public static func imports(_ modules: String...) -> Bool {
        (try? run(["-c", "import " + modules.joined(separator: ", ")]).status) == 0
    }
}
