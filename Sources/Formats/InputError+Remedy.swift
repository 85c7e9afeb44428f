import Foundation

extension InputError {
    /// What the user can do about an error, as a value: a library error does not name a front
    /// end's options. A front end words remedies its own way when it prints the error
    /// (``FrontEndWording/remedy``); the description ends with "; " and that wording.
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

        /// The wording in library terms (``FrontEndWording/library``).
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
}
