import Foundation

/// One writer per output file. ``acquire(for:)`` takes an exclusive `flock(2)` on a lock file
/// next to the output (`.<name>.lock`, holding the owner's process id) without waiting: when
/// another process holds it, nmmfit refuses with a message naming that process instead of
/// letting two writers interleave or overwrite each other. The lock file is removed when the
/// lock is released, and a stale one left by a killed process is simply re-locked (the kernel
/// drops flock locks of dead processes). A process may re-acquire a path it already holds. The
/// lock file is opened without following symbolic links and used only when it is a regular
/// file (or absent, then created). Writers take it through ``OutputFile/lock(_:force:mayExist:)``.
public final class FileLock: @unchecked Sendable {
    /// The locked output path.
    public let path: String
    private let lockPath: String
    private let fd: Int32
    private var released = false

    nonisolated(unsafe) private static var held: [String: Int] = [:]
    private static let heldLock = NSLock()

    private init(path: String, lockPath: String, fd: Int32) {
        self.path = path
        self.lockPath = lockPath
        self.fd = fd
    }

    /// The lock-file path of an output path.
    public static func lockPath(for path: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).lock").path
    }

    /// Throws the error ``acquire(for:)`` would give for a lock path that is not a regular file
    /// (a symbolic link, FIFO, folder, …); lets a command refuse before any work.
    public static func checkLockPath(for path: String) throws {
        let lp = lockPath(for: path)
        var st = stat()
        guard lstat(lp, &st) == 0 else { return }
        if TextInput.nonRegularKind(st.st_mode) == nil && st.st_nlink > 1 {
            throw InputError(file: path, hardLinkMessage(lp, links: Int(st.st_nlink)))
        }
        guard let kind = TextInput.nonRegularKind(st.st_mode) else { return }
        throw InputError(file: path, kind == "a symbolic link"
            ? "the lock file \(lp) is a symbolic link; nmmfit only locks with a regular file (remove the link)"
            : "the lock file \(lp) is \(kind); nmmfit only locks with a regular file (remove it)")
    }

    static func hardLinkMessage(_ lp: String, links: Int) -> String {
        "the lock file \(lp) has \(links) names (a hard link to another file); nmmfit only locks with a file of its own (remove it)"
    }

    /// Locks `path` for writing, or throws ``InputError`` when another process writes it.
    /// Nested acquisitions of the same path in one process share the lock.
    public static func acquire(for path: String) throws -> FileLock {
        let lp = lockPath(for: path)
        let key = URL(fileURLWithPath: lp).standardizedFileURL.path
        while true {
            // O_NOFOLLOW: a symbolic link planted at the lock path (`.NAME.lock → victim`) is
            // refused, never followed; O_NONBLOCK: a FIFO there cannot make open wait.
            let fd = open(lp, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW | O_NONBLOCK, 0o644)
            guard fd >= 0 else {
                let err = errno
                if err == ELOOP {
                    throw InputError(file: path, "the lock file \(lp) is a symbolic link; nmmfit only locks with a regular file (remove the link)")
                }
                throw InputError(file: path, "cannot create the lock file \(lp): \(OSErrorText.describe(errno: err))")
            }
            var own = stat()
            guard fstat(fd, &own) == 0 else {
                let err = errno
                close(fd)
                throw InputError(file: path, "cannot create the lock file \(lp): \(OSErrorText.describe(errno: err))")
            }
            if let kind = TextInput.nonRegularKind(own.st_mode) {
                close(fd)
                throw InputError(file: path, "the lock file \(lp) is \(kind); nmmfit only locks with a regular file (remove it)")
            }
            // a hard link (`ln victim .NAME.lock`) is a regular file too, but writing the owner's
            // process id into it would change the file it shares its content with
            if own.st_nlink > 1 {
                close(fd)
                throw InputError(file: path, Self.hardLinkMessage(lp, links: Int(own.st_nlink)))
            }
            heldLock.lock()
            if let n = held[key] {
                held[key] = n + 1
                heldLock.unlock()
                close(fd)
                return FileLock(path: path, lockPath: lp, fd: -1)
            }
            heldLock.unlock()
            if flock(fd, LOCK_EX | LOCK_NB) != 0 {
                let err = errno
                var owner = ""
                var buf = [UInt8](repeating: 0, count: 32)
                let n = read(fd, &buf, buf.count)
                if n > 0, let pid = Int(String(decoding: buf[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) {
                    owner = " (process \(pid))"
                }
                close(fd)
                if err == EWOULDBLOCK {
                    throw InputError(file: path, "another nmmfit process\(owner) is writing this file; wait for it to finish or choose another output")
                }
                throw InputError(file: path, "cannot lock the output: \(OSErrorText.describe(errno: err))")
            }
            // The previous holder may have removed the lock file between our open and flock:
            // then we hold a lock on an unlinked file and must retry with the new one.
            var a = stat(), b = stat()
            if fstat(fd, &a) != 0 || stat(lp, &b) != 0 || a.st_ino != b.st_ino || a.st_dev != b.st_dev {
                close(fd)
                continue
            }
            let pid = "\(getpid())\n"
            _ = ftruncate(fd, 0)
            _ = pid.withCString { write(fd, $0, strlen($0)) }
            heldLock.lock()
            held[key] = 1
            heldLock.unlock()
            return FileLock(path: path, lockPath: lp, fd: fd)
        }
    }

    /// Releases the lock (and removes the lock file when this was the outermost holder).
    public func release() {
        guard !released else { return }
        released = true
        let key = URL(fileURLWithPath: lockPath).standardizedFileURL.path
        FileLock.heldLock.lock()
        let n = (FileLock.held[key] ?? 1) - 1
        if n <= 0 { FileLock.held[key] = nil } else { FileLock.held[key] = n }
        FileLock.heldLock.unlock()
        guard fd >= 0 else { return }
        unlink(lockPath)  // while still locked, so no one else can be holding this inode
        close(fd)
    }

    deinit { release() }
}
