import Analysis
import Detector
import Dispatch
import Formats
import Foundation
import GSL
import Likelihood
import Recoil

/// The benchmark suite of `nmmfit bench`: the machine's load at start and end (so a noisy run
/// shows in its own output), the combination of every shipped dataset (wall and CPU time,
/// toys/s, fits/s/thread), one spectrum, a folded template, NLL evaluations, fits, toys and
/// fits per second (and per thread) on 1 and all cores, peak memory of a streamed toy study, and a Feldman–Cousins band. Times are
/// wall-clock medians of repeated runs (CPU times where said); build with `-c release`.
public struct BenchmarkSuite: Sendable {
    /// One benchmark: its value and the value's unit.
    public struct Row: Codable, Sendable {
        public var name: String
        public var value: Double
        public var unit: String
        public init(name: String, value: Double, unit: String) {
            self.name = name
            self.value = value
            self.unit = unit
        }
    }

    /// The result: versioned, each benchmark with its value's unit.
    public struct Output: Codable, Sendable {
        public var nmmfitOutput = OutputVersion.current
        public var benchmarks: [Row]
        enum CodingKeys: String, CodingKey { case benchmarks, nmmfitOutput = "nmmfit_output" }
        public init(benchmarks: [Row]) { self.benchmarks = benchmarks }

        /// The text table.
        public var text: String {
            TextFormat.table(["benchmark", "value", "unit"], benchmarks.map { [$0.name, TextFormat.g($0.value, 4), $0.unit] })
        }
    }

    /// Toys for the toy-throughput measurements.
    public var toys: Int
    /// Toys per point of the Feldman–Cousins timing (30 points).
    public var fcToys: Int
    /// Skip the (long) Feldman–Cousins band timing.
    public var skipFeldmanCousins: Bool
    /// Only the benchmarks of the combination of all shipped datasets.
    public var combinedOnly: Bool

    public init(toys: Int = 20000, fcToys: Int = 10000, skipFeldmanCousins: Bool = false, combinedOnly: Bool = false) {
        self.toys = toys
        self.fcToys = fcToys
        self.skipFeldmanCousins = skipFeldmanCousins
        self.combinedOnly = combinedOnly
    }

    /// The process CPU time (s) of `body` — the time on one core for single-threaded work,
    /// independent of other processes' load.
    public static func cpuSeconds(_ body: () throws -> Void) rethrows -> Double {
        let c0 = clock()
        try body()
        return Double(clock() - c0) / Double(CLOCKS_PER_SEC)
    }

    public static func time(_ repeats: Int, _ body: () throws -> Void) rethrows -> Double {
        var ts: [Double] = []
        for _ in 0..<repeats {
            let t0 = DispatchTime.now().uptimeNanoseconds
            try body()
            ts.append(Double(DispatchTime.now().uptimeNanoseconds - t0) * 1e-9)
        }
        ts.sort()
        return ts[ts.count / 2]
    }

    /// Runs the suite; `progress` sees each benchmark as it finishes.
    public func run(progress: (Row) -> Void = { _ in }) throws -> Output {
        do {
            var rows: [Row] = []
            func add(_ n: String, _ v: Double, _ u: String) {
                rows.append(Row(name: n, value: v, unit: u))
                progress(rows[rows.count - 1])
            }
            let cores = ProcessInfo.processInfo.activeProcessorCount
            var sink = 0.0
            // the machine's load, so that a run on a busy machine shows it in its own output
            if let load = Self.loadAverage() {
                add("machine load at start: 1-minute load average (/proc/loadavg) on \(cores) cores", load, "runnable tasks")
            }
            // 0. the combination of every shipped dataset (issue #12): from loading the data to the
            // combined interval, the per-dataset fits and the compatibility test; then toys on it
            let names = try AnalysisConfig.expand([AnalysisConfig.allDatasets], dataDirectory: nil)
            let combo = AnalysisConfig(channels: names.map { AnalysisConfig.Channel(dataset: $0) })
            var cpuCombo = 0.0
            let tCombo = try Self.time(3) { cpuCombo += try Self.cpuSeconds { sink += try combo.analyse().report.interval[1] } }
            add("combined fit of all \(names.count) datasets, defaults (policy tritium-free, shared atomic nuisance): load, fold, fit, interval, expected limits, per-dataset fits, compatibility calibrated with adaptive toys on \(cores) threads (the fits on 1)", tCombo, "s")
            add("same, CPU time summed over its threads (the time on one core; the wall time above grows with the machine's load)", cpuCombo / 3, "s")
            // the slowest calibration: a combination in tension needs the most toys (XENON1T's
            // ³H fixed to 0: ~1.5×10⁴ toys until 100 reach the data's statistic)
            var tensionCombo = combo
            tensionCombo.combinationPolicy = .tritiumZero
            var toysUsed = 0
            var cpuTension = 0.0
            let tTension = try Self.time(1) { cpuTension = try Self.cpuSeconds { toysUsed = try tensionCombo.analyse().report.compatibility?.toys ?? 0 } }
            add("same, policy tritium-zero (datasets in tension; \(toysUsed) compatibility toys)", tTension, "s")
            add("same, CPU time summed over its threads (the time on one core)", cpuTension, "s")
            let cm = try combo.buildModel().model
            let cTruth = try ProfileLikelihood(model: cm).conditionalFit(internal: 0).internalValues
            let cRunner = ToyRunner(model: cm, truth: cTruth, statistic: .q0, seed: 1)
            var cpuToys = 0.0
            let tToys = Self.time(1) { cpuToys = Self.cpuSeconds { cRunner.run(0..<toys, threads: 1) { sink += Double($0.count) } } }
            add("combined model (\(cm.binCount) bins, \(cm.parameterCount) parameters): q0 toys/s on 1 thread (2 fits each)", Double(toys) / tToys, "toys/s")
            add("combined model: fits/s/thread on 1 thread", 2 * Double(toys) / tToys, "fits/s/thread")
            // the same study per second of its own CPU time: on a loaded machine the wall-clock
            // rate above falls with the other processes' share of the core, this one much less
            add("combined model: q0 toys per CPU second on 1 thread", Double(toys) / cpuToys, "toys/CPU-s")
            if combinedOnly {
                if let load = Self.loadAverage() { add("machine load at end: 1-minute load average (/proc/loadavg)", load, "runnable tasks") }
                if sink == .infinity { print("") }
                return Output(benchmarks: rows)
            }
            // 1. one full spectrum: all sources, stepping, 1–30 keV in 0.1 keV steps (291 energies)
            let grid = try RecoilTable.grid(from: 1, to: 30, step: 0.1)
            let tSpec = try Self.time(3) { _ = try RecoilCalculator(model: RecoilModel()).tabulate(grid) }
            add("spectrum: all sources, stepping, 1–30 keV / 0.1 keV (291 energies)", tSpec * 1e3, "ms")
            // 2. binned, detector-folded template for XENON1T 1–7 keV
            let ds = try DataLocator.dataset(named: "xenon1t_sr1")
            let bins = try ds.binned().bins
            let tTpl = try Self.time(3) { _ = try SignalTemplate.make(model: RecoilModel(), detector: ds.detector, bins: bins) }
            add("XENON1T 1–7 keV folded template (signal, weak, ±1σ efficiency)", tTpl * 1e3, "ms")
            // 3. NLL evaluation and a profiled fit on XENON1T 1–7 keV
            let model = try AnalysisConfig().buildModel().model
            let obs = model.observed
            var theta = model.initial
            theta[model.poiIndex] = 5
            let nEval = 1_000_000
            let tNLL = Self.time(3) { for _ in 0..<nEval { theta[1] += 1e-12; sink += model.nll(theta, obs) } }
            add("NLL evaluation (XENON1T, 6 bins, 4 parameters)", tNLL / Double(nEval) * 1e9, "ns")
            let ws = BinnedModel.Workspace(model: model)
            let tGrad = Self.time(3) { for _ in 0..<nEval { theta[1] += 1e-12; sink += model.evaluate(theta, obs, into: ws) } }
            add("NLL + gradient + Hessian evaluation", tGrad / Double(nEval) * 1e9, "ns")
            let fitter = Fitter(model: model)
            let nFit = 20000
            let tFit = try Self.time(3) { for _ in 0..<nFit { sink += try fitter.fit(obs).nll } }
            add("profiled fit (μν and 3 nuisances, Newton)", tFit / Double(nFit) * 1e6, "µs")
            // 4. toys
            let pl = try ProfileLikelihood(model: model)
            let truth = try pl.conditionalFit(internal: 0).internalValues
            let runner = ToyRunner(model: model, truth: truth, statistic: .q0, seed: 1)
            for threads in Array(Set([1, cores])).sorted() {
                var cpu = 0.0
                let t = Self.time(1) { cpu = Self.cpuSeconds { runner.run(0..<toys, threads: threads) { sink += Double($0.count) } } }
                add("q0 toys/s on \(threads) thread(s) (2 fits each)", Double(toys) / t, "toys/s")
                add("fits/s on \(threads) thread(s)", 2 * Double(toys) / t, "fits/s")
                add("fits/s/thread on \(threads) thread(s)", 2 * Double(toys) / t / Double(threads), "fits/s/thread")
                if threads == 1 { add("q0 toys per CPU second on 1 thread", Double(toys) / cpu, "toys/CPU-s") }
            }
            // peak memory: the runner streams blocks, so the peak must not grow with the number of toys
            func peakMB() -> Double {
                var u = rusage()
                getrusage(RUSAGE_SELF.rawValue, &u)
                return Double(u.ru_maxrss) / 1024
            }
            runner.run(0..<10_000, threads: cores) { sink += Double($0.count) }
            let after1e4 = peakMB()
            runner.run(0..<100_000, threads: cores) { sink += Double($0.count) }
            let after1e5 = peakMB()
            add("peak RSS after a 10⁴-toy study", after1e4, "MB")
            add("peak RSS after a further 10⁵-toy study", after1e5, "MB")
            if !skipFeldmanCousins {
                let fc = FeldmanCousins(profile: pl, cl: 0.9, toysPerPoint: fcToys, seed: 1, threads: cores)
                let gridFC = (0..<30).map { 5e-11 * Double($0) / 29 }
                let t = try Self.time(1) { _ = try fc.construct(grid: gridFC) }
                add("Feldman–Cousins band: 30 points × \(fcToys) toys on \(cores) threads", t, "s")
            }
            if let load = Self.loadAverage() { add("machine load at end: 1-minute load average (/proc/loadavg)", load, "runnable tasks") }
            if sink == .infinity { print("") }
            return Output(benchmarks: rows)
        }
    }

    /// The 1-minute load average: the first field of /proc/loadavg (proc(5)), read through
    /// ``TextInput``; elsewhere getloadavg(3). Nil when neither is available.
    public static func loadAverage() -> Double? {
        if let text = try? TextInput.read(path: "/proc/loadavg", what: "load average"),
           let first = text.split(separator: " ").first, let v = Double(first) {
            return v
        }
        var v = [0.0]
        return getloadavg(&v, 1) == 1 ? v[0] : nil
    }
}
