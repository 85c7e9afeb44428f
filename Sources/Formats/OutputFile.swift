import Foundation

/// Writes result files safely: to a temporary name in the same folder, then renamed into
/// place, so a reader never sees a partial file and a failure leaves nothing behind. An
/// existing file is kept unless `force` is set.
public enum OutputFile {
    /// Writes `data` to `path` atomically.
    /// - Throws: ``InputError`` when the file exists and `force` is false, or the write fails.
    public static func write(_ data: Data, to path: String, force: Bool = false) throws {
        let url = URL(fileURLWithPath: path)
        let fm = FileManager.default
        if fm.fileExists(atPath: url.path) && !force {
            throw InputError(file: path, "output file exists; pass --force to overwrite it")
        }
        let dir = url.deletingLastPathComponent()
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
            throw InputError(file: path, "output folder \(dir.path) does not exist")
        }
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: 0...UInt32.max))")
        do {
            try data.write(to: tmp)
            // POSIX rename(2): atomic, and replaces an existing file in one step.
            guard rename(tmp.path, url.path) == 0 else {
                throw InputError(file: path, "cannot rename the temporary file into place (errno \(errno))")
            }
        } catch let e as InputError {
            try? fm.removeItem(at: tmp)
            throw e
        } catch {
            try? fm.removeItem(at: tmp)
            throw InputError(file: path, "cannot write output (\(error.localizedDescription))")
        }
    }

    /// Writes text (UTF-8) atomically.
    public static func write(_ text: String, to path: String, force: Bool = false) throws {
        try write(Data(text.utf8), to: path, force: force)
    }
}
