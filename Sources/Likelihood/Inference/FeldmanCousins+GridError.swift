import Foundation

extension FeldmanCousins {
    /// The tested μν values do not determine the interval (issue 14: this was reported as "fit
    /// failed" with exit 3 although every fit worked): the interval reaches beyond the grid, or no
    /// grid point is inside it. A problem of the chosen grid (or of the toy studies given with
    /// toy files), not a numerical failure; the message says which setting to change.
    public struct GridError: Error, CustomStringConvertible, Sendable {
        public var message: String
        public init(_ message: String) { self.message = message }
        public var description: String { message }
    }
}
