import Foundation
import PropertyBased
import Testing
@testable import Recoil

/// Property-based tests of the recoil physics (x-sheep/swift-property-based; moved from the
/// Likelihood properties, which need no physics).
@Suite("Recoil properties")
struct RecoilPropertyTests {
    @Test("the magnetic cross-section and rate scale as μν² at any energy and moment")
    func muSquared() async {
        let calc = try! RecoilCalculator(model: RecoilModel(sources: [.pp, .be7]))
        await propertyCheck(count: 30, input: Gen.double(in: 0.5...100), Gen.double(in: 1e-13...1e-10), Gen.double(in: 300...1500)) { t, mu, e in
            // the cross-section itself, evaluated at μν and at 1e-11 independently
            let a = CrossSections.magnetic(neutrinoEnergyKeV: e, recoilKeV: t, muNuBohr: mu)
            let b = CrossSections.magnetic(neutrinoEnergyKeV: e, recoilKeV: t, muNuBohr: 1e-11)
            #expect(abs(a - (mu / 1e-11) * (mu / 1e-11) * b) <= 1e-12 * max(a, 1e-300))
            // and the rate from a model whose reference moment would be μν: total − weak
            let full = try calc.rate(recoilKeV: t, muNuBohr: mu) - (try calc.components(recoilKeV: t)).weakTotal
            let ref = try calc.rate(recoilKeV: t, muNuBohr: 1e-11) - (try calc.components(recoilKeV: t)).weakTotal
            #expect(abs(full - (mu / 1e-11) * (mu / 1e-11) * ref) <= 1e-9 * max(full, 1e-12))
        }
    }
}
