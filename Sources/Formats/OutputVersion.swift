/// The version of every JSON output of `nmmfit` (the `nmmfit_output` key). Version 2 (issue 14):
/// snake_case keys with the unit in the key name (`_muB`, `_keV`, `_1e-22_muB2`, …) or in the
/// schema (`schemas/*.schema.json`); one key per quantity across commands (`p_value_asymptotic`,
/// `z_asymptotic`, `interval_method`, …). Version 1 had mixed names and μν's error in μν² units.
public enum OutputVersion {
    public static let current = 2
}
