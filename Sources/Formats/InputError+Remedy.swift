import Foundation

extension InputError {
    /// What the user can do about an error, named in library terms: a library error does not
    /// name a front end's options. A front end words remedies its own way (``remedyWording``);
    /// the description ends with "; " and that wording.
    public enum Remedy: String, Sendable, Equatable, CaseIterable {
        /// Overwrite the existing output.
        case overwrite
        /// Replace an existing file that is not of the expected kind.
        case replaceFile
        /// The alternative of replacing an existing file (after another remedy in the message).
        case orReplaceFile
        /// Start the toys file afresh instead of resuming it.
        case startAfresh
        /// Run the missing shards, or accept an incomplete merge.
        case allowIncomplete
        /// Name the data folder.
        case dataDirectory

        /// The wording in library terms (the default of ``InputError/remedyWording``).
        public var libraryWording: String {
            switch self {
            case .overwrite: "allow overwriting to replace it"
            case .replaceFile: "allow overwriting to replace it"
            case .orReplaceFile: "or allow overwriting to replace it"
            case .startAfresh: "allow overwriting to start afresh"
            case .allowIncomplete: "run the missing shards or allow an incomplete merge"
            case .dataDirectory: "name the data folder or set NMMFIT_DATA"
            }
        }
    }

    /// How remedies are worded in descriptions. A front end sets it once at start-up, before any
    /// work (the `nmmfit` tool names its options: `CLIErrors.remedy`), so it is never written
    /// while errors are described.
    nonisolated(unsafe) public static var remedyWording: @Sendable (Remedy) -> String = { $0.libraryWording }
}
