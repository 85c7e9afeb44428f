/// What the shards of a batch study run: `nmmfit toys` (a toys file of q0 or t̃) or `nmmfit
/// coverage --write-toys` (a coverage study's toys at one true μν: t̃ there and, with
/// `--method feldman-cousins`, each toy's own critical value from its inner toys).
public enum BatchStudyKind: String, CaseIterable, Sendable {
    case toys, coverage

    /// The options `batch` sets itself in every shard's call (not to be passed after `--`).
    public var reservedArguments: [String] {
        switch self {
        case .toys: ["--shard", "--nshards", "-o", "--output", "--seed", "-n", "--ntoys", "--threads", "--force", "--allow-other-build"]
        case .coverage: ["--shard", "--nshards", "--write-toys", "--seed", "--toys", "--threads", "--force", "--allow-other-build",
                         "--from-toys", "-o", "--output", "--json"]
        }
    }

    /// Options of a shard's call that the coverage read of the merged file does not take
    /// (`coverage --from-toys`: the file fixes the true μν and its toys), with whether they take a value.
    static let shardOnlyOptions: [String: Bool] = ["--mu": true, "--critical-toys": true, "-q": false, "--quiet": false]
}
