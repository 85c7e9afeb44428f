import Dispatch
import Formats
import Foundation
import Likelihood

/// The size of a study's shards: the time per toy from a short calibration run here, the shard
/// count for a target run time, and each shard's estimated run time.
public enum ShardSizing {
    /// Seconds per toy from timing a few toys of the study here (single thread; at least 3 toys
    /// and about 2 s, at most 200 toys, at most `ntoys`). Their results are discarded.
    public static func secondsPerToy(_ study: ToyStudy, ntoys: Int) -> Double {
        let start = DispatchTime.now().uptimeNanoseconds
        var done = 0
        while done < min(200, ntoys) {
            let n = done < 3 ? 3 - done : min(done, 200 - done)
            study.run(done..<min(done + n, ntoys), threads: 1, blockSize: n) { _ in }
            done = min(done + n, ntoys)
            if Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 > 2 || done >= ntoys { break }
        }
        return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 / Double(max(done, 1))
    }

    /// A study's shard count, by the first rule that applies: `nshards` as given; from
    /// `toysPerShard` (⌈ntoys / toysPerShard⌉); the count in the study's record (`recorded`,
    /// NAME.study.json; nil when starting afresh) when it is the same study (toys, seed and toy
    /// options), so that a re-run keeps its shards; from the calibration's seconds per toy and
    /// a target run time per shard (``shards(ntoys:threads:perToy:targetSeconds:)``), raised
    /// so that no shard holds more than `mostPerShard` toys (what one process may run) when given.
    /// - Throws: ``InputError`` when only a target run time is given and neither a calibration
    ///   nor a record of the study is at hand (`studyFile` names the record).
    public static func count(ntoys: Int, seed: UInt64, toyArguments: [String], threads: Int, nshards: Int? = nil,
                             toysPerShard: Int? = nil, recorded: BatchStudy? = nil, perToy: Double? = nil, targetSeconds: Int? = nil,
                             mostPerShard: Int? = nil, studyFile: String, kind: BatchStudyKind = .toys) throws -> Int {
        try sizing(ntoys: ntoys, seed: seed, toyArguments: toyArguments, threads: threads, nshards: nshards, toysPerShard: toysPerShard,
                   recorded: recorded, perToy: perToy, targetSeconds: targetSeconds, mostPerShard: mostPerShard,
                   studyFile: studyFile, kind: kind).shards
    }

    /// ``count(ntoys:seed:toyArguments:threads:nshards:toysPerShard:recorded:perToy:targetSeconds:mostPerShard:studyFile:kind:)``
    /// and, when `mostPerShard` raised the count the target run time asked for, that count
    /// (`raisedFrom`; nil otherwise), for the note a front end prints.
    public static func sizing(ntoys: Int, seed: UInt64, toyArguments: [String], threads: Int, nshards: Int? = nil,
                              toysPerShard: Int? = nil, recorded: BatchStudy? = nil, perToy: Double? = nil, targetSeconds: Int? = nil,
                              mostPerShard: Int? = nil, studyFile: String, kind: BatchStudyKind = .toys) throws -> (shards: Int, raisedFrom: Int?) {
        if let nshards { return (nshards, nil) }
        if let toysPerShard { return ((ntoys + toysPerShard - 1) / toysPerShard, nil) }
        if let recorded, recorded.ntoys == ntoys, recorded.seed == seed, recorded.toyArguments == toyArguments,
           recorded.study == BatchStudy.studyField(kind) {
            return (recorded.nshards, nil)
        }
        if let perToy, let targetSeconds {
            let sized = shards(ntoys: ntoys, threads: threads, perToy: perToy, targetSeconds: targetSeconds)
            guard let mostPerShard else { return (sized, nil) }
            let capped = (ntoys + max(mostPerShard, 1) - 1) / max(mostPerShard, 1)
            return capped > sized ? (capped, sized) : (sized, nil)
        }
        throw InputError("--shard-duration needs the calibration run, or the study's \(studyFile)")
    }

    /// The most toys one shard (one process) may run, from the toy budget (``ToyWork/budget``)
    /// and what one toy of the shard costs on a model of `bins` bins: a toys file's toy
    /// (``ToyWork/toysFileToys``), and for a Feldman–Cousins coverage study also its
    /// `criticalToys` inner toys (``ToyWork/coverageCriticalToys`` each).
    public static func mostPerShard(criticalToys: Int? = nil, bins: Int) throws -> Int {
        let perToy = ToyWork.toysFileToys.seconds(bins: bins) + Double(criticalToys ?? 0) * ToyWork.coverageCriticalToys.seconds(bins: bins)
        return max(1, Int(min(Double(try ToyWork.budget.value()) / perToy, Double(Int.max / 2))))
    }

    /// Toys per shard for shards of about a minute at `perToy` seconds per toy on `threads`
    /// threads (at least 1): what to suggest when the shards would be shorter.
    public static func toysPerMinute(threads: Int, perToy: Double) -> Int {
        max(1, Int((60 * Double(threads) / perToy).rounded(.up)))
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
