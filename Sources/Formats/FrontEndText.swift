/// A message that names what the user sets as values (``FrontEndTerm``), not as words: a
/// library error keeps its terms until a front end prints it in its own wording
/// (``FrontEndWording``). Written as an interpolated string, a term as `\(term: .window)`:
///
///     InputError("check the window (\(term: .window))")
public struct FrontEndText: Sendable, Equatable, CustomStringConvertible, ExpressibleByStringInterpolation {
    /// A piece of a message: literal text or a term.
    public enum Part: Sendable, Equatable {
        case literal(String)
        case term(FrontEndTerm)
    }

    /// The pieces in order.
    public var parts: [Part]

    public init(parts: [Part]) { self.parts = parts }

    /// A message without terms.
    public init(_ text: String) { parts = text.isEmpty ? [] : [.literal(text)] }

    public init(stringLiteral value: String) { self.init(value) }

    public init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    /// The text with each term in `wording`.
    public func rendered(_ wording: FrontEndWording) -> String {
        parts.reduce(into: "") { out, part in
            switch part {
            case .literal(let s): out += s
            case .term(let t): out += wording.term(t)
            }
        }
    }

    /// The text in library terms (``FrontEndWording/library``).
    public var description: String { rendered(.library) }

    /// The terms the text names.
    public var terms: [FrontEndTerm] {
        parts.compactMap { if case .term(let t) = $0 { t } else { nil } }
    }

    /// `lhs` followed by `rhs`.
    public static func + (lhs: FrontEndText, rhs: FrontEndText) -> FrontEndText {
        FrontEndText(parts: lhs.parts + rhs.parts)
    }

    public static func += (lhs: inout FrontEndText, rhs: FrontEndText) { lhs = lhs + rhs }

    /// Builds the parts of an interpolated message: values as `String(describing:)` (as in a
    /// `String` interpolation), terms as terms.
    public struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        public init(literalCapacity: Int, interpolationCount: Int) {}

        public mutating func appendLiteral(_ literal: String) { append(literal) }

        public mutating func appendInterpolation<T>(_ value: T) { append(String(describing: value)) }

        /// A term, worded by the front end that prints the message.
        public mutating func appendInterpolation(term: FrontEndTerm) { parts.append(.term(term)) }

        /// A text with terms, kept as terms.
        public mutating func appendInterpolation(text: FrontEndText) {
            for p in text.parts {
                if case .literal(let s) = p { append(s) } else { parts.append(p) }
            }
        }

        private mutating func append(_ s: String) {
            guard !s.isEmpty else { return }
            if case .literal(let last)? = parts.last {
                parts[parts.count - 1] = .literal(last + s)
            } else {
                parts.append(.literal(s))
            }
        }
    }
}
