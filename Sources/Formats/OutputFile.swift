import Foundation

/// Writes result files safely:
/// - only regular files are created or replaced: a folder, FIFO, socket or device at the path
///   is refused (also with `force`), and a path ending in `/` names a folder, which is an error;
/// - one writer at a time: the path is locked with ``FileLock`` while it is written;
/// - atomically: the bytes go to a temporary name in the same folder (every write and the
///   `fsync` checked), which is then renamed into place, so a reader never sees a partial file
///   and a failure leaves nothing behind. An existing file is kept unless `force` is set.
/// A symbolic link to a regular file is followed (its target is replaced).
public enum OutputFile {
    /// Writes `data` to `path` atomically.
    /// - Throws: ``InputError`` in plain words naming the path.
    public static func write(_ data: Data, to path: String, force: Bool = false) throws {
        let (target, lock) = try self.lock(path, force: force)
        defer { lock.release() }
        let url = URL(fileURLWithPath: target)
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        let fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: path, "cannot write the output: \(OSErrorText.describe(errno: errno))") }
        do {
            try writeAll(fd, data, path: path)
            guard fsync(fd) == 0 else { throw InputError(file: path, "cannot write the output: \(OSErrorText.describe(errno: errno))") }
            guard close(fd) == 0 else {
                unlink(tmp)
                throw InputError(file: path, "cannot write the output: \(OSErrorText.describe(errno: errno))")
            }
        } catch {
            close(fd)
            unlink(tmp)
            throw error
        }
        // POSIX rename(2): atomic, and replaces an existing file in one step.
        guard rename(tmp, target) == 0 else {
            let err = errno
            unlink(tmp)
            throw InputError(file: path, "cannot move the finished output into place: \(OSErrorText.describe(errno: err))")
        }
    }

    /// The one way every writer (results, reports, toys files, merges) takes its output: the
    /// path is checked (``checkedTarget(_:)``), locked (``FileLock``), and checked again under
    /// the lock — it must still resolve to the same regular file or to nothing, and it must not
    /// exist unless `force` or `mayExist` (a resumable toys file) allows it. Returns the path to
    /// write and the held lock; release it when the file is in place.
    public static func lock(_ path: String, force: Bool, mayExist: Bool = false) throws -> (target: String, lock: FileLock) {
        let target = try checkedTarget(path)
        let lock = try FileLock.acquire(for: target)
        do {
            guard try checkedTarget(path) == target else {
                throw InputError(file: path, "the output path changed while it was being locked (a symbolic link was replaced); try again")
            }
            if !force && !mayExist && FileManager.default.fileExists(atPath: target) {
                throw InputError(file: path, "output file exists", remedy: .overwrite)
            }
        } catch {
            lock.release()
            throw error
        }
        return (target, lock)
    }

    /// Writes text (UTF-8) atomically.
    public static func write(_ text: String, to path: String, force: Bool = false) throws {
        try write(Data(text.utf8), to: path, force: force)
    }

    /// Checks that `path` can name an output file and returns the path to write (the target of
    /// a symbolic link): not ending in `/`, not an existing non-regular file, in an existing folder.
    public static func checkedTarget(_ path: String) throws -> String {
        guard !path.isEmpty else { throw InputError(field: "output", "the output path is empty") }
        if path.hasSuffix("/") {
            throw InputError(file: path, "ends in '/', so it names a folder; give a file name for the output")
        }
        var target = path
        var st = stat()
        if lstat(path, &st) == 0 {
            if st.st_mode & S_IFMT == S_IFLNK, let real = realpath(path, nil) {
                target = String(cString: real)
                free(real)
                guard stat(target, &st) == 0 else { throw InputError(file: path, "the output is a broken symbolic link") }
            }
            if let kind = TextInput.nonRegularKind(st.st_mode) {
                throw InputError(file: path, "the output path is \(kind); nmmfit only writes regular files (\(term: .overwriteAllowed))")
            }
        } else if errno != ENOENT {
            throw InputError(file: path, "cannot write the output: \(OSErrorText.describe(errno: errno))")
        }
        let dir = URL(fileURLWithPath: target).deletingLastPathComponent().path
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: dir, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(file: path, "output folder \(dir) does not exist")
        }
        return target
    }

    /// Writes all bytes to a descriptor, retrying short writes and EINTR.
    public static func writeAll(_ fd: Int32, _ data: Data, path: String) throws {
        try data.withUnsafeBytes { (buf: UnsafeRawBufferPointer) in
            var off = 0
            while off < buf.count {
                let n = Foundation.write(fd, buf.baseAddress! + off, buf.count - off)
                if n < 0 {
                    if errno == EINTR { continue }
                    throw InputError(file: path, "cannot write the output: \(OSErrorText.describe(errno: errno))")
                }
                off += n
            }
        }
    }
}
