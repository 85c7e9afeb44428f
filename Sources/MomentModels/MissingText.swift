import Foundation

/// A quantity the tool does not evaluate because the text it needs could not be read: what is
/// missing, in which source it would be, what of that source is readable here, and where else it
/// was looked for. Printed and encoded with every result that would use the quantity, so that a
/// reader knows exactly which text would let the tool evaluate it (``MissingText+Horizontal``
/// holds the SU(2)_H instances).
public struct MissingText: Codable, Sendable, Equatable {
    /// The quantity not evaluated (e.g. "the SU(2)_H model's own neutrino mass").
    public var quantity: String
    /// The text that is missing: the formula, parameter or table the quantity needs.
    public var missing: String
    /// Where that text is: paper, section or equation as far as known.
    public var source: String
    /// What of that source is readable here, with the address read.
    public var readable: String
    /// Other places searched for the same text, without success.
    public var lookedIn: [String]

    enum CodingKeys: String, CodingKey {
        case quantity, missing, source, readable, lookedIn = "looked_in"
    }

    public init(quantity: String, missing: String, source: String, readable: String, lookedIn: [String]) {
        self.quantity = quantity
        self.missing = missing
        self.source = source
        self.readable = readable
        self.lookedIn = lookedIn
    }

    /// One line: the quantity, that it is not evaluated, and the missing text with its source.
    public var line: String {
        "\(quantity): not evaluated; missing: \(missing), in \(source); readable here: \(readable)"
    }
}
