import Formats
import Foundation

/// Where a toys file's toys came from, as every `--json` output says it (``RunProvenance``): the
/// command line, the SHA-256 of every data file read and the dataset spec changes. Written in
/// every toys-file header under `provenance` (``ToyFileHeader``, ``ToyValuesHeader``) beside
/// the header's build (`nmmfit_version`, `nmmfit_commit`) and `seed`.
///
/// It is not part of a study's identity: a file resumed by another command line of the same
/// study keeps the provenance of the run that started it, and shards of one study merge whatever
/// their command lines. The command leaves out what differs between the files of one study while
/// every toy stays the same: the option naming the toys file (or folder) itself and how the
/// process runs (threads, quiet, force), so that a file resumed after an interruption equals an
/// uninterrupted one byte for byte; a sharded study's file (`nmmfit toys`, `nmmfit coverage --write-toys`) also leaves out
/// the shard options, so that every shard, a merge of them and a single run of the same options
/// carry the same provenance and a merge equals a single run byte for byte. Each run of a shard
/// records its full command line (``ToyRun/command``).
public struct ToysProvenance: Codable, Equatable, Sendable {
    /// The command line (words quoted for a POSIX shell where needed), without the option naming
    /// the toys file, the process options (threads, quiet, force) and, in a sharded study's file,
    /// the shard options; several, joined by ``commandSeparator``,
    /// in a merge of shards run by different command lines.
    public var command: String
    /// SHA-256 (lowercase hex) of every data file read, keyed by its path (relative to the data
    /// directory when the file is inside it), as ``RunProvenance/dataDigests``.
    public var dataDigests: [String: String]
    /// The dataset spec changes of the run (`NAME.KEY=VALUE`), when there were any.
    public var specOverrides: [String]?

    /// Between the command lines of a merge whose shards were run by different ones.
    public static let commandSeparator = " ; "

    enum CodingKeys: String, CodingKey {
        case command
        case dataDigests = "data_digests"
        case specOverrides = "spec_overrides"
    }

    public init(command: String, dataDigests: [String: String] = [:], specOverrides: [String]? = nil) {
        self.command = command
        self.dataDigests = dataDigests
        self.specOverrides = specOverrides
    }

    /// The toys' provenance from the run's (``RunProvenance``), with `command` in place of the
    /// run's when given (a sharded study's command without its shard options).
    public init(_ run: RunProvenance, command: String? = nil) {
        self.init(command: command ?? run.command, dataDigests: run.dataDigests, specOverrides: run.specOverrides)
    }

    /// Whether it can be what a build wrote: a command line, and every digest 64 lowercase hex
    /// digits of a named file (a header that fails is not read as a toys file's).
    public var isValid: Bool {
        !command.isEmpty && dataDigests.allSatisfy { file, digest in
            !file.isEmpty && digest.utf8.count == 64 && digest.utf8.allSatisfy { (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }
        }
    }

    /// The provenance of a merge of files with these provenances (files without one, written by
    /// older builds, are passed over): the distinct command lines in order, the union of the data
    /// digests and the distinct spec changes. Two files that read one path with different
    /// contents are not one study's record: that throws, naming both files.
    public static func merged(_ parts: [(path: String, provenance: ToysProvenance?)]) throws -> ToysProvenance? {
        let known = parts.compactMap { p in p.provenance.map { (p.path, $0) } }
        guard let first = known.first else { return nil }
        var commands: [String] = [], overrides: [String] = []
        var digests: [String: (digest: String, path: String)] = [:]
        for (path, p) in known {
            if !commands.contains(p.command) { commands.append(p.command) }
            for o in p.specOverrides ?? [] where !overrides.contains(o) { overrides.append(o) }
            for (file, digest) in p.dataDigests.sorted(by: { $0.key < $1.key }) {
                if let seen = digests[file], seen.digest != digest {
                    throw InputError(file: path, line: 1, "read \(file) with SHA-256 \(digest.prefix(12))…, but \(seen.path) read it with \(seen.digest.prefix(12))…: the shards were computed from different data files")
                }
                digests[file] = (digest, path)
            }
        }
        return ToysProvenance(command: commands.joined(separator: commandSeparator), dataDigests: digests.mapValues(\.digest),
                              specOverrides: first.1.specOverrides == nil && overrides.isEmpty ? nil : overrides)
    }
}
