import BatchJobs
import BuildInfo
import Foundation
import Likelihood

extension ToyRun {
    /// This run of the tool, as the environment describes it (``ToyRun/current(environment:version:commit:)``), by this build.
    static func current(environment env: [String: String] = ProcessInfo.processInfo.environment) -> ToyRun {
        current(environment: env, version: BuildInfo.version, commit: BuildInfo.commit)
    }
}
