import Formats
import Foundation

extension ModelInputs {
    /// `model joint`: the μν bands (element-fit files and ranges in μB), the m_H0 grid (GeV),
    /// the link's parameters, and the optional profile likelihood with its confidence level.
    public struct Joint: ModelInput {
        public enum Field: String, Sendable {
            case fits, muRanges = "mu_ranges", muRangeLower = "mu_ranges.lower_muB", muRangeUpper = "mu_ranges.upper_muB"
            case neutralMin = "m0_min_GeV", neutralMax = "m0_max_GeV", steps, heavy = "m_H_plus_GeV", sin2alpha
            case splitting = "splitting_GeV", kappa, pseudoscalar = "pseudoscalar_GeV", profile, cl
        }
        /// Largest number of m_H0 grid points.
        public static let maxSteps = 500
        /// Element-fit files whose |μ_eμ| intervals are bands.
        public var fits: [String]
        /// Bands given as (lower, upper) in μB.
        public var muRanges: [(lowerBohr: Double, upperBohr: Double)]
        public var neutralMinGeV: Double
        public var neutralMaxGeV: Double
        public var steps: Int
        public var heavyChargedGeV: Double
        public var sin2Alpha: Double
        public var splittingGeV: Double
        public var kappa: Double
        public var pseudoscalarGeV: Double?
        /// A scan result (profile likelihood) of the first fit's data.
        public var profile: String?
        /// Confidence level of the joint χ² region (fraction).
        public var cl: Double

        public init(fits: [String], muRanges: [(lowerBohr: Double, upperBohr: Double)], neutralMinGeV: Double = 50, neutralMaxGeV: Double = 800,
                    steps: Int = 40, heavyChargedGeV: Double = 1000, sin2Alpha: Double = 1, splittingGeV: Double = 0, kappa: Double = 1,
                    pseudoscalarGeV: Double? = nil, profile: String? = nil, cl: Double = 0.9) {
            self.fits = fits
            self.muRanges = muRanges
            self.neutralMinGeV = neutralMinGeV
            self.neutralMaxGeV = neutralMaxGeV
            self.steps = steps
            self.heavyChargedGeV = heavyChargedGeV
            self.sin2Alpha = sin2Alpha
            self.splittingGeV = splittingGeV
            self.kappa = kappa
            self.pseudoscalarGeV = pseudoscalarGeV
            self.profile = profile
            self.cl = cl
        }

        /// One band's ends (μB): moments, the upper above the lower.
        public static func checkRange(lowerBohr lo: Double, upperBohr hi: Double, naming name: (Field) -> String) throws {
            try ModelInputLimits.moment(lo, name(.muRangeLower))
            try ModelInputLimits.moment(hi, name(.muRangeUpper))
            guard hi > lo else { throw InputError(field: name(.muRanges), "[\(lo), \(hi)]: the upper end must be above the lower one (μB)") }
        }

        public func check(naming name: (Field) -> String) throws {
            guard !(fits.isEmpty && muRanges.isEmpty) else {
                throw InputError("give at least one μν band: \(name(.fits)) FILE or \(name(.muRanges)) LO,HI")
            }
            for r in muRanges { try Self.checkRange(lowerBohr: r.lowerBohr, upperBohr: r.upperBohr, naming: name) }
            try ModelInputLimits.positive(neutralMinGeV, name(.neutralMin))
            try ModelInputLimits.positive(neutralMaxGeV, name(.neutralMax))
            guard neutralMaxGeV >= neutralMinGeV else { throw InputError(field: name(.neutralMax), "must be ≥ \(name(.neutralMin))") }
            try ModelInputLimits.count(steps, 1...Self.maxSteps, name(.steps))
            try ModelInputLimits.positive(heavyChargedGeV, name(.heavy))
            try ModelInputLimits.sine(sin2Alpha, name(.sin2alpha), nonZero: true)
            try ModelInputLimits.finite(splittingGeV, name(.splitting), "(GeV)")
            try ModelInputLimits.positive(kappa, name(.kappa))
            try ModelInputLimits.pseudoscalarMass(pseudoscalarGeV, name(.pseudoscalar))
            if profile != nil && fits.isEmpty {
                throw InputError(field: name(.profile), "needs a \(name(.fits)) element fit of the same data (for its sensitivity s)")
            }
            guard cl.isFinite, cl > 0, cl < 1 else { throw InputError(field: name(.cl), "must be in (0, 1), got \(cl)") }
        }

        /// The link of μν and Δa_μ these inputs give (after ``check(naming:)``).
        public func link(loop: ChargedScalarLoop) throws -> HorizontalJointRegion {
            var link = try HorizontalJointRegion(heavyChargedGeV: heavyChargedGeV, sin2Alpha: sin2Alpha, chargedSplittingGeV: splittingGeV,
                                                 kappa: kappa, loop: loop)
            link.pseudoscalarGeV = pseudoscalarGeV
            return link
        }
    }
}
