import Foundation

/// `scripts/validate-json.py`: a JSON output against its schema in schemas/ (Python's
/// `jsonschema`, installed by scripts/ensure-deps.sh). The validations of a test run go through
/// one validator process (`validate-json.py --serve`, the schemas loaded once), started on first
/// use; concurrent callers take turns.
public enum JSONSchemaCheck {
    /// Validates `files` against schema `schema` (with `lines`: JSON-lines files, "header" or
    /// "records"); returns the validator's status (0 valid, 1 invalid, 2 a bad request) and its
    /// error lines.
    public static func validate(_ schema: String, _ files: [String], lines: String? = nil) throws -> (status: Int32, output: String) {
        try Server.shared.validate(schema, files, lines: lines)
    }

    /// The one `--serve` process and its pipes.
    final class Server: @unchecked Sendable {
        static let shared = Server()
        private let lock = NSLock()
        private var process: Process?
        private var input: FileHandle?
        private var output: FileHandle?
        private var buffer = Data()

        struct Request: Encodable { var schema: String; var files: [String]; var lines: String? }
        struct Answer: Decodable { var status: Int32; var output: String }

        func validate(_ schema: String, _ files: [String], lines: String?) throws -> (status: Int32, output: String) {
            lock.lock()
            defer { lock.unlock() }
            if process?.isRunning != true { try start() }
            var request = try JSONEncoder().encode(Request(schema: schema, files: files, lines: lines))
            request.append(0x0A)
            try input!.write(contentsOf: request)
            let line = try readLine()
            let a = try JSONDecoder().decode(Answer.self, from: line)
            return (a.status, a.output)
        }

        private func start() throws {
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            p.arguments = ["python3", PackageRoot.path("scripts/validate-json.py"), "--serve"]
            let inPipe = Pipe(), outPipe = Pipe()
            p.standardInput = inPipe
            p.standardOutput = outPipe
            try p.run()
            (process, input, output, buffer) = (p, inPipe.fileHandleForWriting, outPipe.fileHandleForReading, Data())
        }

        private func readLine() throws -> Data {
            while true {
                if let i = buffer.firstIndex(of: 0x0A) {
                    let line = buffer[buffer.startIndex..<i]
                    buffer = Data(buffer[(i + 1)...])
                    return Data(line)
                }
                // availableData: what the pipe holds now (read(upToCount:) waits for the whole count)
                let chunk = output!.availableData
                guard !chunk.isEmpty else {
                    process = nil
                    throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "validate-json.py --serve ended without an answer"])
                }
                buffer.append(chunk)
            }
        }
    }
}
