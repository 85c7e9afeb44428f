/// A problem with user-supplied input (a data file, a spec, an option), located as precisely
/// as possible: file, line and field.
public struct InputError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The file, or `nil` for command-line input.
    public var file: String?
    /// 1-based line number, when known.
    public var line: Int?
    /// Field or key path (e.g. `observed_counts`, `backgrounds[0].constraint.relative_sigma`).
    public var field: String?
    /// What is wrong.
    public var message: String

    /// What the user can do about it, in library terms (worded by ``remedyWording``).
    public var remedy: Remedy?

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, _ message: String, remedy: Remedy? = nil) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.remedy = remedy
    }

    public var description: String {
        var where_ = ""
        if let file { where_ += file }
        if let line { where_ += (where_.isEmpty ? "line \(line)" : ":\(line)") }
        if let field { where_ += (where_.isEmpty ? "" : ", ") + "field '\(field)'" }
        let text = remedy.map { "\(message); \(Self.remedyWording($0))" } ?? message
        return Self.oneLine(where_.isEmpty ? text : "\(where_): \(text)")
    }

    /// The longest message line printed; longer ones (e.g. a 10 MB junk line quoted in a
    /// message) are cut, saying how much was left out.
    public static let maxMessageCharacters = 600

    /// A message as one bounded line: control characters (newlines, NUL, ESC, …) shown as
    /// `\u{…}` escapes, and at most ``maxMessageCharacters`` characters.
    public static func oneLine(_ s: String, limit: Int = maxMessageCharacters) -> String {
        var out = ""
        var count = 0, total = 0
        for c in s.unicodeScalars {
            total += 1
            guard count < limit else { continue }
            if (c.value < 0x20) || (c.value >= 0x7F && c.value < 0xA0) || TextInput.breaksDisplay(c) {
                out += "\\u{\(String(c.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(c)
            }
            count += 1
        }
        if total > limit { out += "… (\(total - limit) more characters)" }
        return out
    }
}

extension InputError {
    /// A value from the input quoted for a message, cut to `limit` characters.
    public static func excerpt(_ s: some StringProtocol, limit: Int = 40) -> String {
        let str = String(s)
        guard str.count > limit else { return "'\(oneLine(str))'" }
        return "'\(oneLine(String(str.prefix(limit))))…' (\(str.count) characters)"
    }
}
