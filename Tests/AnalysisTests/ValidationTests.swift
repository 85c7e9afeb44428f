import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Recoil
@testable import Detector
@testable import Likelihood
@testable import Analysis

/// Compares with validation/reference_values.json, written by validation/reference.py: an
/// independent Python (scipy) implementation of the same physics and statistics, sharing no
/// code with the Swift one. Its inputs: sources pp + ⁷Be + pep + CNO (B16-GS98), stepping,
/// no solar-flux nuisance; θ_eff ~ N(1, 0.03) on all samples, θ_B0 ~ N(1, σ).
@Suite("Validation against the independent Python reference")
struct ValidationTests {
    nonisolated(unsafe) static let reference: [String: Any] = {  // read-only after initialisation
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("validation/reference_values.json")
        return try! JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
    }()

    static let recoil = RecoilModel(sources: [.pp, .be7, .pep, .n13, .o15, .f17], binding: .stepping)

    static func model(dataset: String, tritium: ModelBuilder.Tritium = .none) throws -> (BinnedModel, [ModelBuilder.ChannelInput]) {
        try AnalysisConfig(channels: [.init(dataset: dataset)], recoil: recoil, tritium: tritium, solarFluxNuisance: false).buildModel()
    }

    static func fit(_ key: String) -> [String: Any] {
        ((reference["B_xenon1t"] as! [String: Any])["fits"] as! [String: Any])[key] as! [String: Any]
    }

    @Test("XENON1T folded signal per bin (1–7 keV) agrees to 1e-4")
    func xenon1tSignal() throws {
        let ref = (Self.reference["B_xenon1t"] as! [String: Any])["signal_1e-11_1to7_Tmax15"] as! [Double]
        let (_, inputs) = try Self.model(dataset: "xenon1t_sr1")
        for (a, b) in zip(inputs[0].template.magneticAtReference, ref) { #expect(abs(a / b - 1) < 1e-4, "\(a) vs \(b)") }
    }

    @Test("XENONnT folded signal per bin (1–30 keV, efficiency in reconstructed energy) agrees to 1e-4")
    func xenonntSignal() throws {
        let ref = (Self.reference["C_xenonnt"] as! [String: Any])["signal_1e-11"] as! [Double]
        let (_, inputs) = try Self.model(dataset: "xenonnt_sr0")
        #expect(inputs[0].template.magneticAtReference.count == ref.count)
        for (a, b) in zip(inputs[0].template.magneticAtReference, ref) { #expect(abs(a / b - 1) < 1e-4, "\(a) vs \(b)") }
    }

    @Test("XENON1T 1–7 keV fits: ŝ, q0 and the Wilks interval agree", arguments: [("1to7_tritium_zero", ModelBuilder.Tritium.none), ("1to7_tritium_free", .free)])
    func xenon1tFits(key: String, tritium: ModelBuilder.Tritium) throws {
        let ref = Self.fit(key)
        let (m, _) = try Self.model(dataset: "xenon1t_sr1", tritium: tritium)
        let pl = try ProfileLikelihood(model: m)
        let q0 = try pl.discovery().q0
        #expect(abs(q0 - (ref["q0"] as! Double)) < 1e-4 * max(1, q0), "q0 \(q0)")
        #expect(abs(pl.best.muNu / (ref["mu_hat_muB"] as! Double) - 1) < 1e-4)
        let iv = try AsymptoticInterval.interval(pl, method: .wilks)
        let r = ref["interval90_mu_muB"] as! [Double]
        #expect(abs(iv.lower - r[0]) < 1e-4 * r[1] && abs(iv.upper / r[1] - 1) < 1e-4, "\(iv) vs \(r)")
    }
}
