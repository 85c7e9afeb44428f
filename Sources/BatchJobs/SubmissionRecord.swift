/// A line of OUTDIR/NAME.attempts.jsonl: a submission of a batch study (written by `batch
/// --submit`: attempt, automatic, submitted_utc, system, pending_shards, retries_left, memory,
/// jobs, merge_job) or the outcome of its merge step (written by the merge script: attempt,
/// merge = merged | retrying | failed, ended_utc).
public struct SubmissionRecord: Codable {
    public var attempt: Int
    public var automatic: Bool?
    public var submittedUTC: String?
    public var system: String?
    /// The shards submitted, as ranges ("0-3,7").
    public var pendingShards: String?
    public var retriesLeft: Int?
    public var memory: String?
    /// Slurm array job ids, or the DAGMan job's cluster.
    public var jobs: [String]?
    public var mergeJob: String?
    public var merge: String?
    public var endedUTC: String?

    public init(attempt: Int, automatic: Bool? = nil, submittedUTC: String? = nil, system: String? = nil, pendingShards: String? = nil,
                retriesLeft: Int? = nil, memory: String? = nil, jobs: [String]? = nil, mergeJob: String? = nil, merge: String? = nil,
                endedUTC: String? = nil) {
        self.attempt = attempt
        self.automatic = automatic
        self.submittedUTC = submittedUTC
        self.system = system
        self.pendingShards = pendingShards
        self.retriesLeft = retriesLeft
        self.memory = memory
        self.jobs = jobs
        self.mergeJob = mergeJob
        self.merge = merge
        self.endedUTC = endedUTC
    }

    enum CodingKeys: String, CodingKey {
        case attempt, automatic, system, memory, jobs, merge
        case submittedUTC = "submitted_utc"
        case pendingShards = "pending_shards"
        case retriesLeft = "retries_left"
        case mergeJob = "merge_job"
        case endedUTC = "ended_utc"
    }
}
