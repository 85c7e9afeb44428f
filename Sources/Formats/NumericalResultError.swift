/// A result that came out NaN or infinite (found when it is encoded, before anything is
/// printed): exit 3 naming the result field, instead of a table of "nan" and exit 0.
public struct NumericalResultError: Error, CustomStringConvertible, Sendable {
    /// The key path of the first non-finite value in the result (e.g. `rows[3].mu_nu_muB`).
    public var field: String
    public init(field: String) { self.field = field }

    public var description: String {
        "the result\(field.isEmpty ? "" : " '\(field)'") is not a finite number; an input may be outside the range the calculation handles"
    }
}
