import Detector
import Foundation
import Formats
import MomentModels
import Recoil
import Report

// The model calculators (as `nmmfit model ...`): each a library result type. The input rules
// are the library's (``ModelInput``: one check per calculator, shared with the CLI); what is
// here is reading the request's keys.

extension CInterface {
    /// A number the request must give (`unit` for the message); its range is the calculator's rule.
    static func required(_ a: Args, _ k: String, unit: String) throws -> Double {
        guard let x = try a.double(k) else { throw InputError(field: k, "is missing (\(unit))") }
        return x
    }

    static func pmns(_ a: Args) throws -> PMNS {
        let s = try a.string("pmns") ?? "standard"
        guard let m = PMNS.named[s.lowercased()] else { throw InputError(field: "pmns", "unknown mixing '\(s)' (\(PMNS.named.keys.sorted().joined(separator: ", ")))") }
        return m
    }

    /// The measured Δa_μ values to compare with: `g2` ids (or "all"), and a user value
    /// `delta_amu_1e11` ± `delta_amu_sigma_1e11` (units of 1e-11); none: today's default.
    static func g2Measurements(_ a: Args) throws -> [MuonAnomalyMeasurement] {
        try ModelInputs.G2Measurements(ids: try a.strings("g2") ?? [], deltaAMu1e11: try a.double("delta_amu_1e11"),
                                       sigma1e11: try a.double("delta_amu_sigma_1e11")).measurements()
    }

    static func dispatchModels(_ command: String, _ a: Args) throws -> (any Encodable)? {
        switch command {
        case "model_sm_dirac":
            let input = ModelInputs.SMDirac(massEV: try a.double("mass_eV"), muNuMuB: try a.double("mu_nu_muB"))
            try input.check()
            let r = try SMDiracResult.solve(massEV: input.massEV, muNuMuB: input.muNuMuB)
            return try merged(r, ["mass_eV": r.massEV])

        case "model_mass_moment":
            let input = ModelInputs.MassMoment(muNuMuB: try a.double("mu_nu_muB"), scaleGeV: try a.double("scale_GeV"), massEV: try a.double("mass_eV"))
            try input.check()
            // the CLI's keys (with the naturalness verdicts) and `mass_eV`, the name of earlier versions
            let r = try MassMomentResult.solve(muNuMuB: input.muNuMuB, scaleGeV: input.scaleGeV, massEV: input.massEV)
            return try merged(r, ["mass_eV": r.massEV])

        case "model_horizontal":
            guard let mh = try a.double("m_h_plus_GeV"), let mH = try a.double("m_H_plus_GeV"), let s2 = try a.double("sin2alpha") else {
                throw InputError(field: "m_h_plus_GeV/m_H_plus_GeV/sin2alpha", "all three are needed (GeV, GeV, 1)")
            }
            let input = ModelInputs.Horizontal(lightScalarGeV: mh, heavyScalarGeV: mH, sin2Alpha: s2, targetMuB: try a.double("mu_nu_muB"))
            try input.check()
            let loop = try loopChoice(a)
            // the CLI's result at f f′ = `ffprime` (default 1; with its mass side), and the keys of earlier versions
            let r = try HorizontalMomentResult(lightScalarGeV: mh, heavyScalarGeV: mH, yukawaProduct: try a.double("ffprime", default: 1),
                                               sin2Alpha: s2, loop: loop, targetMuB: input.targetMuB)
            var f: [String: any Encodable] = [
                "mu_per_ffprime_muB": HorizontalSymmetryModel.momentPerYukawaBohr(lightScalarGeV: mh, heavyScalarGeV: mH, sin2Alpha: s2, loop: loop),
            ]
            if let need = r.ffprimeForTarget { f["ffprime_required"] = need }
            return try merged(r, f)

        case "model_horizontal_region":
            guard let lo = try a.double("mu_lower_muB"), let hi = try a.double("mu_upper_muB"), let s2 = try a.double("sin2alpha"),
                  let h = try a.doubles("m_h_plus_GeV"), let H = try a.doubles("m_H_plus_GeV"), h.count == 2, H.count == 2 else {
                throw InputError(field: "mu_lower_muB/mu_upper_muB/sin2alpha/m_h_plus_GeV/m_H_plus_GeV", "all are needed; the masses as ranges [low, high] in GeV")
            }
            let input = ModelInputs.HorizontalRegion(muLowerBohr: lo, muUpperBohr: hi, sin2Alpha: s2, lightScalarGeV: (h[0], h[1]),
                                                     heavyScalarGeV: (H[0], H[1]), steps: try a.int("steps", default: 40))
            try input.check()
            // the CLI's result (rows, mass side with the naturalness bounds) and the figure's data
            let r = try HorizontalRegionResult.compute(muLoMuB: lo, muHiMuB: hi, sin2alpha: s2, lightScalarGeV: h[0]...h[1],
                                                       heavyScalarGeV: H[0]...H[1], steps: input.steps, loop: try loopChoice(a))
            return try merged(r, ["figure": Figures.horizontalRegion(r.rows, muLo: lo, muHi: hi, sin2Alpha: s2).data()])

        case "model_sm_transition":
            guard let m = try a.doubles("masses_eV") else { throw InputError(field: "masses_eV", "is missing (three masses m1, m2, m3 in eV)") }
            try ModelInputs.SMTransition(massesEV: m).check()
            return try SMTransitionResult(massesEV: m, pmns: try pmns(a))

        case "model_lr_mixing":
            let input = ModelInputs.LRMixing(lepton: try a.string("lepton") ?? "e", sin2xi: try a.double("sin2xi"), muNuMuB: try a.double("mu_nu_muB"),
                                             heavyWMassGeV: try a.double("mw2_GeV"), neutrinoMassEV: try a.double("mass_eV", default: 0))
            try input.check()
            return try LRMixingResult(lepton: try input.leptonFlavour(), sin2xi: input.sin2xi, muNuMuB: input.muNuMuB,
                                      heavyWMassGeV: input.heavyWMassGeV, neutrinoMassEV: input.neutrinoMassEV)

        case "model_g2_data":
            return G2DataResult()

        case "model_g2_scalar":
            let m = try required(a, "mass_GeV", unit: "GeV")
            guard let yl = try a.double("y_left"), let yr = try a.double("y_right") else { throw InputError(field: "y_left/y_right", "both are needed (dimensionless)") }
            let input = ModelInputs.G2Scalar(massGeV: m, lepton: try a.string("lepton") ?? "tau", yLeft: yl, yRight: yr)
            try input.check()
            return try G2ScalarResult(massGeV: m, lepton: try input.leptonFlavour(), yLeft: yl, yRight: yr, measurements: try g2Measurements(a))

        case "model_g2_horizontal":
            let coupling = try a.string("neutral_coupling").map { s in
                guard let c = NeutralScalarCouplingAssumption(rawValue: s) else {
                    throw InputError(field: "neutral_coupling", "must be \(NeutralScalarCouplingAssumption.allCases.map(\.rawValue).joined(separator: " or ")), got '\(s)'")
                }
                return c
            } ?? .product
            let input = ModelInputs.G2Horizontal(neutralGeV: try required(a, "m_neutral_GeV", unit: "GeV"), heavyChargedGeV: try required(a, "m_H_plus_GeV", unit: "GeV"),
                                                 sin2alpha: try a.double("sin2alpha", default: 1), splittingGeV: try a.double("splitting_GeV", default: 0),
                                                 kappa: try a.double("kappa", default: 1), pseudoscalarGeV: try a.double("pseudoscalar_GeV"),
                                                 ffprime: try a.double("ffprime"), f: try a.double("f"), fprime: try a.double("fprime"), coupling: coupling)
            try input.check()
            return try input.result(measurements: try g2Measurements(a))

        case "model_joint":
            let fits = try a.strings("fits") ?? []
            var ranges: [(lowerBohr: Double, upperBohr: Double)] = []
            if let list = a.values["mu_ranges"] as? [Any] {
                for (i, r) in list.enumerated() {
                    guard let v = try Args(values: ["r": r]).doubles("r"), v.count == 2 else { throw InputError(field: "mu_ranges[\(i)]", "must be [lower_muB, upper_muB]") }
                    ranges.append((v[0], v[1]))
                }
            } else if a.has("mu_ranges") {
                throw InputError(field: "mu_ranges", "must be a list of [lower_muB, upper_muB]")
            }
            let input = ModelInputs.Joint(fits: fits, muRanges: ranges, neutralMinGeV: try a.double("m0_min_GeV", default: 50),
                                          neutralMaxGeV: try a.double("m0_max_GeV", default: 800), steps: try a.int("steps", default: 40),
                                          heavyChargedGeV: try a.double("m_H_plus_GeV", default: 1000), sin2Alpha: try a.double("sin2alpha", default: 1),
                                          splittingGeV: try a.double("splitting_GeV", default: 0), kappa: try a.double("kappa", default: 1),
                                          pseudoscalarGeV: try a.double("pseudoscalar_GeV"), profile: try a.string("profile"), cl: try a.double("cl", default: 0.9))
            try input.check()
            let bands = try fits.map { try MuNuBand.load(modelElementFit: $0) }
                + ranges.map { try MuNuBand(label: "[\($0.lowerBohr), \($0.upperBohr)] μB", lowerBohr: $0.lowerBohr, upperBohr: $0.upperBohr) }
            let profile = try input.profile.map { p in
                JointResult.Profile(curve: try ProfileLikelihoodCurve.load(scanResult: p), cl: input.cl, firstBandFile: fits.first)
            }
            let link = try input.link(loop: try loopChoice(a))
            let measurements = try g2Measurements(a)
            let r = try JointResult.compute(link: link, neutralGeV: input.neutralMinGeV...input.neutralMaxGeV,
                                            steps: input.steps, bands: bands, measurements: measurements, profile: profile)
            guard try a.bool("figure", default: true) else { return r }
            // the data of `model joint --svg`'s figure (panels: |f f′| region, mass side), as the CLI draws it
            let names = (try? DataLocator.dataDirectory(explicit: try a.string("data_dir")))
                .map { DatasetDisplayNames.load(ids: DataLocator.available(in: $0), dataDirectory: $0) } ?? [:]
            let figure = Figures.horizontalJoint(r.rows, bands: bands, measurements: measurements, link: link, displayNames: names,
                                                 chi2Regions: r.chi2Regions ?? [], massSide: r.massSide, collider: r.collider,
                                                 naturalness: r.naturalness)
            return try merged(r, ["figure": figure.data()])

        case "model_solar_fluxes":
            return SolarFluxTable()

        case "model_effective":
            let moments = try path(a, "moments", "a moment-matrix file")
            let input = ModelInputs.Effective(recoilKeV: try a.double("recoil_keV"), element: try a.string("element"), muLowerBohr: try a.double("mu_lo_muB"),
                                              muUpperBohr: try a.double("mu_hi_muB"), eminKeV: try a.double("emin_keV"), emaxKeV: try a.double("emax_keV"))
            try input.check()
            return try EffectiveMomentResult.compute(matrix: try MomentMatrixFile.load(path: moments), momentsFile: moments, pmns: try pmns(a),
                                                     recoilKeV: input.recoilKeV, recoil: try recoilChoice(a).model(), element: try input.elementRequest())
        default:
            return nil
        }
    }

    /// A library result (the keys of the CLI's `--json`) with `extra` keys added beside its own
    /// (an extra key never replaces one of the result's).
    static func merged(_ result: some Encodable, _ extra: [String: any Encodable]) throws -> RenderedJSON {
        func object(_ v: some Encodable) throws -> [String: Any] {
            guard let o = try JSONSerialization.jsonObject(with: try encoder.encode(v)) as? [String: Any] else {
                throw InputError(field: "result", "is not a JSON object")
            }
            return o
        }
        var o = try object(result)
        for (k, v) in try object(Fields(extra)) where o[k] == nil { o[k] = v }
        return RenderedJSON(text: String(decoding: try JSONSerialization.data(withJSONObject: o, options: [.sortedKeys]), as: UTF8.self))
    }
}
