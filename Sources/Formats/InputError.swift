/// A problem with user-supplied input (a data file, a spec, an option), located as precisely
/// as possible: file, line and field.
public struct InputError: WordedError, Equatable, Sendable {
    /// The file, or `nil` for command-line input.
    public var file: String?
    /// What was done to the file before it was read, printed after its name in parentheses
    /// (e.g. the dataset overrides applied to a spec), with its terms as values.
    public var fileNote: FrontEndText?
    /// 1-based line number, when known.
    public var line: Int?
    /// Field or key path (e.g. `observed_counts`, `backgrounds[0].constraint.relative_sigma`).
    public var field: String?
    /// What is wrong, with the terms it names as values (a front end words them).
    public var text: FrontEndText

    /// What is wrong, in library terms (``text`` with ``FrontEndWording/library``). Setting it
    /// replaces ``text`` by a message without terms.
    public var message: String {
        get { text.description }
        set { text = FrontEndText(newValue) }
    }

    /// What the user can do about it, as a value (a front end words it:
    /// ``FrontEndWording/remedy``).
    public var remedy: Remedy?

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, _ message: String, remedy: Remedy? = nil) {
        self.init(file: file, line: line, field: field, text: FrontEndText(message), remedy: remedy)
    }

    /// An error whose message names terms (written `\(term: .window)`).
    public init(file: String? = nil, line: Int? = nil, field: String? = nil, _ text: FrontEndText, remedy: Remedy? = nil) {
        self.init(file: file, line: line, field: field, text: text, remedy: remedy)
    }

    public init(file: String? = nil, fileNote: FrontEndText? = nil, line: Int? = nil, field: String? = nil, text: FrontEndText, remedy: Remedy? = nil) {
        self.file = file
        self.fileNote = fileNote
        self.line = line
        self.field = field
        self.text = text
        self.remedy = remedy
    }

    /// The message (with its remedy) in `wording`, without the location.
    public func message(in wording: FrontEndWording) -> String {
        let text = text.rendered(wording)
        return remedy.map { "\(text); \(wording.remedy($0))" } ?? text
    }

    public var description: String { description(in: .library) }

    /// The one-line description with terms and remedy in `wording`.
    public func description(in wording: FrontEndWording) -> String {
        var where_ = ""
        if let file { where_ += file + (fileNote.map { " (\($0.rendered(wording)))" } ?? "") }
        if let line { where_ += (where_.isEmpty ? "line \(line)" : ":\(line)") }
        if let field { where_ += (where_.isEmpty ? "" : ", ") + "field '\(field)'" }
        let text = message(in: wording)
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
