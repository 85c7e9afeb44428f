import Foundation

/// Where a result came from, written at the top level of every JSON output (``ResultDocument``):
/// the build (`tool_version`, `commit`), the full command line (`command`), the SHA-256 of every
/// data file read (`data_digests`), and where they apply the toys' `seed`, the dataset spec
/// changes (`spec_overrides`, `--set` in the `nmmfit` tool) and the datasets digitised from
/// published figures (`digitised_datasets`). A value made by the front end for one run and passed
/// along with the result — no global state.
public struct RunProvenance: Sendable, Encodable, Equatable {
    /// The release version of the tool that computed the result.
    public var toolVersion: String
    /// The git commit of its sources ("unknown" when built outside git).
    public var commit: String
    /// The command line, words joined by spaces and quoted for a POSIX shell where needed.
    public var command: String
    /// SHA-256 (lowercase hex) of every data file read, keyed by its path (relative to the data
    /// directory when the file is inside it).
    public var dataDigests: [String: String]
    /// The seed of the result's toys, when it used any.
    public var seed: UInt64?
    /// The dataset spec changes of this run (`NAME.KEY=VALUE`), when there were any.
    public var specOverrides: [String]?
    /// The datasets among the result's data that were digitised from published figures (empty
    /// when all are official releases); nil for results computed without data.
    public var digitisedDatasets: [String]?

    public init(toolVersion: String, commit: String, command: String, dataDigests: [String: String] = [:],
                seed: UInt64? = nil, specOverrides: [String]? = nil, digitisedDatasets: [String]? = nil) {
        self.toolVersion = toolVersion
        self.commit = commit
        self.command = command
        self.dataDigests = dataDigests
        self.seed = seed
        self.specOverrides = specOverrides
        self.digitisedDatasets = digitisedDatasets
    }

    enum CodingKeys: String, CodingKey {
        case commit, command, seed
        case toolVersion = "tool_version"
        case dataDigests = "data_digests"
        case specOverrides = "spec_overrides"
        case digitisedDatasets = "digitised_datasets"
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(toolVersion, forKey: .toolVersion)
        try c.encode(commit, forKey: .commit)
        try c.encode(command, forKey: .command)
        try c.encode(dataDigests, forKey: .dataDigests)
        try c.encodeIfPresent(seed, forKey: .seed)
        try c.encodeIfPresent(specOverrides, forKey: .specOverrides)
        try c.encodeIfPresent(digitisedDatasets, forKey: .digitisedDatasets)
    }

    /// Adds the SHA-256 of each file to ``dataDigests`` (keyed relative to `dataDirectory` when
    /// the file is inside it). A file that cannot be read is an ``InputError``.
    public mutating func digest(files: [String], relativeTo dataDirectory: URL? = nil) throws {
        let root = dataDirectory.map { $0.standardizedFileURL.path + "/" }
        for f in files {
            let path = URL(fileURLWithPath: f).standardizedFileURL.path
            let key = root.flatMap { path.hasPrefix($0) ? String(path.dropFirst($0.count)) : nil } ?? f
            dataDigests[key] = try SHA256.hex(file: path)
        }
    }

    /// The command line of this process: `name` then the arguments, quoted for a POSIX shell
    /// where a word holds anything but letters, digits and `-_./=:,+@%`.
    public static func commandLine(name: String, arguments: [String]) -> String {
        ([name] + arguments).map(shellQuoted).joined(separator: " ")
    }

    /// The command line without the options named in `dropping`, each with its value (`--shard 3`
    /// or `--shard=3`), and the flags named in `droppingFlags` (`-q`): e.g. the options that
    /// differ between the shards of one study. Words after a `--` are kept as they are.
    public static func commandLine(name: String, arguments: [String], dropping: Set<String>, droppingFlags: Set<String> = []) -> String {
        var kept: [String] = []
        var i = 0
        while i < arguments.count {
            let w = arguments[i]
            if w == "--" {
                kept += arguments[i...]
                break
            }
            if dropping.contains(w) {
                i += 2
                continue
            }
            if droppingFlags.contains(w) {
                i += 1
                continue
            }
            if let eq = w.firstIndex(of: "="), dropping.contains(String(w[..<eq])) {
                i += 1
                continue
            }
            kept.append(w)
            i += 1
        }
        return commandLine(name: name, arguments: kept)
    }

    static func shellQuoted(_ w: String) -> String {
        let plain = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%")
        if !w.isEmpty && w.allSatisfy({ plain.contains($0) }) { return w }
        return "'" + w.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
