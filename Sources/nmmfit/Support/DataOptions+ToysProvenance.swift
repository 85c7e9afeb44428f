import Formats
import Foundation
import Likelihood

extension DataOptions {
    /// The options that differ between the shards of one study (`--shard i --nshards N`), left
    /// out of a sharded study's toys-file command line with the option naming the file written.
    static let shardOptions: Set<String> = ["--shard", "--nshards"]

    /// Where this run's toys come from, for a toys-file header (``ToysProvenance``): the data
    /// files' digests and spec changes as ``provenance(physics:seed:saved:)`` records them, and
    /// the command line without `dropping` (for a sharded study: ``shardOptions`` and the
    /// output file's option, so that every shard and a single run carry the same line).
    func toysProvenance(physics: PhysicsOptions?, dropping: Set<String> = []) throws -> ToysProvenance {
        ToysProvenance(try provenance(physics: physics), command: RunProvenance.thisRun(dropping: dropping).command)
    }
}
