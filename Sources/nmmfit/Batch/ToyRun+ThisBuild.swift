import BatchJobs
import BuildInfo
import Formats
import Foundation
import Likelihood

extension ToyRun {
    /// This run of the tool, as the environment describes it (``ToyRun/current(environment:version:commit:)``), by this build,
    /// with its full command line.
    static func current(environment env: [String: String] = ProcessInfo.processInfo.environment) -> ToyRun {
        var run = current(environment: env, version: BuildInfo.version, commit: BuildInfo.commit)
        run.command = RunProvenance.thisRun().command
        return run
    }
}
