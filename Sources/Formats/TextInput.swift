import Foundation

/// The one way nmmfit reads a text input file (CSV, dataset and model specs, HEPData tables,
/// moment matrices): only regular files (a folder, FIFO, socket or device is refused with a
/// plain message before anything is read), at most ``ResourceLimit/fileBytes`` bytes, UTF-8 with an
/// optional byte-order mark, and any of LF, CRLF or CR line ends — all normalised to LF, so
/// every parser sees one form and line numbers agree across platforms.
public enum TextInput {
    /// Reads and normalises a text file; `what` names it in messages ("model spec").
    /// - Throws: ``InputError`` naming the path, in plain words.
    public static func read(path: String, what: String = "file", limit: ResourceLimit = .fileBytes) throws -> String {
        let bytes = try readBytes(path: path, what: what, limit: limit)
        return try decode(bytes, file: path)
    }

    /// Reads and normalises a text file into UTF-8 bytes (for JSON parsers).
    public static func readData(path: String, what: String = "file", limit: ResourceLimit = .fileBytes) throws -> Data {
        Data(try read(path: path, what: what, limit: limit).utf8)
    }

    /// The raw bytes of a regular file of at most `limit` bytes (each kind of file has its own
    /// limit: ``ResourceLimit/modelSpecBytes``, …).
    public static func readBytes(path: String, what: String, limit sizeLimit: ResourceLimit = .fileBytes) throws -> Data {
        // O_NONBLOCK: opening a FIFO must not wait for a writer; it is refused just below.
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputError(file: path, "cannot read the \(what): \(OSErrorText.describe(errno: errno))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else {
            throw InputError(file: path, "cannot read the \(what): \(OSErrorText.describe(errno: errno))")
        }
        if let kind = nonRegularKind(st.st_mode) {
            throw InputError(file: path, "the \(what) is \(kind), not a regular file")
        }
        let size = Int(st.st_size)
        try sizeLimit.check(size, option: "size", file: path)
        // The file may grow between stat and read: read at most limit + 1 bytes.
        let limit = try sizeLimit.value()
        var out = Data()
        out.reserveCapacity(min(size, limit) + 1)
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, "cannot read the \(what): \(OSErrorText.describe(errno: errno))")
            }
            if n == 0 { break }
            out.append(contentsOf: buf[0..<n])
            if out.count > limit { try sizeLimit.check(out.count, option: "size", file: path) }
        }
        return out
    }

    /// "a folder", "a FIFO (named pipe)", … for anything but a regular file; nil for a regular file.
    public static func nonRegularKind(_ mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: return nil
        case S_IFDIR: return "a folder"
        case S_IFIFO: return "a FIFO (named pipe)"
        case S_IFSOCK: return "a socket"
        case S_IFCHR: return "a character device"
        case S_IFBLK: return "a block device"
        case S_IFLNK: return "a symbolic link"
        default: return "not a regular file"
        }
    }

    /// UTF-8 bytes → text with the BOM removed and CRLF / CR line ends turned into LF.
    /// - Throws: ``InputError`` naming the line of the first invalid UTF-8 byte.
    public static func decode(_ bytes: Data, file: String) throws -> String {
        var b = bytes[...]
        if b.starts(with: [0xEF, 0xBB, 0xBF]) { b = b.dropFirst(3) }
        if b.starts(with: [0xFF, 0xFE]) || b.starts(with: [0xFE, 0xFF]) {
            throw InputError(file: file, "the file is UTF-16 text; nmmfit reads UTF-8")
        }
        guard let text = String(validating: b, as: UTF8.self) else {
            // locate the first invalid byte for the message
            var line = 1, good = 0
            var it = b.makeIterator()
            var decoder = UTF8()
            loop: while true {
                switch decoder.decode(&it) {
                case .scalarValue(let s):
                    good += s.utf8.count
                    if s == "\n" { line += 1 }
                case .emptyInput, .error: break loop
                }
            }
            let bad = b[b.startIndex + good]
            throw InputError(file: file, line: line, "not UTF-8 text (invalid byte 0x\(String(bad, radix: 16, uppercase: true)) at byte offset \(good))")
        }
        return normaliseLineEnds(text)
    }

    /// CRLF and lone CR → LF.
    public static func normaliseLineEnds(_ text: String) -> String {
        guard text.utf8.contains(13) else { return text }
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        var prevCR = false
        for c in text.utf8 {
            if c == 13 {
                out.append(10)
                prevCR = true
                continue
            }
            if c == 10 && prevCR {
                prevCR = false
                continue
            }
            prevCR = false
            out.append(c)
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Throws when the text holds a NUL character (JSON parsers would otherwise guess UTF-16
    /// or stop early), naming the line.
    public static func requireNoNUL(_ text: String, file: String?) throws {
        guard let i = text.utf8.firstIndex(of: 0) else { return }
        let line = text.utf8[..<i].reduce(1) { $1 == 10 ? $0 + 1 : $0 }
        throw InputError(file: file, line: line, "contains a NUL byte; nmmfit reads UTF-8 text (is this UTF-16 or a binary file?)")
    }

    /// The first control character (C0 other than tab, DEL, C1, or a character that breaks or
    /// reorders a line on a terminal: ``breaksDisplay(_:)``) in a field, or nil.
    public static func firstControlCharacter(in s: some StringProtocol) -> Unicode.Scalar? {
        s.unicodeScalars.first { c in
            (c.value < 0x20 && c != "\t") || (c.value >= 0x7F && c.value < 0xA0) || breaksDisplay(c)
        }
    }

    /// Characters that are not C0/C1 controls but still break a line (LINE SEPARATOR U+2028,
    /// PARAGRAPH SEPARATOR U+2029) or reorder what a terminal shows (the bidirectional marks,
    /// embeddings, overrides and isolates U+200E–U+200F, U+202A–U+202E, U+2066–U+2069): a name
    /// holding one could forge a row of a printed table or show text in another order.
    public static func breaksDisplay(_ c: Unicode.Scalar) -> Bool {
        switch c.value {
        case 0x200E, 0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069: true
        default: false
        }
    }

    /// `s` with every control character (including tab and line ends) and every
    /// ``breaksDisplay(_:)`` character written as `\u{…}`: a cell of a printed table stays one
    /// cell of one line whatever a name in the input holds.
    public static func displaySafe(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: { $0.value < 0x20 || ($0.value >= 0x7F && $0.value < 0xA0) || breaksDisplay($0) }) else { return s }
        var out = String.UnicodeScalarView()
        for c in s.unicodeScalars {
            if c.value < 0x20 || (c.value >= 0x7F && c.value < 0xA0) || breaksDisplay(c) {
                out.append(contentsOf: "\\u{\(String(c.value, radix: 16))}".unicodeScalars)
            } else {
                out.append(c)
            }
        }
        return String(out)
    }

    /// Throws when a field holds a control character (NUL, ESC, …), naming file, line and field.
    public static func requireNoControlCharacters(_ s: some StringProtocol, file: String?, line: Int?, field: String?) throws {
        if let c = firstControlCharacter(in: s) {
            throw InputError(file: file, line: line, field: field,
                             "contains the control character U+\(String(format: "%04X", c.value)); fields must be plain text")
        }
    }
}
