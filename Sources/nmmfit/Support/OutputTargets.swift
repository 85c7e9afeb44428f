import Formats
import Foundation
import Report

/// Checks a command's output targets before any work (issue 14): an existing file without
/// --force, or a missing parent folder, is refused at once with the same line
/// ``OutputFile/write(_:to:force:)`` would give after the work, so nothing is computed in vain.
enum OutputTargets {
    /// Throws ``InputError`` for the first path that exists (without `force`) or whose folder is missing.
    static func check(files: [String?], force: Bool) throws {
        for case let path? in files {
            let url = URL(fileURLWithPath: path)
            if FileManager.default.fileExists(atPath: url.path) && !force {
                throw InputError(file: path, "output file exists", remedy: .overwrite)
            }
            var isDir: ObjCBool = false
            let dir = url.deletingLastPathComponent()
            guard FileManager.default.fileExists(atPath: dir.path, isDirectory: &isDir), isDir.boolValue else {
                throw InputError(file: path, "output folder \(dir.path) does not exist")
            }
        }
    }

    /// Throws ``InputError`` when `directory` is a file, or (without `force`) already holds a
    /// file the report writer would write (``ReportWriter/writes(fileNamed:)``).
    static func check(folder directory: String?, force: Bool) throws {
        guard let directory else { return }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDir) else { return }
        guard isDir.boolValue else { throw InputError(file: directory, "is a file, not a folder for the report") }
        guard !force else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        if let clash = names.sorted().first(where: ReportWriter.writes(fileNamed:)) {
            throw InputError(file: "\(directory)/\(clash)", "output file exists", remedy: .overwrite)
        }
    }
}
