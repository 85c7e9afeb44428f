/// The version of every JSON output of `nmmfit` (the `nmmfit_output` key).
/// - 3: one −ln L convention in every output — the negative log of the Poisson × Gaussian
///   probability including the data constant Σ ln n_i! — also for `fit_status.nll` (in version 2
///   `fit_status.nll` left out that constant, so it differed from `nll_best` for the same fit),
///   with μν² labelled as such in `fit_status`.
/// - 2: snake_case keys with the unit in the key name (`_muB`, `_keV`, `_1e-22_muB2`, …) or in
///   the schema (`schemas/*.schema.json`); one key per quantity across commands
///   (`p_value_asymptotic`, `z_asymptotic`, `interval_method`, …).
/// - 1: mixed names and μν's error in μν² units.
public enum OutputVersion {
    public static let current = 3
}
