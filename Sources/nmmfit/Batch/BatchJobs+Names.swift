import ArgumentParser
import BatchJobs

// The batch-study types under the names this tool's files (and its tests) use.
typealias ArrayJobs = BatchJobs.ArrayJobs
typealias JobResources = BatchJobs.JobResources
typealias SubmissionRecord = BatchJobs.SubmissionRecord
typealias AttemptsReport = BatchJobs.AttemptsReport
typealias JobFiles = BatchJobs.JobFiles

extension BatchSystem: ExpressibleByArgument {}
extension BatchStudyKind: ExpressibleByArgument {}
