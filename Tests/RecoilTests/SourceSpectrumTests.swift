import Foundation
import GSL
import Testing
@testable import Recoil

/// The one solar-source spectrum integral (`SourceSpectrum`) against the integrals it replaced,
/// and the signal model's per-neutrino weight on the magnetic rate.
@Suite("One solar-source spectrum integral")
struct SourceSpectrumTests {
    /// The integral the recoil calculator used before, written out independently: QAGS over the
    /// normalised β⁺ density from Eν_min to Q at a given tolerance, lines summed as δ functions.
    static func direct(_ source: SolarSource, eMin: Double, relTol: Double, _ g: (Double) -> Double) throws -> Double {
        switch source.shape {
        case .lines(let lines):
            return lines.filter { $0.energyKeV > eMin }.reduce(0) { $0 + $1.fraction * g($1.energyKeV) }
        case .betaPlus(let q, let z):
            guard eMin < q else { return 0 }
            let f = try BetaPlusSpectrum(endpointKeV: q, daughterZ: z)
            return try Integrator(limit: 200).qags(from: eMin, to: q, relTol: relTol) { f.density($0) * g($0) }.value
        }
    }

    @Test("agrees with the replaced integrals (tolerances 1e-8 and 1e-9) to better than 1e-8", arguments: [1.0, 5, 30, 200])
    func agreesWithReplacedIntegrals(recoilKeV t: Double) throws {
        let eMin = Kinematics.minimumNeutrinoEnergyKeV(recoilKeV: t)
        let integrator = Integrator(limit: 200)
        var compared = 0
        for source in SolarSource.allCases {
            let spectrum = try SourceSpectrum(source)
            let mag = { (e: Double) in CrossSections.magnetic(neutrinoEnergyKeV: e, recoilKeV: t, muNuBohr: 1e-11) }
            let weak = { (e: Double) in CrossSections.weak(neutrinoEnergyKeV: e, recoilKeV: t, flavour: .electron, sin2ThetaW: 0.2387) }
            for g in [mag, weak] {
                let one = try spectrum.integral(above: eMin, using: integrator, g)
                for tol in [1e-8, 1e-9] {
                    let old = try Self.direct(source, eMin: eMin, relTol: tol, g)
                    if old == 0 { #expect(one == 0); continue }
                    #expect(abs(one / old - 1) < 1e-8, "\(source) at T = \(t) keV, tolerance \(tol): \(one) vs \(old)")
                    compared += 1
                }
            }
        }
        #expect(compared > 0)
    }

    @Test("a weight of 1 is the universal rate bit for bit; a constant weight scales only the magnetic rate")
    func weights() throws {
        let universal = try RecoilCalculator(model: RecoilModel())
        var one = RecoilModel()
        one.magneticWeight = MagneticMomentWeight(label: "1") { _, _ in 1 }
        var half = RecoilModel()
        half.magneticWeight = MagneticMomentWeight(label: "0.5") { _, _ in 0.5 }
        for t in [1.0, 10, 50] {
            let u = try universal.components(recoilKeV: t)
            let w1 = try RecoilCalculator(model: one).components(recoilKeV: t)
            let wh = try RecoilCalculator(model: half).components(recoilKeV: t)
            #expect(w1 == u)
            #expect(wh.weak == u.weak)
            for (a, b) in zip(wh.magneticAtReference, u.magneticAtReference) { #expect(abs(a - 0.5 * b) <= 1e-15 * b) }
        }
    }

    @Test("a weight per source reaches only that source's rate")
    func perSource() throws {
        var model = RecoilModel()
        model.magneticWeight = MagneticMomentWeight(label: "pp only") { s, _ in s == .pp ? 1 : 0 }
        let c = try RecoilCalculator(model: model).components(recoilKeV: 5)
        let u = try RecoilCalculator(model: RecoilModel()).components(recoilKeV: 5)
        for (k, s) in model.sources.enumerated() {
            #expect(c.magneticAtReference[k] == (s == .pp ? u.magneticAtReference[k] : 0))
        }
        #expect(u.magneticAtReference[model.sources.firstIndex(of: .pp)!] > 0)
    }
}
