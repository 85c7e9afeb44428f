import Foundation
import Likelihood

extension ToyRun {
    /// This run as the environment describes it: host name, the build (`version`, `commit`), the
    /// start time now, and the scheduler's job id — NMMFIT_JOB_ID when set (the HTCondor and
    /// Parsl files set it), else Slurm's SLURM_ARRAY_JOB_ID_SLURM_ARRAY_TASK_ID or SLURM_JOB_ID.
    /// The batch study's submission counter comes from NMMFIT_BATCH_ATTEMPT (set by `nmmfit
    /// batch`'s job files).
    public static func current(environment env: [String: String] = ProcessInfo.processInfo.environment, version: String,
                               commit: String) -> ToyRun {
        let slurm: String? = if let a = env["SLURM_ARRAY_JOB_ID"], let t = env["SLURM_ARRAY_TASK_ID"] { "\(a)_\(t)" } else { env["SLURM_JOB_ID"] }
        let job = [env["NMMFIT_JOB_ID"], slurm].compactMap { $0 }.first { !$0.isEmpty }
        return ToyRun(batchAttempt: env["NMMFIT_BATCH_ATTEMPT"].flatMap { Int($0) }, host: ProcessInfo.processInfo.hostName,
                      jobID: job, nmmfitVersion: version, nmmfitCommit: commit, startedUTC: ToyRun.utc())
    }
}
