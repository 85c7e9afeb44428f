import Formats
import Foundation

extension ModelInputs {
    /// `model mass-moment`: two of μν (μB), Λ (GeV), m_ν (eV); the third is solved for
    /// (``MassMomentResult/solve(muNuMuB:scaleGeV:massEV:)``).
    public struct MassMoment: ModelInput {
        public enum Field: String, Sendable { case muNu = "mu_nu_muB", scale = "scale_GeV", mass = "mass_eV" }
        public var muNuMuB: Double?
        public var scaleGeV: Double?
        public var massEV: Double?

        public init(muNuMuB: Double?, scaleGeV: Double?, massEV: Double?) {
            self.muNuMuB = muNuMuB
            self.scaleGeV = scaleGeV
            self.massEV = massEV
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.moment(muNuMuB, name(.muNu))
            try ModelInputLimits.positive(scaleGeV, name(.scale))
            try ModelInputLimits.nonNegative(massEV, name(.mass))
            try ModelInputLimits.atMost(scaleGeV, ModelInputLimits.scaleGeV, name(.scale), "GeV")
            try ModelInputLimits.atMost(massEV, ModelInputLimits.neutrinoMassEV, name(.mass), "eV")
            let given = [muNuMuB, scaleGeV, massEV].compactMap { $0 }.count
            guard given == 2 else {
                throw InputError("give exactly two of \(name(.muNu)), \(name(.scale)), \(name(.mass)) (got \(given))")
            }
            if scaleGeV == nil, muNuMuB == 0 { throw InputError(field: name(.muNu), "must be > 0 to solve for the scale") }
        }
    }

    /// `model sm-dirac`: a neutrino mass (eV), or the moment (μB) whose mass is wanted.
    public struct SMDirac: ModelInput {
        public enum Field: String, Sendable { case mass = "mass_eV", muNu = "mu_nu_muB" }
        public var massEV: Double?
        public var muNuMuB: Double?

        public init(massEV: Double?, muNuMuB: Double?) {
            self.massEV = massEV
            self.muNuMuB = muNuMuB
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.nonNegative(massEV, name(.mass))
            try ModelInputLimits.moment(muNuMuB, name(.muNu))
            guard (massEV == nil) != (muNuMuB == nil) else { throw InputError("give exactly one of \(name(.mass)), \(name(.muNu))") }
            try ModelInputLimits.atMost(massEV, ModelInputLimits.neutrinoMassEV, name(.mass), "eV")
        }
    }

    /// `model sm-transition`: the three neutrino masses m1, m2, m3 (eV).
    public struct SMTransition: ModelInput {
        public enum Field: String, Sendable { case masses = "masses_eV" }
        public var massesEV: [Double]

        public init(massesEV: [Double]) { self.massesEV = massesEV }

        public func check(naming name: (Field) -> String) throws {
            guard massesEV.count == 3, massesEV.allSatisfy({ $0.isFinite && $0 >= 0 && $0 <= ModelInputLimits.neutrinoMassEV }) else {
                throw InputError(field: name(.masses), "must be three masses m1, m2, m3 in eV, each ≥ 0 and at most \(ModelInputLimits.neutrinoMassEV) eV, got \(massesEV)")
            }
        }
    }

    /// `model lr-mixing`: the lepton in the loop, sin 2ξ or the |μν| (μB) to invert for, the
    /// heavier W (GeV; nil: M_W2 → ∞) and the neutrino mass (eV).
    public struct LRMixing: ModelInput {
        public enum Field: String, Sendable {
            case lepton, sin2xi, muNu = "mu_nu_muB", heavyW = "mw2_GeV", mass = "mass_eV"
        }
        public var lepton: String
        public var sin2xi: Double?
        public var muNuMuB: Double?
        public var heavyWMassGeV: Double?
        public var neutrinoMassEV: Double

        public init(lepton: String, sin2xi: Double?, muNuMuB: Double?, heavyWMassGeV: Double?, neutrinoMassEV: Double) {
            self.lepton = lepton
            self.sin2xi = sin2xi
            self.muNuMuB = muNuMuB
            self.heavyWMassGeV = heavyWMassGeV
            self.neutrinoMassEV = neutrinoMassEV
        }

        public func check(naming name: (Field) -> String) throws {
            _ = try ModelInputLimits.lepton(lepton, name(.lepton))
            guard (sin2xi == nil) != (muNuMuB == nil) else { throw InputError("give exactly one of \(name(.sin2xi)), \(name(.muNu))") }
            try ModelInputLimits.sine(sin2xi, name(.sin2xi))
            try ModelInputLimits.moment(muNuMuB, name(.muNu))
            if let w = heavyWMassGeV, !(w.isFinite && w > ModelMasses.wBosonGeV) {
                throw InputError(field: name(.heavyW), "must be a finite mass above m_W = \(ModelMasses.wBosonGeV) GeV, got \(w)")
            }
            try ModelInputLimits.nonNegative(neutrinoMassEV, name(.mass))
            try ModelInputLimits.atMost(neutrinoMassEV, ModelInputLimits.neutrinoMassEV, name(.mass), "eV")
        }

        /// The checked lepton.
        public func leptonFlavour() throws -> LeptonFlavour { try ModelInputLimits.lepton(lepton, Field.lepton.rawValue) }
    }
}
