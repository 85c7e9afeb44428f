import ArgumentParser
import Formats

/// The accepted range of a neutrino magnetic moment given on the command line, in Bohr
/// magnetons (issue 14: `--mu 2` would silently mean 2 μB). The bound 10⁻⁶ μB is a sanity
/// bound, about 10⁵ times every published limit (~10⁻¹¹ μB, data/limits/mu_nu_limits.csv), not
/// a physics number: anything above it is a unit mistake.
enum MomentRange {
    static let maximumBohr = ResourceLimit.maxMuNuMuB

    /// Refuses a moment (μB) that is negative, not finite or above ``maximumBohr``, with a line
    /// naming the option and the unit.
    static func check(_ value: Double?, _ option: String) throws {
        guard let value else { return }
        guard value.isFinite, value >= 0 else {
            throw ValidationError("\(option) must be a moment ≥ 0 in Bohr magnetons (μB), got \(value)")
        }
        guard value <= maximumBohr else {
            throw ValidationError("\(option) \(value) means \(value) μB (the unit is the Bohr magneton), far outside the physical range 0…\(maximumBohr) μB; write e.g. 2e-11 for 2 × 10⁻¹¹ μB")
        }
    }
}
