/// An error whose message names terms or remedies as values (``FrontEndText``): a front end
/// describes it in its own wording; `description` is the library wording.
public protocol WordedError: Error, CustomStringConvertible {
    /// The message with terms and remedies in `wording`.
    func description(in wording: FrontEndWording) -> String
}

extension WordedError {
    public var description: String { description(in: .library) }
}
