import Formats
import Foundation
import Report

/// Checks a command's output targets before any work: an existing file without --force, a
/// lock file that is not a regular file, or a missing parent folder, is refused at once with the same line
/// ``OutputFile/write(_:to:force:)`` would give after the work, so nothing is computed in vain.
enum OutputTargets {
    /// Throws ``InputError`` for the first path that exists (without `force`) or whose folder is missing.
    /// Two outputs naming one file (e.g. `-o` and `--save-spec`) are refused too: the second
    /// would overwrite the first.
    static func check(files: [String?], force: Bool) throws {
        var seen: Set<String> = []
        for case let path? in files {
            let resolved = URL(fileURLWithPath: (try? OutputFile.checkedTarget(path)) ?? path).standardizedFileURL.path
            guard seen.insert(resolved).inserted else {
                throw InputError(file: path, "is named for two outputs of this command; give each output its own file")
            }
            let url = URL(fileURLWithPath: path)
            try FileLock.checkLockPath(for: (try? OutputFile.checkedTarget(path)) ?? path)
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

    /// ``check(files:force:)`` and ``check(folder:force:)`` for every output of one command, and
    /// refuses two outputs that would write the same file: two folders that are one (e.g. `--plot`
    /// and `--report`, whose figures have the same names), or a file inside a folder where the
    /// folder's writer puts a file of that name.
    static func check(files: [String?], folders: [String?], force: Bool) throws {
        try check(files: files, force: force)
        var seen: [String: String] = [:]
        for case let folder? in folders {
            let resolved = URL(fileURLWithPath: folder).resolvingSymlinksInPath().standardizedFileURL.path
            if let other = seen[resolved] {
                throw InputError(file: folder, "is named for two outputs of this command (also as \(other)); their files would overwrite each other: give each output its own folder")
            }
            seen[resolved] = folder
            try check(folder: folder, force: force)
        }
        for case let path? in files {
            let url = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL
            if seen[url.deletingLastPathComponent().path] != nil, ReportWriter.writes(fileNamed: url.lastPathComponent) {
                throw InputError(file: path, "is named for two outputs of this command: the folder \(url.deletingLastPathComponent().path) gets a file of that name too; give each output its own file")
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
