import Formats
import Foundation

extension ModelInputs {
    /// Which measured Δa_μ values a g−2 calculator compares with: ids of
    /// ``MuonAnomalyMeasurement/all`` (or "all"), and a user value ± error (units of 10⁻¹¹).
    public struct G2Measurements: ModelInput {
        public enum Field: String, Sendable { case ids = "g2", deltaAMu = "delta_amu_1e11", sigma = "delta_amu_sigma_1e11" }
        public var ids: [String]
        public var deltaAMu1e11: Double?
        public var sigma1e11: Double?

        public init(ids: [String], deltaAMu1e11: Double?, sigma1e11: Double?) {
            self.ids = ids
            self.deltaAMu1e11 = deltaAMu1e11
            self.sigma1e11 = sigma1e11
        }

        public func check(naming name: (Field) -> String) throws {
            for id in ids where id.lowercased() != "all" {
                guard let m = MuonAnomalyMeasurement.named(id) else {
                    throw InputError(field: name(.ids), "'\(id)' is not one of: \(MuonAnomalyMeasurement.all.map(\.id).joined(separator: ", ")), all")
                }
                guard m.isAvailable else { throw InputError(field: name(.ids), "'\(id)': \(m.source)") }
            }
            guard (deltaAMu1e11 == nil) == (sigma1e11 == nil) else { throw InputError("\(name(.deltaAMu)) and \(name(.sigma)) go together") }
            try ModelInputLimits.finite(deltaAMu1e11, name(.deltaAMu), "(units of 1e-11)")
            if let s = sigma1e11, !(s.isFinite && s > 0) { throw InputError(field: name(.sigma), "must be > 0 (units of 1e-11), got \(s)") }
        }

        /// The selected measurements: today's default when none is named, every available one
        /// for "all", and the user value last.
        public func measurements() throws -> [MuonAnomalyMeasurement] {
            try check()
            var out = ids.isEmpty && deltaAMu1e11 == nil ? [MuonAnomalyMeasurement.defaultMeasurement]
                : ids.contains { $0.lowercased() == "all" } ? MuonAnomalyMeasurement.all.filter(\.isAvailable)
                : ids.compactMap(MuonAnomalyMeasurement.named)
            if let d = deltaAMu1e11, let s = sigma1e11 { out.append(try .custom(deltaAMu1e11: d, sigma1e11: s)) }
            return out
        }
    }

    /// `model g2-scalar`: a neutral scalar of mass M (GeV) coupling μ to a charged lepton with
    /// y_L, y_R (dimensionless).
    public struct G2Scalar: ModelInput {
        public enum Field: String, Sendable { case mass = "mass_GeV", lepton, yLeft = "y_left", yRight = "y_right" }
        public var massGeV: Double
        public var lepton: String
        public var yLeft: Double
        public var yRight: Double

        public init(massGeV: Double, lepton: String, yLeft: Double, yRight: Double) {
            self.massGeV = massGeV
            self.lepton = lepton
            self.yLeft = yLeft
            self.yRight = yRight
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.positive(massGeV, name(.mass))
            _ = try ModelInputLimits.lepton(lepton, name(.lepton))
            guard yLeft.isFinite, yRight.isFinite else { throw InputError("\(name(.yLeft)) and \(name(.yRight)) must be finite") }
        }

        /// The checked lepton.
        public func leptonFlavour() throws -> LeptonFlavour { try ModelInputLimits.lepton(lepton, Field.lepton.rawValue) }
    }

    /// `model g2-horizontal`: Δa_μ of the neutral scalar H0 and μν of its charged partner for
    /// one set of masses (GeV) and |f f′| (or f and f′).
    public struct G2Horizontal: ModelInput {
        public enum Field: String, Sendable {
            case neutral = "m_neutral_GeV", heavy = "m_H_plus_GeV", sin2alpha, splitting = "splitting_GeV", kappa
            case pseudoscalar = "pseudoscalar_GeV", ffprime, f, fprime, coupling = "neutral_coupling"
        }
        public var neutralGeV: Double
        public var heavyChargedGeV: Double
        public var sin2alpha: Double
        public var splittingGeV: Double
        public var kappa: Double
        public var pseudoscalarGeV: Double?
        public var ffprime: Double?
        public var f: Double?
        public var fprime: Double?
        public var coupling: NeutralScalarCouplingAssumption

        public init(neutralGeV: Double, heavyChargedGeV: Double, sin2alpha: Double = 1, splittingGeV: Double = 0, kappa: Double = 1,
                    pseudoscalarGeV: Double? = nil, ffprime: Double?, f: Double? = nil, fprime: Double? = nil,
                    coupling: NeutralScalarCouplingAssumption = .product) {
            self.neutralGeV = neutralGeV
            self.heavyChargedGeV = heavyChargedGeV
            self.sin2alpha = sin2alpha
            self.splittingGeV = splittingGeV
            self.kappa = kappa
            self.pseudoscalarGeV = pseudoscalarGeV
            self.ffprime = ffprime
            self.f = f
            self.fprime = fprime
            self.coupling = coupling
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.positive(neutralGeV, name(.neutral))
            try ModelInputLimits.positive(heavyChargedGeV, name(.heavy))
            try ModelInputLimits.positive(kappa, name(.kappa))
            try ModelInputLimits.pseudoscalarMass(pseudoscalarGeV, name(.pseudoscalar))
            switch (ffprime, f, fprime) {
            case let (p?, nil, nil): try ModelInputLimits.nonNegative(p, name(.ffprime))
            case let (nil, a?, b?):
                guard a.isFinite, b.isFinite, abs(a * b) <= ModelInputLimits.yukawa else {
                    throw InputError("\(name(.f)) and \(name(.fprime)) must be finite with |f f′| ≤ 10⁶")
                }
            default: throw InputError("give either \(name(.ffprime)) or both \(name(.f)) and \(name(.fprime))")
            }
            if coupling == .fprimeOnly {
                guard fprime != nil else {
                    throw InputError(field: name(.coupling), "fprime-only needs \(name(.f)) and \(name(.fprime)) (Δa_μ then depends on f′ alone)")
                }
                guard pseudoscalarGeV == nil else { throw InputError(field: name(.pseudoscalar), "is modelled only with \(name(.coupling)) product") }
            }
            try ModelInputLimits.finite(splittingGeV, name(.splitting))
        }

        /// The result for these inputs and measurements (after ``check(naming:)``).
        public func result(measurements: [MuonAnomalyMeasurement]) throws -> G2HorizontalResult {
            if let f, let fprime {
                return try G2HorizontalResult(neutralGeV: neutralGeV, heavyChargedGeV: heavyChargedGeV, sin2alpha: sin2alpha, splittingGeV: splittingGeV,
                                              kappa: kappa, pseudoscalarGeV: pseudoscalarGeV, f: f, fprime: fprime, coupling: coupling,
                                              measurements: measurements)
            }
            return try G2HorizontalResult(neutralGeV: neutralGeV, heavyChargedGeV: heavyChargedGeV, sin2alpha: sin2alpha, splittingGeV: splittingGeV,
                                          kappa: kappa, pseudoscalarGeV: pseudoscalarGeV, ffprime: ffprime ?? 0, measurements: measurements)
        }
    }
}
