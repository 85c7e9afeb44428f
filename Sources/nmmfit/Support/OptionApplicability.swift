import ArgumentParser

/// The one applicability table of the command line: each command declares, for the options
/// that act only under some choices, when they act (``Rule``), and ``check(_:)`` refuses an
/// option that was given where it would be ignored — a usage error (exit 64), never a silent
/// no-op. Rules that depend only on the options are checked in the command's `validate()`;
/// rules that depend on the data (does a dataset have a tritium component, efficiency σ
/// columns?) are checked by ``checkData(_:)`` right after the data are read, before any fit.
struct OptionApplicability {
    /// One row of a command's table: `option` (as the user types it) acts only `when`.
    struct Rule {
        var option: String
        /// Whether the user gave the option (a default value never counts).
        var given: Bool
        /// Whether it acts under the choices made.
        var acts: Bool
        /// When it acts, completing "… applies only …" (e.g. "with --method feldman-cousins").
        var when: String
    }

    /// The error of a rule broken after parsing: one line, exit 64 (``CLIErrors``).
    struct NotApplicable: Error, CustomStringConvertible {
        var description: String
    }

    /// The message of the first broken rule, or nil.
    static func firstViolation(_ rules: [Rule]) -> String? {
        rules.first { $0.given && !$0.acts }.map { "\($0.option) applies only \($0.when); it would be ignored here" }
    }

    /// For `validate()`: throws a `ValidationError` (exit 64 with the usage) for the first
    /// option given where it does not act.
    static func check(_ rules: [Rule]) throws {
        if let m = firstViolation(rules) { throw ValidationError(m) }
    }

    /// For rules that need the data: throws ``NotApplicable`` (exit 64) for the first option
    /// given where it does not act.
    static func checkData(_ rules: [Rule]) throws {
        if let m = firstViolation(rules) { throw NotApplicable(description: m) }
    }
}
