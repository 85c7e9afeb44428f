import Foundation

extension ToyStudy {
    /// Runs toys `indices` of this study on the toy engine and hands their records to `sink` in
    /// toy order, in blocks of at most `blockSize`: the ``runner``'s records, each with its own
    /// Feldman–Cousins critical value when the header asks for them
    /// (``Coverage/feldmanCousinsRecord(_:fitter:rng:runner:generator:engine:criticalValues:)``;
    /// a few toys per thread and block then, as each costs 2 × critical-toys fits). A record
    /// depends on the seed and its toy index only, never on the threads, blocks or shards.
    public func run(_ indices: Range<Int>, threads: Int, blockSize: Int = 4096, shouldStop: () -> Bool = { false },
                    sink: ([ToyRecord]) throws -> Void) rethrows {
        let runner = runner
        guard let fc = header.criticalValues else {
            return try runner.run(indices, threads: threads, blockSize: blockSize, shouldStop: shouldStop, sink: sink)
        }
        let (model, engine) = (model, ToyEngine(seed: header.seed, threads: threads))
        let generator = ToyGenerator(model: model, truth: truth)
        try engine.run(indices, blockSize: min(blockSize, engine.blockSize(fitsPerToy: 2 * fc.criticalToys)), shouldStop: shouldStop,
                       worker: { Fitter(model: model) },
                       toy: { fitter, k, rng in
                           Coverage.feldmanCousinsRecord(k, fitter: fitter, rng: rng, runner: runner, generator: generator, engine: engine,
                                                         criticalValues: fc)
                       }, sink: sink)
    }
}
