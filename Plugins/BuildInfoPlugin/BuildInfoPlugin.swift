import Foundation
import PackagePlugin

/// Before every build, writes `BuildInfo+Commit.swift` for the BuildInfo target: the git commit
/// of the package's sources (`scripts/build-info.sh`; "unknown" outside a git checkout). The
/// file is rewritten only when the commit changes, so an unchanged tree recompiles nothing.
@main
struct BuildInfoPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let out = context.pluginWorkDirectoryURL.appending(path: "generated")
        let package = context.package.directoryURL
        return [.prebuildCommand(displayName: "nmmfit build info (git commit)",
                                 executable: URL(fileURLWithPath: "/bin/sh"),
                                 arguments: [package.appending(path: "scripts/build-info.sh").path, package.path, out.path],
                                 outputFilesDirectory: out)]
    }
}
