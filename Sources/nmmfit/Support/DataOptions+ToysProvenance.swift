import BuildInfo
import Formats
import Foundation
import Likelihood

extension DataOptions {
    /// The options that differ between the shards of one study (`--shard i --nshards N`), left
    /// out of a sharded study's toys-file command line.
    static let shardOptions: Set<String> = ["--shard", "--nshards"]
    /// How the process runs, which never changes a toy (toy k is stream k of the seed): left out
    /// of every toys-file command line, options with their values, then flags.
    static let processOptions: Set<String> = ["--threads"]
    static let processFlags: Set<String> = ["-q", "--quiet", "--force", "--allow-other-build"]

    /// Where this run's toys come from, for a toys-file header (``ToysProvenance``): the data
    /// files' digests and spec changes as ``provenance(physics:seed:saved:)`` records them, and
    /// the command line without what differs between the files of one study while every toy
    /// stays the same: `fileOption` (the option naming the toys file or folder, whose header this
    /// is), ``processOptions`` and ``processFlags`` (threads, quiet, force), and for a shard of a
    /// `sharded` study ``shardOptions``. So a resumed file equals an uninterrupted one, and the
    /// shards of a study (a `batch` job's or typed by hand) carry the line of a single run of
    /// the same options, so that their merge equals that run byte for byte.
    func toysProvenance(physics: PhysicsOptions?, fileOption: String..., sharded: Bool = false) throws -> ToysProvenance {
        let dropping = Set(fileOption).union(Self.processOptions).union(sharded ? Self.shardOptions : [])
        return ToysProvenance(try provenance(physics: physics),
                              command: RunProvenance.thisRun(dropping: dropping, droppingFlags: Self.processFlags).command)
    }

    /// `header` stamped with this build and this run's ``toysProvenance(physics:fileOption:sharded:)``
    /// (the `--save-toys` files: not sharded, `fileOption` names the file).
    func stamped<H: ToysHeaderStamp>(_ header: H, physics: PhysicsOptions?, fileOption: String) throws -> H {
        header.stamped(version: BuildInfo.version, commit: BuildInfo.commit, provenance: try toysProvenance(physics: physics, fileOption: fileOption))
    }
}
