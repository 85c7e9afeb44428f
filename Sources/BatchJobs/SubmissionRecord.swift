/// A line of OUTDIR/NAME.attempts.jsonl: a submission of a batch study (written by `batch
/// --submit`: attempt, automatic, submitted_utc, system, pending_shards, retries_left, memory,
/// jobs, merge_job) or the outcome of its merge step (written by the merge script: attempt,
/// merge = merged | retrying | failed, ended_utc).
struct SubmissionRecord: Codable {
    var attempt: Int
    var automatic: Bool?
    var submittedUTC: String?
    var system: String?
    /// The shards submitted, as ranges ("0-3,7").
    var pendingShards: String?
    var retriesLeft: Int?
    var memory: String?
    /// Slurm array job ids, or the DAGMan job's cluster.
    var jobs: [String]?
    var mergeJob: String?
    var merge: String?
    var endedUTC: String?

    enum CodingKeys: String, CodingKey {
        case attempt, automatic, system, memory, jobs, merge
        case submittedUTC = "submitted_utc"
        case pendingShards = "pending_shards"
        case retriesLeft = "retries_left"
        case mergeJob = "merge_job"
        case endedUTC = "ended_utc"
    }
}
