import Formats
import Foundation

/// The batch system a study's job files are written for.
public enum BatchSystem: String, CaseIterable, Sendable { case slurm, htcondor }

/// What a sharded toy study's job files say (``JobFiles``): the system, the study (name, toys,
/// seed, toy options), each shard's resources, and the command line that wrote them (the
/// resubmit command repeats it).
public struct BatchOptions: Sendable {
    public var system: BatchSystem
    /// Study name (file prefix).
    public var name: String
    /// Toys in the whole study.
    public var ntoys: Int
    public var seed: UInt64
    /// Threads per shard.
    public var threads: Int
    /// Path of the nmmfit executable on the worker nodes (nil: this executable).
    public var executable: String?
    /// Wall-time limit per shard (Slurm's format).
    public var time: String?
    /// Memory per shard (Slurm's --mem format).
    public var mem: String?
    public var partition: String?
    public var account: String?
    /// Extra lines for every job file.
    public var directives: [String]
    /// At most this many shards at once.
    public var throttle: Int?
    /// --mem is multiplied by this factor on each retry.
    public var retryMemFactor: Double
    /// HTCondor: transfer the executable, the data and the outputs (no shared filesystem).
    public var transferFiles: Bool
    /// Extend or merge shards another build wrote.
    public var allowOtherBuild: Bool
    /// The arguments passed to every `nmmfit toys` call.
    public var toyArguments: [String]
    /// The command line of this `nmmfit batch` call, executable first (the resubmit command
    /// repeats it without --force, --dry-run, --submit and the calibration flags).
    public var commandLine: [String]
    /// What the shards run: `nmmfit toys` or `nmmfit coverage --write-toys`.
    public var kind: BatchStudyKind = .toys
    /// Variables set in every shard's environment besides NMMFIT_DATA and the attempt: the
    /// per-process toy budget (``ToyWork/budget``, NMMFIT_MAX_TOY_SECONDS) when it was set where
    /// `batch` ran (HTCondor jobs do not inherit the submitter's environment; Slurm's do by
    /// default, but not when a site sets --export=NONE). Names sorted; values are checked numbers.
    public var jobEnvironment: [(name: String, value: String)] = []

    public init(system: BatchSystem, name: String, ntoys: Int, seed: UInt64, threads: Int, executable: String? = nil,
                time: String? = nil, mem: String? = nil, partition: String? = nil, account: String? = nil,
                directives: [String] = [], throttle: Int? = nil, retryMemFactor: Double = 1, transferFiles: Bool = false,
                allowOtherBuild: Bool = false, toyArguments: [String] = [], commandLine: [String] = CommandLine.arguments,
                kind: BatchStudyKind = .toys, jobEnvironment: [(name: String, value: String)] = []) {
        self.kind = kind
        self.jobEnvironment = jobEnvironment
        self.system = system
        self.name = name
        self.ntoys = ntoys
        self.seed = seed
        self.threads = threads
        self.executable = executable
        self.time = time
        self.mem = mem
        self.partition = partition
        self.account = account
        self.directives = directives
        self.throttle = throttle
        self.retryMemFactor = retryMemFactor
        self.transferFiles = transferFiles
        self.allowOtherBuild = allowOtherBuild
        self.toyArguments = toyArguments
        self.commandLine = commandLine
    }

    /// The `nmmfit toys` (or `nmmfit coverage`) arguments (without the executable) of one shard;
    /// the output file is the last argument, after its option.
    public func toyCall(shard: Int, of nshards: Int, output: String = "/dev/null") -> [String] {
        switch kind {
        case .toys:
            ["toys", "-n", String(ntoys), "--nshards", String(nshards), "--shard", String(shard), "--seed", String(seed),
             "--threads", String(threads)] + (allowOtherBuild ? ["--allow-other-build"] : []) + toyArguments + ["-o", output]
        case .coverage:
            ["coverage", "--toys", String(ntoys), "--nshards", String(nshards), "--shard", String(shard), "--seed", String(seed),
             "--threads", String(threads)] + (allowOtherBuild ? ["--allow-other-build"] : []) + toyArguments + ["--write-toys", output]
        }
    }

    /// A coverage study's result from its merged toys file: `nmmfit coverage --from-toys MERGED
    /// -o OUTPUT` (JSON) with the options after `--` that apply to reading (the data options,
    /// --method, --cl; not --mu or --critical-toys, which the file fixes). Nil for a toys study.
    /// (`output` nil: to stdout, as the options are checked before the output folder exists.)
    public func coverageCall(merged: String, output: String?) -> [String]? {
        guard kind == .coverage else { return nil }
        var kept: [String] = []
        var i = 0
        while i < toyArguments.count {
            let a = toyArguments[i]
            let name = a.split(separator: "=", maxSplits: 1).first.map(String.init) ?? a
            if let takesValue = BatchStudyKind.shardOnlyOptions[name] {
                i += takesValue && !a.contains("=") ? 2 : 1
                continue
            }
            kept.append(a)
            i += 1
        }
        return ["coverage", "--from-toys", merged] + kept + ["-q"] + (output.map { ["--force", "-o", $0] } ?? ["--json"])
    }
}

extension BatchOptions {
    /// The variables every shard must see as they are here (``jobEnvironment``): the toy budget
    /// NMMFIT_MAX_TOY_SECONDS when it is set in `environment`, as the checked whole number it
    /// stands for (a value the budget refuses is an error now, not on the cluster).
    public static func jobEnvironment(_ environment: [String: String] = ProcessInfo.processInfo.environment) throws -> [(name: String, value: String)] {
        guard let name = ToyWork.budget.environment, let raw = environment[name], !raw.isEmpty else { return [] }
        guard let v = Int(raw.trimmingCharacters(in: .whitespaces)), v >= 1, v <= ToyWork.budget.ceiling else {
            throw InputError(field: name, "\(name)=\(InputError.excerpt(raw)) is not a whole number in 1…\(ToyWork.budget.ceiling)")
        }
        return [(name, String(v))]
    }
}
