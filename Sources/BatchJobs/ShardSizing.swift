import Dispatch
import Foundation
import Likelihood

/// The size of a study's shards: the time per toy from a short calibration run here, the shard
/// count for a target run time, and each shard's estimated run time.
public enum ShardSizing {
    /// Seconds per toy from timing a few toys of the study here (single thread; at least 3 toys
    /// and about 2 s, at most 200 toys, at most `ntoys`). Their results are discarded.
    public static func secondsPerToy(_ study: ToyStudy, ntoys: Int) -> Double {
        let runner = study.runner
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < min(200, ntoys) {
            let n = done < 3 ? 3 - done : min(done, 200 - done)
            runner.run(done..<min(done + n, ntoys), threads: 1, blockSize: n) { _ in }
            done = min(done + n, ntoys)
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > 2 || done >= ntoys { break }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(max(done, 1))
    }

    /// Shards of about `targetSeconds` each, at `perToy` seconds per toy on one thread (1 … ntoys).
    public static func shards(ntoys: Int, threads: Int, perToy: Double, targetSeconds: Int) -> Int {
        let perShard = max(1, Int(Double(targetSeconds) * Double(threads) / max(perToy, 1e-9)))
        return min(ntoys, max(1, (ntoys + perShard - 1) / perShard))
    }

    /// Toys of the largest shard and its estimated run time (s) on `threads` threads.
    public static func estimate(ntoys: Int, shards: Int, threads: Int, perToy: Double) -> (toys: Int, seconds: Double) {
        let perShard = (ntoys + shards - 1) / shards
        return (perShard, perToy * Double(perShard) / Double(threads))
    }
}
