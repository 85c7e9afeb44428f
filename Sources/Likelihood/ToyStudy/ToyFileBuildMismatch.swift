/// A toys file whose toys another build wrote, where one build was required (resuming a shard,
/// merging shards). The front end says how to allow it; `message` names both builds.
public struct ToyFileBuildMismatch: Error, Sendable {
    public var path: String
    public var message: String
    /// True when merging shards, false when extending one file.
    public var merging: Bool
}
