import Foundation

/// One run of `nmmfit toys` on a shard file: where, by which build and when it ran, and which toys
/// it wrote. A shard's header lists its runs in order (a resumed or retried shard has several; a
/// run killed mid-way keeps `endedUTC == nil`). Times are UTC, ISO 8601 to the second.
public struct ToyRun: Codable, Equatable, Sendable {
    /// 1 for the shard's first run, then 2, 3, … (each resumption or retry of the file).
    public var attempt: Int
    /// The submission of the batch study this run belongs to (`nmmfit batch`'s attempt counter,
    /// from NMMFIT_BATCH_ATTEMPT), nil outside `batch`.
    public var batchAttempt: Int?
    public var host: String
    /// The run's full command line (words quoted for a POSIX shell where needed), shard and
    /// output file included; nil in files of older builds.
    public var command: String?
    /// The scheduler's job id (Slurm: ARRAYJOB_TASK; HTCondor: Cluster.Proc), nil when run by hand.
    public var jobID: String?
    public var nmmfitVersion: String
    public var nmmfitCommit: String
    /// The first toy index this run computed (the toys before it were kept from earlier runs).
    public var firstToy: Int
    /// Toys this run wrote; nil while it runs or when it was killed.
    public var toysWritten: Int?
    public var startedUTC: String
    /// Nil while the run is going on, or when it was killed before it could finish.
    public var endedUTC: String?

    enum CodingKeys: String, CodingKey {
        case attempt, host, command
        case batchAttempt = "batch_attempt"
        case jobID = "job_id"
        case nmmfitVersion = "nmmfit_version"
        case nmmfitCommit = "nmmfit_commit"
        case firstToy = "first_toy"
        case toysWritten = "toys_written"
        case startedUTC = "started_utc"
        case endedUTC = "ended_utc"
    }

    public init(attempt: Int = 1, batchAttempt: Int?, host: String, jobID: String?, nmmfitVersion: String, nmmfitCommit: String,
                firstToy: Int = 0, toysWritten: Int? = nil, startedUTC: String, endedUTC: String? = nil, command: String? = nil) {
        self.attempt = attempt
        self.batchAttempt = batchAttempt
        self.host = host
        self.command = command
        self.jobID = jobID
        self.nmmfitVersion = nmmfitVersion
        self.nmmfitCommit = nmmfitCommit
        self.firstToy = firstToy
        self.toysWritten = toysWritten
        self.startedUTC = startedUTC
        self.endedUTC = endedUTC
    }

    /// "2026-12-03T19:09:07Z".
    public static func utc(_ date: Date = Date()) -> String {
        let f = ISO8601DateFormatter()
        f.formatOptions = [.withInternetDateTime]
        f.timeZone = TimeZone(identifier: "UTC")
        return f.string(from: date)
    }
}
