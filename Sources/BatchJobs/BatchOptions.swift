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

    public init(system: BatchSystem, name: String, ntoys: Int, seed: UInt64, threads: Int, executable: String? = nil,
                time: String? = nil, mem: String? = nil, partition: String? = nil, account: String? = nil,
                directives: [String] = [], throttle: Int? = nil, retryMemFactor: Double = 1, transferFiles: Bool = false,
                allowOtherBuild: Bool = false, toyArguments: [String] = [], commandLine: [String] = CommandLine.arguments) {
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

    /// The `nmmfit toys` arguments (without the executable) of one shard.
    public func toyCall(shard: Int, of nshards: Int, output: String = "/dev/null") -> [String] {
        ["toys", "-n", String(ntoys), "--nshards", String(nshards), "--shard", String(shard), "--seed", String(seed),
         "--threads", String(threads)] + (allowOtherBuild ? ["--allow-other-build"] : []) + toyArguments + ["-o", output]
    }
}
