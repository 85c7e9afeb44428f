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

    public init(file: String? = nil, line: Int? = nil, field: String? = nil, _ message: String) {
        self.file = file
        self.line = line
        self.field = field
        self.message = message
    }

    public var description: String {
        var where_ = ""
        if let file { where_ += file }
        if let line { where_ += (where_.isEmpty ? "line \(line)" : ":\(line)") }
        if let field { where_ += (where_.isEmpty ? "" : ", ") + "field '\(field)'" }
        return where_.isEmpty ? message : "\(where_): \(message)"
    }
}
