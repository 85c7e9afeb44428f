import Formats
import Foundation
import Likelihood

extension DataOptions {
    /// The options that differ between the shards of one study (`--shard i --nshards N`), left
    /// out of a sharded study's toys-file command line.
    static let shardOptions: Set<String> = ["--shard", "--nshards"]

    /// Where this run's toys come from, for a toys-file header (``ToysProvenance``): the data
    /// files' digests and spec changes as ``provenance(physics:seed:saved:)`` records them, and
    /// the command line without `fileOption` (the option naming the toys file or folder, whose
    /// header this is: a resumed file and an uninterrupted one carry the same line) and, for a
    /// shard of a `sharded` study, without ``shardOptions`` (every shard and a single run carry
    /// the same line, so a merge equals that run byte for byte).
    func toysProvenance(physics: PhysicsOptions?, fileOption: String..., sharded: Bool = false) throws -> ToysProvenance {
        let dropping = Set(fileOption).union(sharded ? Self.shardOptions : [])
        return ToysProvenance(try provenance(physics: physics), command: RunProvenance.thisRun(dropping: dropping).command)
    }
}
