/// One submission of a batch study, a line of OUTDIR/NAME.attempts.jsonl (the merge step adds a
/// line `{"attempt", "merge": "merged"|"retrying"|"failed", "ended_utc"}` for each outcome).
struct SubmissionRecord: Encodable {
    var attempt: Int
    var automatic: Bool
    var submittedUTC: String
    var system: String
    /// The shards submitted, as ranges ("0-3,7").
    var pendingShards: String
    var retriesLeft: Int
    var memory: String?
    /// Slurm array job ids, or the DAGMan job's cluster.
    var jobs: [String] = []
    var mergeJob: String?

    enum CodingKeys: String, CodingKey {
        case attempt, automatic, system, memory, jobs
        case submittedUTC = "submitted_utc"
        case pendingShards = "pending_shards"
        case retriesLeft = "retries_left"
        case mergeJob = "merge_job"
    }
}
