import ArgumentParser
import Foundation
import GSL
import Likelihood
import Recoil

/// The first line of a toys file: what the study is, so that shards can be merged safely and an
/// interrupted run can be resumed.
struct ToysHeader: Codable, Equatable {
    var nmmfitToys = 1
    var seed: UInt64
    var muNuTrue: Double
    var statistic: String
    var testedMuNu: Double?
    var totalToys: Int
    var shard: Int
    var nshards: Int
    var model: String
    /// FNV-1a 64-bit digest of the canonical model spec JSON and the true parameters: two files
    /// are one study only if it matches (window, binning, physics options, spec, truth).
    var modelDigest: String
    enum CodingKeys: String, CodingKey {
        case seed, statistic, shard, nshards, model
        case modelDigest = "model_digest"
        case nmmfitToys = "nmmfit_toys"
        case muNuTrue = "mu_nu_true"
        case testedMuNu = "tested_mu_nu"
        case totalToys = "total_toys"
    }
}

struct Toys: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Generate and fit toys at given parameters, one JSON line per toy (shardable, resumable).",
        discussion: """
        The output starts with a header line, then one line per toy (keys: toy, mu_nu_hat, s_hat, \
        s_hat_error, statistic, nll_free, nll_constrained, converged, failed). Toy k always uses RNG \
        stream k of --seed, so `--shard i --nshards N` for i = 0…N−1 followed by `nmmfit merge` gives \
        exactly the single-run file. Re-running the same command on an existing file resumes it: \
        complete toys are kept, a truncated last line is dropped. Ctrl-C keeps finished toys.
        """)

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions

    @Option(help: "True μν of the toys (μB); nuisances at their conditional fit to the data.")
    var mu: Double = 0
    @Option(name: .customShort("n"), help: "Number of toys in the whole study.")
    var ntoys: Int = 1000
    @Option(help: "Test statistic: q0 (discovery) or t (t̃ at --test-mu).")
    var statistic: String = "q0"
    @Option(help: "μν tested by the t statistic (μB); default --mu.")
    var testMu: Double?
    @Option(help: "Random seed of the study.")
    var seed: UInt64 = 1
    @Option(help: "This shard's index (0-based).")
    var shard: Int = 0
    @Option(help: "Number of shards the study is split into.")
    var nshards: Int = 1
    @Option(help: "Threads (default: all cores).")
    var threads: Int = ProcessInfo.processInfo.activeProcessorCount
    @Option(name: .shortAndLong, help: "Output file (JSON lines); required.")
    var output: String
    @Flag(help: "Start the file afresh even if it exists.")
    var force = false
    @Flag(name: .shortAndLong, help: "No progress output.")
    var quiet = false

    func validate() throws {
        guard mu.isFinite, mu >= 0 else { throw ValidationError("--mu must be ≥ 0 (μB), got \(mu)") }
        if let t = testMu, !(t.isFinite && t >= 0) { throw ValidationError("--test-mu must be ≥ 0 (μB)") }
        guard ntoys >= 1 else { throw ValidationError("-n must be ≥ 1") }
        guard ["q0", "t"].contains(statistic) else { throw ValidationError("--statistic must be q0 or t") }
        guard nshards >= 1, shard >= 0, shard < nshards else { throw ValidationError("need 0 ≤ --shard < --nshards") }
        guard threads >= 1 else { throw ValidationError("--threads must be ≥ 1") }
        try MuNuOption.validate(mu, option: "--mu")
        try MuNuOption.validate(testMu, option: "--test-mu")
        try ResourceLimit.toys.validate(ntoys, option: "-n")
        try ResourceLimit.shards.validate(nshards, option: "--nshards")
        try ResourceLimit.threads.validate(threads, option: "--threads")
    }

    func run() throws {
        try CLIErrors.run {
            // one writer per toys file (issue #17); a folder, FIFO or device is refused
            let lock = try FileLock.acquire(for: try OutputFile.checkedTarget(output))
            defer { lock.release() }
            let model = try data.model(physics: physics)
            let pl = try ProfileLikelihood(model: model)
            let truth = try pl.conditionalFit(muNu: mu).internalValues
            let tested = testMu ?? mu
            let stat: ToyStatistic = statistic == "q0" ? .q0 : .tTilde(s: model.internalPOI(muNu: tested))
            let header = ToysHeader(seed: seed, muNuTrue: mu, statistic: statistic, testedMuNu: statistic == "t" ? tested : nil,
                                    totalToys: ntoys, shard: shard, nshards: nshards, model: model.channelNames.joined(separator: "+"),
                                    modelDigest: try ToysHeader.digest(model: model, truth: truth))
            let range = Sharding.range(shard: shard, of: nshards, total: ntoys)
            let file = try ToysFile.open(path: output, header: header, force: force)
            let todo = range.filter { !file.done.contains($0) }
            if !file.done.isEmpty && !quiet {
                FileHandle.standardError.write(Data("resuming: \(file.done.count) toys already in \(output), \(todo.count) to go\n".utf8))
            }
            Interrupt.shared.install()
            let progress = Progress(total: todo.count, label: "toys", quiet: quiet)
            let runner = ToyRunner(model: model, truth: truth, statistic: stat, seed: seed)
            var written = 0
            // contiguous runs of missing indices, in order
            var runs: [Range<Int>] = []
            for k in todo {
                if let last = runs.last, last.upperBound == k { runs[runs.count - 1] = last.lowerBound..<(k + 1) } else { runs.append(k..<(k + 1)) }
            }
            for r in runs {
                try runner.run(r, threads: threads, blockSize: 4096, shouldStop: { Interrupt.shared.requested }) { block in
                    try file.append(block)
                    written += block.count
                    progress.update(written)
                }
                if Interrupt.shared.requested { break }
            }
            file.close()
            if !quiet {
                FileHandle.standardError.write(Data("wrote \(written) toys to \(output) (shard \(shard)/\(nshards): toys \(range.lowerBound)…\(range.upperBound - 1))\n".utf8))
            }
            if Interrupt.shared.requested { throw ExitCode(130) }
        }
    }
}

extension ToysHeader {
    /// FNV-1a (64-bit) over the sorted-key spec JSON and the truth values' bit patterns.
    static func digest(model: BinnedModel, truth: [Double]) throws -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func eat(_ bytes: some Sequence<UInt8>) { for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 } }
        eat(try model.spec.jsonData())
        for t in truth { withUnsafeBytes(of: t.bitPattern.littleEndian) { eat($0) } }
        return String(h, radix: 16)
    }
}

/// An append-only JSON-lines toys file: header, then complete toy lines.
final class ToysFile {
    let handle: FileHandle
    let path: String
    var done: Set<Int> = []

    private init(handle: FileHandle, path: String) {
        self.handle = handle
        self.path = path
    }

    static func open(path: String, header: ToysHeader, force: Bool) throws -> ToysFile {
        let fm = FileManager.default
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let headerLine = String(decoding: try enc.encode(header), as: UTF8.self) + "\n"
        var keep = ""
        var done: Set<Int> = []
        if fm.fileExists(atPath: path) && !force {
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
                throw InputError(file: path, "exists but is not a readable text file; use --force to overwrite it")
            }
            var lines = text.components(separatedBy: "\n")
            let complete = text.hasSuffix("\n")
            if lines.last == "" { lines.removeLast() }
            if !complete && !lines.isEmpty { lines.removeLast() }  // truncated by an interruption
            guard let first = lines.first, let existing = try? JSONDecoder().decode(ToysHeader.self, from: Data(first.utf8)) else {
                throw InputError(file: path, line: 1, "not an nmmfit toys file (no header); use --force to overwrite it")
            }
            guard existing == header else {
                throw InputError(file: path, line: 1, "the existing file is a different study (seed, μν, shard, model, window or physics options differ); use --force to start afresh")
            }
            keep = headerLine
            for (i, l) in lines.enumerated().dropFirst() {
                guard let r = try? JSONDecoder().decode(ToyRecord.self, from: Data(l.utf8)) else {
                    throw InputError(file: path, line: i + 1, "malformed toy line")
                }
                if done.insert(r.toy).inserted { keep += l + "\n" }
            }
        } else {
            keep = headerLine
        }
        // rewrite the cleaned file atomically, then append to it
        try OutputFile.write(keep, to: path, force: true)
        guard let h = FileHandle(forWritingAtPath: path) else { throw InputError(file: path, "cannot open for appending") }
        h.seekToEndOfFile()
        let f = ToysFile(handle: h, path: path)
        f.done = done
        return f
    }

    func append(_ records: [ToyRecord]) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        var chunk = Data()
        for r in records {
            chunk.append(try enc.encode(r))
            chunk.append(0x0A)
        }
        try handle.write(contentsOf: chunk)
        try handle.synchronize()
    }

    func close() { try? handle.close() }
}
