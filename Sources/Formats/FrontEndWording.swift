/// How a front end words the library's terms (``FrontEndTerm``) and remedies
/// (``InputError/Remedy``) when it prints a message: a value the front end passes where it
/// renders an error (``WordedError/description(in:)``), never global state. The library's own
/// wording is ``library``; the `nmmfit` tool names its options and commands (`CLIErrors.wording`).
public struct FrontEndWording: Sendable {
    /// The words for a term.
    public var term: @Sendable (FrontEndTerm) -> String
    /// The words for a remedy (after "; " at the end of a message).
    public var remedy: @Sendable (InputError.Remedy) -> String

    public init(term: @escaping @Sendable (FrontEndTerm) -> String,
                remedy: @escaping @Sendable (InputError.Remedy) -> String) {
        self.term = term
        self.remedy = remedy
    }

    /// Terms and remedies in library terms (``FrontEndTerm/libraryWording``,
    /// ``InputError/Remedy/libraryWording``): what an error's `description` says.
    public static let library = FrontEndWording(term: { $0.libraryWording }, remedy: { $0.libraryWording })
}
