import ArgumentParser
import Formats
import MomentModels

/// The accepted range of a neutrino magnetic moment given on the command line, in Bohr
/// magnetons (issue 14: `--mu 2` would silently mean 2 μB). The bound 10⁻⁶ μB is a sanity
/// bound, about 10⁵ times every published limit (~10⁻¹¹ μB, data/limits/mu_nu_limits.csv), not
/// a physics number: anything above it is a unit mistake.
enum MomentRange {
    static let maximumBohr = ModelInputLimits.momentBohr

    /// Refuses a moment (μB) that is negative, not finite or above ``maximumBohr``, with a line
    /// naming the option and the unit (the library's rule, ``ModelInputLimits/moment(_:_:)``).
    static func check(_ value: Double?, _ option: String) throws {
        try ModelCommand.usage { try ModelInputLimits.moment(value, option) }
    }
}
