import Formats
import Foundation

/// Upper ends of the model calculators' inputs, for every front end (beyond them squares
/// overflow): the scale Λ and scalar masses up to the Planck mass, ≈ 1.22 × 10¹⁹ GeV (as used
/// before in the CLI; a bound, not a precision input), neutrino masses up to 1 GeV, Yukawa
/// couplings up to 10⁶, recoil energies up to 10 MeV; and the rules every calculator's input
/// check (``ModelInput``) is written with, so that a rule and its wording exist once.
///
/// Each rule throws an ``InputError`` whose `field` is the front end's name of the input (a
/// command-line option, a C-interface key) and whose message continues that name: a front end
/// prints "`field` `message`" (the CLI) or "field 'field': message" (the C interface).
public enum ModelInputLimits {
    public static let scaleGeV = 1.22e19
    public static let neutrinoMassEV = 1e9
    public static let yukawa = 1e6
    public static let recoilKeV = 1e4
    /// The largest accepted magnetic moment (μB): a sanity bound far above every published
    /// limit, as ``ResourceLimit/maxMuNuMuB``.
    public static let momentBohr = ResourceLimit.maxMuNuMuB

    /// Refuses x unless it is finite and > 0 (nil: not given, accepted).
    public static func positive(_ x: Double?, _ field: String) throws {
        if let x, !(x.isFinite && x > 0) { throw InputError(field: field, "must be a positive finite number, got \(x)") }
    }

    /// Refuses x unless it is finite and ≥ 0.
    public static func nonNegative(_ x: Double?, _ field: String) throws {
        if let x, !(x.isFinite && x >= 0) { throw InputError(field: field, "must be ≥ 0 and finite, got \(x)") }
    }

    /// Refuses x above `limit` (in `unit`).
    public static func atMost(_ x: Double?, _ limit: Double, _ field: String, _ unit: String) throws {
        if let x, x > limit { throw InputError(field: field, "must be at most \(limit)\(unit.isEmpty ? "" : " \(unit)"), got \(x)") }
    }

    /// Refuses x unless it is finite; `what` says what it is (e.g. "(GeV)").
    public static func finite(_ x: Double?, _ field: String, _ what: String = "") throws {
        if let x, !x.isFinite { throw InputError(field: field, "must be finite\(what.isEmpty ? "" : " \(what)"), got \(x)") }
    }

    /// Refuses a magnetic moment (μB) that is negative, not finite or above ``momentBohr``
    /// (a value like 2 is a unit mistake for 2 × 10⁻¹¹ μB, said so).
    public static func moment(_ value: Double?, _ field: String) throws {
        guard let value else { return }
        guard value.isFinite, value >= 0 else {
            throw InputError(field: field, "must be a moment ≥ 0 in Bohr magnetons (μB), got \(value)")
        }
        guard value <= momentBohr else {
            throw InputError(field: field, "\(value) means \(value) μB (the unit is the Bohr magneton), far outside the physical range 0…\(momentBohr) μB; write e.g. 2e-11 for 2 × 10⁻¹¹ μB")
        }
    }

    /// sin 2α (or sin 2ξ) in [−1, 1], and non-zero when `nonZero`.
    public static func sine(_ s: Double?, _ field: String, nonZero: Bool = false) throws {
        guard let s else { return }
        guard s.isFinite, abs(s) <= 1, !(nonZero && s == 0) else {
            throw InputError(field: field, "must be in [-1, 1]\(nonZero ? " and non-zero" : ""), got \(s)")
        }
    }

    /// The charged lepton named e, mu or tau.
    public static func lepton(_ name: String, _ field: String) throws -> LeptonFlavour {
        guard let l = LeptonFlavour(name: name) else { throw InputError(field: field, "must be e, mu or tau, got '\(name)'") }
        return l
    }

    /// A pseudoscalar (CP-odd partner) mass above m_μ and at most the neutral loop's largest mass (GeV).
    public static func pseudoscalarMass(_ m: Double?, _ field: String) throws {
        if let m, !(m.isFinite && m > ModelMasses.muonGeV && m <= NeutralScalarLoop.maximumScalarMassGeV) {
            throw InputError(field: field, "must be a mass above m_μ and at most \(NeutralScalarLoop.maximumScalarMassGeV) GeV")
        }
    }

    /// A grid's point count in `range`.
    public static func count(_ n: Int, _ range: ClosedRange<Int>, _ field: String) throws {
        guard range.contains(n) else { throw InputError(field: field, "must be in \(range.lowerBound)…\(range.upperBound), got \(n)") }
    }
}
