import Formats
import Foundation

extension FeldmanCousins {
    /// The tested μν values do not determine the interval (issue 14: this was reported as "fit
    /// failed" with exit 3 although every fit worked): the interval reaches beyond the grid, or no
    /// grid point is inside it. A problem of the chosen grid (or of the toy studies given with
    /// toy files), not a numerical failure; the message says which setting to change, naming it
    /// as a term that the front end words (``FrontEndText``).
    public struct GridError: WordedError, Sendable {
        /// The message with its terms as values.
        public var text: FrontEndText
        /// The message in library terms.
        public var message: String { text.description }
        public init(_ message: String) { text = FrontEndText(message) }
        public init(_ text: FrontEndText) { self.text = text }
        public func description(in wording: FrontEndWording) -> String { text.rendered(wording) }
    }
}
