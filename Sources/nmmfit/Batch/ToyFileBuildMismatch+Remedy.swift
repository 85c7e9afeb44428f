import Formats
import Likelihood

extension ToyFileBuildMismatch {
    /// The error as this tool words it: file, line 1, and the option that allows mixing builds.
    var inputError: InputError {
        InputError(file: path, line: 1, merging
            ? "\(message); re-run the shards with one build, or pass --allow-mixed-builds"
            : "\(message); pass --allow-other-build to extend it anyway, or --force to start it afresh")
    }
}
