import Formats
import Foundation

/// Writes a file in a stream, atomically: the bytes go to a temporary file in the same folder,
/// which is renamed into place by ``commit()``; without a commit (an error, an early return) the
/// temporary file is removed and an existing file is left as it was.
public final class ToyFileWriter {
    public let path: String
    private let tmp: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    private var committed = false
    private let lock: FileLock
    private static let flushBytes = 1 << 20

    /// - Throws: ``InputError`` when `path` exists and `force` is false, when it exists and is not
    ///   a regular file, or when its folder does not exist.
    ///   The output is locked (``OutputFile/lock(_:force:mayExist:)``, the lock every writer
    ///   takes) until the writer is committed or dropped, so a second merge, or a merge
    ///   `--force` onto a toys file that `nmmfit toys` is still writing, is refused.
    public init(path: String, force: Bool) throws {
        let (target, lock) = try OutputFile.lock(path, force: force)
        self.path = target
        self.lock = lock
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent().path
        tmp = dir + "/.\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            lock.release()
            throw InputError(file: path, "cannot create a temporary file in \(dir) (\(OSErrorText.describe(errno: errno)))")
        }
        buffer.reserveCapacity(Self.flushBytes + (1 << 16))
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed { unlink(tmp) }
        lock.release()
    }

    public func write(_ bytes: [UInt8]) throws {
        buffer += bytes
        if buffer.count >= Self.flushBytes { try flush() }
    }

    /// Writes a line and its newline.
    public func writeLine(_ bytes: [UInt8]) throws {
        buffer += bytes
        buffer.append(0x0A)
        if buffer.count >= Self.flushBytes { try flush() }
    }

    private func flush() throws {
        var off = 0
        while off < buffer.count {
            let n = buffer.withUnsafeBufferPointer { b in Foundation.write(fd, b.baseAddress! + off, b.count - off) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, "cannot write output (\(OSErrorText.describe(errno: errno)))")
            }
            off += n
        }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Flushes, syncs and renames the file into place.
    public func commit() throws {
        try flush()
        guard fsync(fd) == 0 else { throw InputError(file: path, "cannot write output (\(OSErrorText.describe(errno: errno)))") }
        close(fd)
        fd = -1
        guard rename(tmp, path) == 0 else {
            throw InputError(file: path, "cannot rename the temporary file into place (\(OSErrorText.describe(errno: errno)))")
        }
        committed = true
        lock.release()
    }
}
