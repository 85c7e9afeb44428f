/// A result that came out NaN or infinite (found when it is encoded, before anything is
/// printed): exit 3 naming the result field, instead of a table of "nan" and exit 0.
struct NumericalResultError: Error, CustomStringConvertible {
    /// The key path of the first non-finite value in the result (e.g. `rows[3].mu_nu_muB`).
    var field: String

    var description: String {
        "the result\(field.isEmpty ? "" : " '\(field)'") is not a finite number; an input may be outside the range the calculation handles"
    }
}
