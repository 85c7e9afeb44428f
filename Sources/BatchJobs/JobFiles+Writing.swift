import Formats
import Foundation
import Likelihood

extension JobFiles {
    /// The shards without complete output (shard files of another build are refused unless
    /// `batch.allowOtherBuild`, or `ignoringOtherBuilds` when the study starts afresh).
    public func pendingShards(ignoringOtherBuilds: Bool = false) throws -> [Int] {
        var pending: [Int] = []
        for i in 0..<nshards {
            var h = header
            h.shard = i
            let path = shardPath(i)
            if let existing = ToyFileReader.header(path: path), existing.identity == h.identity, !batch.allowOtherBuild,
               !existing.writtenBy(version: header.nmmfitVersion, commit: header.nmmfitCommit), !ignoringOtherBuilds {
                throw InputError(file: path, line: 1, "shard \(i) was written by nmmfit \(existing.build), this is nmmfit \(h.build): pass --allow-other-build to extend and merge it anyway, or --force to start the study afresh")
            }
            if !ToyFileReader.isComplete(path: path, header: h) { pending.append(i) }
        }
        return pending
    }

    /// Starts the study afresh: removes its shard outputs and its attempts record.
    public func removeOutputs() {
        for i in 0..<nshards { try? FileManager.default.removeItem(atPath: shardPath(i)) }
        try? FileManager.default.removeItem(atPath: attemptsPath)
    }

    /// What `--dry-run` prints: each file's path and text.
    public func preview(_ files: [(String, String)]) -> String {
        files.map { "==> \(dir)/\($0.0) <==\n\($0.1)\n" }.joined()
    }

    /// Writes the study record and the job files (each through ``OutputFile``, atomically and
    /// under its lock; scripts executable). Job files are regenerated on every call for the same
    /// study (the pending list changes); submit files of this study that are not rewritten
    /// (another split, or nothing pending) are removed so nothing stale is submitted.
    public func write(_ files: [(String, String)], study: BatchStudy) throws {
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try study.write(to: studyPath)
        let written = Set(files.map(\.0))
        for stale in existingSubmitFiles() where !written.contains(stale) {
            try? FileManager.default.removeItem(atPath: "\(dir)/\(stale)")
        }
        for (f, text) in files {
            let p = "\(dir)/\(f)"
            try OutputFile.write(text, to: p, force: true)
            if f.hasSuffix(".sh") || f.hasSuffix(".sbatch") { chmod(p, 0o755) }
        }
    }

    /// Appends one line to a log such as NAME.attempts.jsonl, under the output's lock
    /// (``OutputFile/lock(_:force:mayExist:)``), with one `write(2)` in append mode.
    public static func appendLine(_ line: Data, to path: String) throws {
        let (target, lock) = try OutputFile.lock(path, force: true, mayExist: true)
        defer { lock.release() }
        let fd = open(target, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw InputError(file: path, "cannot write the output: \(OSErrorText.describe(errno: errno))") }
        defer { close(fd) }
        try OutputFile.writeAll(fd, line + Data([0x0A]), path: path)
    }
}
