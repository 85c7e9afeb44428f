import Foundation
import Testing
@testable import Recoil
@testable import MomentModels

/// A moment-matrix element as the parameter of interest: its per-neutrino weight and the
/// template it gives, against independent routes through the effective moment.
@Suite("Moment-matrix element as a signal model")
struct MomentElementSignalTests {
    static let emu = MatrixElement(basis: .flavour, row: 0, column: 1)

    @Test("a single Majorana e-μ moment weighs each neutrino with P_ee + P_eμ of its own source")
    func majoranaWeight() throws {
        let shape = try MagneticMomentMatrix.majorana(eMu: Complex(3, 0), eTau: Complex(0, 0), muTau: Complex(0, 0))
        let signal = try MomentElementSignal(element: Self.emu, shape: shape)
        let eff = EffectiveMoment()
        var weights: [SolarSource: Double] = [:]
        for (source, e) in [(SolarSource.pp, 200.0), (.be7, 861.8), (.b8, 10_000)] {
            let p = eff.flavourProbabilities(neutrinoEnergyKeV: e, source: source)
            let w = signal.weight(source: source, neutrinoEnergyKeV: e)
            #expect(abs(w - (p[0] + p[1])) < 1e-12, "\(source): \(w) vs \(p[0] + p[1])")
            weights[source] = w
        }
        // the sources' factors differ (matter effects): the reason to fit with the element's template
        #expect(abs(weights[.pp]! - weights[.b8]!) > 1e-3)
        #expect(signal.parameterName == "mu_e_mu")
        #expect(signal.symbol == "|λ_eμ|")
    }

    @Test("the weighted recoil rate equals MomentRateCalculator's matrix rate at |λ_eμ| = 10⁻¹¹ μB")
    func rateAgreesWithMatrixRate() throws {
        let shape = try MagneticMomentMatrix.majorana(eMu: Complex(1, 0), eTau: Complex(0, 0), muTau: Complex(0, 0))
        let signal = try MomentElementSignal(element: Self.emu, shape: shape)
        var model = RecoilModel()
        model.magneticWeight = signal.magneticWeight(label: "λ_eμ")
        let weighted = try RecoilCalculator(model: model)
        let matrix = try MomentRateCalculator(model: RecoilModel())
        for t in [1.0, 5, 20] {
            let a = try weighted.components(recoilKeV: t).magneticAtReference
            let b = try matrix.magneticRates(recoilKeV: t, matrix: shape.scaled(by: RecoilModel.referenceMuNuBohr))
            for (x, y) in zip(a, b) where y > 0 { #expect(abs(x / y - 1) < 1e-9, "T = \(t): \(x) vs \(y)") }
            #expect(a.reduce(0, +) > 0)
        }
    }

    @Test("an element that is zero in the matrix is refused")
    func zeroElement() throws {
        let shape = try MagneticMomentMatrix.majorana(eMu: Complex(0, 0), eTau: Complex(1, 0), muTau: Complex(0, 0))
        #expect(throws: MomentError.self) { try MomentElementSignal(element: Self.emu, shape: shape) }
    }
}
