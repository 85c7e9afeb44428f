import Foundation
import Formats
import MomentModels
import Recoil
import Report

// The model calculators (as `nmmfit model ...`): each a library result type.

extension CInterface {
    static func positive(_ a: Args, _ k: String, unit: String) throws -> Double {
        guard let x = try a.double(k) else { throw InputError(field: k, "is missing (\(unit))") }
        guard x > 0 else { throw InputError(field: k, "must be a positive finite number (\(unit)), got \(x)") }
        return x
    }

    static func lepton(_ a: Args, default d: String) throws -> LeptonFlavour {
        let s = try a.string("lepton") ?? d
        guard let l = LeptonFlavour(name: s) else { throw InputError(field: "lepton", "must be e, mu or tau, got '\(s)'") }
        return l
    }

    static func pmns(_ a: Args) throws -> PMNS {
        let s = try a.string("pmns") ?? "standard"
        guard let m = PMNS.named[s.lowercased()] else { throw InputError(field: "pmns", "unknown mixing '\(s)' (\(PMNS.named.keys.sorted().joined(separator: ", ")))") }
        return m
    }

    /// The measured Δa_μ values to compare with: `g2` ids (or "all"), and a user value
    /// `delta_amu_1e11` ± `delta_amu_sigma_1e11` (units of 1e-11); none: today's default.
    static func g2Measurements(_ a: Args) throws -> [MuonAnomalyMeasurement] {
        let ids = try a.strings("g2") ?? []
        let d = try a.double("delta_amu_1e11"), s = try a.double("delta_amu_sigma_1e11")
        guard (d == nil) == (s == nil) else { throw InputError(field: "delta_amu_1e11", "delta_amu_1e11 and delta_amu_sigma_1e11 go together") }
        if let s, !(s > 0) { throw InputError(field: "delta_amu_sigma_1e11", "must be > 0 (units of 1e-11), got \(s)") }
        for id in ids where id.lowercased() != "all" {
            guard let m = MuonAnomalyMeasurement.named(id) else {
                throw InputError(field: "g2", "'\(id)' is not one of: \(MuonAnomalyMeasurement.all.map(\.id).joined(separator: ", ")), all")
            }
            guard m.isAvailable else { throw InputError(field: "g2", "'\(id)': \(m.source)") }
        }
        var out = ids.isEmpty && d == nil ? [MuonAnomalyMeasurement.defaultMeasurement]
            : ids.contains { $0.lowercased() == "all" } ? MuonAnomalyMeasurement.all.filter(\.isAvailable)
            : ids.compactMap(MuonAnomalyMeasurement.named)
        if let d, let s { out.append(try .custom(deltaAMu1e11: d, sigma1e11: s)) }
        return out
    }

    static func dispatchModels(_ command: String, _ a: Args) throws -> (any Encodable)? {
        switch command {
        case "model_sm_transition":
            guard let m = try a.doubles("masses_eV"), m.count == 3, m.allSatisfy({ $0 >= 0 && $0 <= 1e9 }) else {
                throw InputError(field: "masses_eV", "must be three masses m1, m2, m3 in eV, each ≥ 0")
            }
            return try SMTransitionResult(massesEV: m, pmns: try pmns(a))

        case "model_lr_mixing":
            let s2 = try a.double("sin2xi"), mu = try a.muNu("mu_nu_muB")
            guard (s2 == nil) != (mu == nil) else { throw InputError(field: "sin2xi/mu_nu_muB", "give exactly one of sin2xi, mu_nu_muB") }
            if let s2, !(abs(s2) <= 1) { throw InputError(field: "sin2xi", "must be in [-1, 1], got \(s2)") }
            let w2 = try a.double("mw2_GeV")
            if let w2, !(w2 > ModelMasses.wBosonGeV) { throw InputError(field: "mw2_GeV", "must be a mass above m_W = \(ModelMasses.wBosonGeV) GeV, got \(w2)") }
            let m = try a.double("mass_eV", default: 0)
            guard m >= 0 else { throw InputError(field: "mass_eV", "must be ≥ 0 (eV), got \(m)") }
            return try LRMixingResult(lepton: try lepton(a, default: "e"), sin2xi: s2, muNuMuB: mu, heavyWMassGeV: w2, neutrinoMassEV: m)

        case "model_g2_data":
            return G2DataResult()

        case "model_g2_scalar":
            let m = try positive(a, "mass_GeV", unit: "GeV")
            guard let yl = try a.double("y_left"), let yr = try a.double("y_right") else { throw InputError(field: "y_left/y_right", "both are needed (dimensionless)") }
            return try G2ScalarResult(massGeV: m, lepton: try lepton(a, default: "tau"), yLeft: yl, yRight: yr, measurements: try g2Measurements(a))

        case "model_g2_horizontal":
            let m0 = try positive(a, "m_neutral_GeV", unit: "GeV"), mH = try positive(a, "m_H_plus_GeV", unit: "GeV")
            let kappa = try a.double("kappa", default: 1)
            guard kappa > 0 else { throw InputError(field: "kappa", "must be > 0, got \(kappa)") }
            guard let ff = try a.double("ffprime"), ff >= 0 else { throw InputError(field: "ffprime", "is missing or negative (|f f′|, dimensionless)") }
            let mA = try a.double("pseudoscalar_GeV")
            if let mA, !(mA > ModelMasses.muonGeV && mA <= NeutralScalarLoop.maximumScalarMassGeV) {
                throw InputError(field: "pseudoscalar_GeV", "must be a mass above m_μ and at most \(NeutralScalarLoop.maximumScalarMassGeV) GeV")
            }
            return try G2HorizontalResult(neutralGeV: m0, heavyChargedGeV: mH, sin2alpha: try a.double("sin2alpha", default: 1),
                                          splittingGeV: try a.double("splitting_GeV", default: 0), kappa: kappa, pseudoscalarGeV: mA,
                                          ffprime: ff, measurements: try g2Measurements(a))

        case "model_joint":
            var bands: [MuNuBand] = try (try a.strings("fits") ?? []).map { try MuNuBand.load(modelElementFit: $0) }
            if let ranges = a.values["mu_ranges"] as? [Any] {
                for (i, r) in ranges.enumerated() {
                    let b = Args(values: ["r": r])
                    guard let v = try b.doubles("r"), v.count == 2 else { throw InputError(field: "mu_ranges[\(i)]", "must be [lower_muB, upper_muB]") }
                    let (lo, hi) = (try Args(values: ["lo": v[0]]).muNu("lo")!, try Args(values: ["hi": v[1]]).muNu("hi")!)
                    bands.append(try MuNuBand(label: "[\(v[0]), \(v[1])] μB", lowerBohr: lo, upperBohr: hi))
                }
            } else if a.has("mu_ranges") {
                throw InputError(field: "mu_ranges", "must be a list of [lower_muB, upper_muB]")
            }
            guard !bands.isEmpty else { throw InputError(field: "fits/mu_ranges", "give at least one μν band: an element-fit file or a range") }
            let m0min = try a.double("m0_min_GeV", default: 50), m0max = try a.double("m0_max_GeV", default: 800)
            guard m0min > 0, m0max >= m0min else { throw InputError(field: "m0_min_GeV/m0_max_GeV", "need 0 < m0_min_GeV ≤ m0_max_GeV") }
            let steps = try a.int("steps", default: 40)
            guard (1...500).contains(steps) else { throw InputError(field: "steps", "must be in 1…500, got \(steps)") }
            let s2 = try a.double("sin2alpha", default: 1)
            guard abs(s2) <= 1, s2 != 0 else { throw InputError(field: "sin2alpha", "must be in [-1, 1] and non-zero") }
            let kappa = try a.double("kappa", default: 1)
            guard kappa > 0 else { throw InputError(field: "kappa", "must be > 0, got \(kappa)") }
            let mA = try a.double("pseudoscalar_GeV")
            if let mA, !(mA > ModelMasses.muonGeV && mA <= NeutralScalarLoop.maximumScalarMassGeV) {
                throw InputError(field: "pseudoscalar_GeV", "must be a mass above m_μ and at most \(NeutralScalarLoop.maximumScalarMassGeV) GeV")
            }
            var link = try HorizontalJointRegion(heavyChargedGeV: try a.double("m_H_plus_GeV", default: 1000), sin2Alpha: s2,
                                                 chargedSplittingGeV: try a.double("splitting_GeV", default: 0), kappa: kappa, loop: try loopChoice(a))
            link.pseudoscalarGeV = mA
            let cl = try a.double("cl", default: 0.9)
            guard cl > 0, cl < 1 else { throw InputError(field: "cl", "must be in (0, 1), got \(cl)") }
            let profile = try a.string("profile").map { p in
                JointResult.Profile(curve: try ProfileLikelihoodCurve.load(scanResult: p), cl: cl, firstBandFile: try a.strings("fits")?.first)
            }
            let fitFiles = try a.strings("fits") ?? []
            if profile != nil && fitFiles.isEmpty { throw InputError(field: "profile", "needs an element fit in fits (for its sensitivity s)") }
            return try JointResult.compute(link: link, neutralGeV: m0min...m0max, steps: steps, bands: bands, measurements: try g2Measurements(a), profile: profile)

        case "model_solar_fluxes":
            return SolarFluxTable()

        case "model_effective":
            let moments = try path(a, "moments", "a moment-matrix file")
            let recoilKeV = try a.double("recoil_keV")
            if let t = recoilKeV, !(t > 0 && t <= ModelInputLimits.recoilKeV) { throw InputError(field: "recoil_keV", "must be in (0, 10⁴] keV, got \(t)") }
            var request: EffectiveMomentResult.ElementRequest?
            if let e = try a.string("element") {
                let element: MatrixElement
                do { element = try MatrixElement(parsing: e) } catch let err as MatrixElement.ParseError { throw InputError(field: "element", err.description) }
                let lo = try a.muNu("mu_lo_muB", default: 0)!
                guard let hi = try a.muNu("mu_hi_muB"), hi > 0, hi >= lo else { throw InputError(field: "mu_hi_muB", "is needed with element: the upper end of the universal μν interval (μB), > 0 and ≥ mu_lo_muB") }
                let emin = try a.double("emin_keV", default: 1), emax = try a.double("emax_keV", default: 30)
                guard emin > 0, emax > emin, emax <= ModelInputLimits.recoilKeV else { throw InputError(field: "emin_keV/emax_keV", "need 0 < emin_keV < emax_keV ≤ 10⁴ keV") }
                request = .init(element: element, muIntervalBohr: lo...hi, windowKeV: emin...emax)
            } else if a.has("mu_hi_muB") {
                throw InputError(field: "mu_hi_muB", "applies only with element")
            }
            return try EffectiveMomentResult.compute(matrix: try MomentMatrixFile.load(path: moments), momentsFile: moments, pmns: try pmns(a),
                                                     recoilKeV: recoilKeV, recoil: try recoilChoice(a).model(), element: request)
        default:
            return nil
        }
    }
}
