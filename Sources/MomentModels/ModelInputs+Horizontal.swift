import Formats
import Foundation

extension ModelInputs {
    /// `model horizontal`: the SU(2)_H transition moment at one point (masses in GeV, f f′ and
    /// sin 2α dimensionless, an optional target |μν| in μB).
    public struct Horizontal: ModelInput {
        public enum Field: String, Sendable {
            case light = "m_h_plus_GeV", heavy = "m_H_plus_GeV", yukawa = "ffprime", sin2alpha, targetMu = "mu_nu_muB"
        }
        public var lightScalarGeV: Double
        public var heavyScalarGeV: Double
        public var yukawaProduct: Double
        public var sin2Alpha: Double
        public var targetMuB: Double?

        public init(lightScalarGeV: Double, heavyScalarGeV: Double, yukawaProduct: Double = 1, sin2Alpha: Double, targetMuB: Double?) {
            self.lightScalarGeV = lightScalarGeV
            self.heavyScalarGeV = heavyScalarGeV
            self.yukawaProduct = yukawaProduct
            self.sin2Alpha = sin2Alpha
            self.targetMuB = targetMuB
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.positive(lightScalarGeV, name(.light))
            try ModelInputLimits.positive(heavyScalarGeV, name(.heavy))
            guard heavyScalarGeV > lightScalarGeV else {
                throw InputError(field: name(.heavy), "(\(TextFormat.g(heavyScalarGeV)) GeV) must be above \(name(.light)) (\(TextFormat.g(lightScalarGeV)) GeV): m_h⁺ is the lighter charged scalar, m_H⁺ the heavier; swap the two")
            }
            guard yukawaProduct.isFinite else { throw InputError(field: name(.yukawa), "must be finite") }
            try ModelInputLimits.sine(sin2Alpha, name(.sin2alpha))
            try ModelInputLimits.positive(targetMuB, name(.targetMu))
            try ModelInputLimits.atMost(lightScalarGeV, ModelInputLimits.scaleGeV, name(.light), "GeV")
            try ModelInputLimits.atMost(heavyScalarGeV, ModelInputLimits.scaleGeV, name(.heavy), "GeV")
            if abs(yukawaProduct) > ModelInputLimits.yukawa {
                throw InputError(field: name(.yukawa), "must be at most \(ModelInputLimits.yukawa) in magnitude, got \(yukawaProduct)")
            }
            try ModelInputLimits.moment(targetMuB, name(.targetMu))
        }
    }

    /// `model horizontal-region`: a μν interval [lower, upper] (μB), sin 2α, mass ranges of
    /// m_h⁺ and m_H⁺ (GeV) and the grid's points per mass axis.
    public struct HorizontalRegion: ModelInput {
        /// The C interface gives each mass range as one list [low, high].
        public enum Field: String, Sendable {
            case muLower = "mu_lower_muB", muUpper = "mu_upper_muB", sin2alpha
            case lightMin = "m_h_plus_GeV[0]", lightMax = "m_h_plus_GeV[1]", heavyMin = "m_H_plus_GeV[0]", heavyMax = "m_H_plus_GeV[1]"
            case steps
        }
        /// Largest grid points per mass axis.
        public static let maxSteps = 200
        public var muLowerBohr: Double
        public var muUpperBohr: Double
        public var sin2Alpha: Double
        public var lightScalarGeV: (min: Double, max: Double)
        public var heavyScalarGeV: (min: Double, max: Double)
        public var steps: Int

        public init(muLowerBohr: Double, muUpperBohr: Double, sin2Alpha: Double, lightScalarGeV: (min: Double, max: Double),
                    heavyScalarGeV: (min: Double, max: Double), steps: Int) {
            self.muLowerBohr = muLowerBohr
            self.muUpperBohr = muUpperBohr
            self.sin2Alpha = sin2Alpha
            self.lightScalarGeV = lightScalarGeV
            self.heavyScalarGeV = heavyScalarGeV
            self.steps = steps
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.moment(muLowerBohr, name(.muLower))
            try ModelInputLimits.positive(muUpperBohr, name(.muUpper))
            try ModelInputLimits.moment(muUpperBohr, name(.muUpper))
            guard muUpperBohr > muLowerBohr else {
                throw InputError(field: name(.muUpper), "(\(muUpperBohr)) must be above \(name(.muLower)) (\(muLowerBohr))")
            }
            try ModelInputLimits.sine(sin2Alpha, name(.sin2alpha), nonZero: true)
            let masses: [(Field, Double)] = [(.lightMin, lightScalarGeV.min), (.lightMax, lightScalarGeV.max),
                                             (.heavyMin, heavyScalarGeV.min), (.heavyMax, heavyScalarGeV.max)]
            for (f, v) in masses { try ModelInputLimits.positive(v, name(f)) }
            for (f, v) in masses { try ModelInputLimits.atMost(v, ModelInputLimits.scaleGeV, name(f), "GeV") }
            guard lightScalarGeV.max >= lightScalarGeV.min else { throw InputError(field: name(.lightMax), "must be ≥ \(name(.lightMin))") }
            guard heavyScalarGeV.max >= heavyScalarGeV.min else { throw InputError(field: name(.heavyMax), "must be ≥ \(name(.heavyMin))") }
            try ModelInputLimits.count(steps, 1...Self.maxSteps, name(.steps))
        }
    }
}
