import Formats
import Foundation

/// Reads a toys file line by line in fixed-size chunks: memory does not depend on the file's
/// length. Lines end in LF (a CR before it is dropped); a line longer than ``maxLineBytes`` is an
/// error, so a junk file cannot make the reader buffer without bound.
public final class ToyFileReader {
    /// One line, without its line end.
    public struct Line {
        public var bytes: [UInt8]
        /// 1-based line number.
        public var number: Int
        /// False for a last line without a newline (a write that was interrupted).
        public var complete: Bool
    }

    /// The longest line accepted (a toy line is ~250 bytes, a header ~300).
    public static let maxLineBytes = 1 << 16

    public let path: String
    private let fd: Int32
    private var buffer: [UInt8]
    private var start = 0, end = 0
    private var eof = false
    private var lineNumber = 0
    /// Bytes consumed so far (for progress).
    public private(set) var bytesRead = 0

    public init(path: String) throws {
        self.path = path
        var st = stat()
        guard stat(path, &st) == 0 else { throw InputError(file: path, "no such file") }
        guard (st.st_mode & S_IFMT) == S_IFREG else { throw InputError(file: path, "not a regular file") }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw InputError(file: path, "cannot open it for reading (\(OSErrorText.describe(errno: errno)))") }
        self.fd = fd
        buffer = [UInt8](repeating: 0, count: 2 * Self.maxLineBytes)
    }

    deinit { close(fd) }

    /// The next line, or nil at the end of the file.
    public func next() throws -> Line? {
        while true {
            let found = buffer.withUnsafeBufferPointer { b -> Int? in
                guard end > start, let p = memchr(b.baseAddress! + start, 0x0A, end - start) else { return nil }
                return UnsafeRawPointer(p) - UnsafeRawPointer(b.baseAddress!)
            }
            if let nl = found {
                var stop = nl
                if stop > start && buffer[stop - 1] == 0x0D { stop -= 1 }
                let line = Array(buffer[start..<stop])
                bytesRead += nl + 1 - start
                start = nl + 1
                lineNumber += 1
                return Line(bytes: line, number: lineNumber, complete: true)
            }
            if end - start > Self.maxLineBytes {
                throw InputError(file: path, line: lineNumber + 1, "line is longer than \(Self.maxLineBytes) bytes: not an nmmfit toys file")
            }
            if eof {
                guard start < end else { return nil }
                let line = Array(buffer[start..<end])
                bytesRead += end - start
                start = end
                lineNumber += 1
                return Line(bytes: line, number: lineNumber, complete: false)
            }
            if start > 0 {
                buffer.withUnsafeMutableBufferPointer { b in
                    if end > start { _ = memmove(b.baseAddress!, b.baseAddress! + start, end - start) }
                }
                end -= start
                start = 0
            }
            let n = buffer.withUnsafeMutableBufferPointer { b in read(fd, b.baseAddress! + end, b.count - end) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, "read failed (\(OSErrorText.describe(errno: errno)))")
            }
            if n == 0 { eof = true } else { end += n }
        }
    }

    /// Reads the header line (line 1).
    public func header() throws -> ToyFileHeader {
        let first = try next()
        guard let first, first.complete, let h = ToyFileHeader.decode(first.bytes) else {
            if let first, let v = ToyFileHeader.otherFormat(first.bytes) {
                throw InputError(file: path, line: 1, ToyFileHeader.otherFormatMessage(v))
            }
            throw InputError(file: path, line: 1, "not an nmmfit toys file (no valid header line)")
        }
        return h
    }
}
