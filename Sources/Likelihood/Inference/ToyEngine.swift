import Dispatch
import Foundation
import GSL

/// The one toy calculator: every toy-based result (toy p-values, Feldman–Cousins critical
/// values, sensitivity bands, coverage, the compatibility and hypothesis tests, toys files) throws
/// and analyses its pseudo-experiments here. The design follows pyhf's `ToyCalculator`
/// (`pyhf/infer/calculators.py`): one object that owns the seed and the parallel loop, fed with a
/// per-toy analysis, while the statistics come from the registry (``TestStatisticName``), the
/// counting from ``ToyTail`` and the p → Z conversion from ``ToyTail/significance(p:ifUnderflow:)``.
///
/// - Seedable: toy k draws from its own RNG stream, `RandomSource(seed:stream: k)` — the only
///   place in the library that seeds a generator for toys — so a result depends on the seed and
///   the toy indices only, never on the number of threads, the block size or the shard.
/// - Parallel: a block of toys is split into contiguous slices, one per thread, each with its own
///   worker state (a ``Fitter`` owns scratch memory: one per thread).
/// - Resumable and interruptible: blocks are handed to the caller's sink in toy order, and
///   `shouldStop` is polled between blocks, so an interrupted run keeps exactly the toys
///   0…k−1 of its finished blocks, and a later run can continue at toy k (as toys files do).
public struct ToyEngine: Sendable {
    /// The study's seed.
    public let seed: UInt64
    /// Worker threads (≥ 1).
    public var threads: Int

    public init(seed: UInt64, threads: Int = ProcessInfo.processInfo.activeProcessorCount) {
        self.seed = seed
        self.threads = max(1, threads)
    }

    /// The random stream of toy `k`: `RandomSource(seed:stream:)` with the study's seed.
    public func random(toy k: Int) -> RandomSource {
        RandomSource(seed: seed, stream: UInt64(k))
    }

    /// Runs `toy` for every index in `indices` and hands the results to `sink` in blocks of at
    /// most `blockSize`, in index order. `worker` makes the per-thread state (e.g. a ``Fitter``)
    /// once per thread and block; `toy(state, k, rng)` analyses toy k drawn with `rng` (stream k).
    /// `shouldStop` is polled before each block: the blocks already handed over are kept.
    /// `worker` and `toy` are called from several threads at once: they may read shared state
    /// but not change it.
    public func run<Worker, Output>(
        _ indices: Range<Int>, blockSize: Int = 2048, shouldStop: () -> Bool = { false },
        worker: () -> Worker, toy: (Worker, Int, RandomSource) -> Output, sink: ([Output]) throws -> Void
    ) rethrows {
        let workers = threads
        let size = max(1, blockSize)
        var start = indices.lowerBound
        while start < indices.upperBound {
            if shouldStop() { return }
            let end = min(start + size, indices.upperBound)
            let first = start
            if workers == 1 || end - start == 1 {
                let state = worker()
                try sink((first..<end).map { toy(state, $0, random(toy: $0)) })
            } else {
                let block = ToyResultBlock<Output>(count: end - start)
                let per = (end - start + workers - 1) / workers
                // The closures run on several threads at once: they may only read shared state
                // (the model, the truth, the data); each thread gets its own worker state and
                // RNG, and the results of disjoint slices go to the block under its lock.
                nonisolated(unsafe) let makeWorker = worker, analyse = toy
                let engine = self
                DispatchQueue.concurrentPerform(iterations: workers) { w in
                    let lo = first + w * per, hi = min(lo + per, end)
                    guard lo < hi else { return }
                    let state = makeWorker()
                    block.set(from: lo - first, (lo..<hi).map { analyse(state, $0, engine.random(toy: $0)) })
                }
                try sink(block.results)
            }
            start = end
        }
    }

    /// The toys of `indices` as one array, in index order (the whole study in memory; for
    /// studies whose results are small, e.g. one number per toy).
    public func collect<Worker, Output>(
        _ indices: Range<Int>, blockSize: Int = 2048, shouldStop: () -> Bool = { false },
        worker: () -> Worker, toy: (Worker, Int, RandomSource) -> Output
    ) -> [Output] {
        var out: [Output] = []
        out.reserveCapacity(indices.count)
        run(indices, blockSize: blockSize, shouldStop: shouldStop, worker: worker, toy: toy) { out += $0 }
        return out
    }

    /// A block size for toys that each cost about `fitsPerToy` fits: large blocks for cheap toys
    /// (the barrier between blocks costs little), about eight toys per thread for expensive ones,
    /// so that an interrupt or a progress line comes within a few toys' time.
    public func blockSize(fitsPerToy: Int) -> Int {
        fitsPerToy <= 4 ? 2048 : max(threads * 8, 16)
    }
}

/// Per-block result storage: each thread stores its contiguous slice once.
private final class ToyResultBlock<Output>: @unchecked Sendable {
    private var storage: [Output?]
    private let lock = NSLock()
    init(count: Int) { storage = Array(repeating: nil, count: count) }
    func set(from offset: Int, _ slice: [Output]) {
        lock.lock()
        for (i, r) in slice.enumerated() { storage[offset + i] = r }
        lock.unlock()
    }
    var results: [Output] { storage.map { $0! } }
}
