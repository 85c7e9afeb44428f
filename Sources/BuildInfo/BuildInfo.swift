/// What build of nmmfit this is: the release version (here) and the git commit of its sources
/// (`commit`, generated before each build by the BuildInfoPlugin, `scripts/build-info.sh`).
/// Printed by `nmmfit --version` and recorded in every toys file's header.
public enum BuildInfo {
    /// The release version of nmmfit.
    public static let version = "0.1.0"

    /// "0.1.0 (commit 9595413…)".
    public static var description: String { "\(version) (commit \(commit))" }
}
