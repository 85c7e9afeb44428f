import Foundation
import Testing
@testable import MomentModels

/// ``MomentElementFit`` holds its ``MomentElementConstraint`` (the rescaled approximation)
/// and writes it flat beside the direct fit, with the rescaled interval under its own keys.
@Suite("Moment element fit record")
struct MomentElementFitTests {
    @Test("the constraint's fields read through the fit; JSON keys flat, direct and rescaled intervals apart; decode gives it back")
    func holdsTheConstraint() throws {
        let shape = try MagneticMomentMatrix.majorana(eMu: Complex(1e-11), eTau: .zero, muTau: .zero)
        let c = try MomentElementConstraint(element: (0, 1), shape: shape, averagedSquared: 0.78e-22, muIntervalBohr: 1.6e-11...3.0e-11)
        let fit = MomentElementFit(best: 2.7e-11, interval: 1.8e-11...3.5e-11, rescaled: c)
        #expect(fit.rescaled == c)
        #expect(fit.row == 0 && fit.column == 1 && fit.basis == .flavour && fit.nature == .majorana && fit.singleElementShape)
        #expect(fit.sensitivity == c.sensitivity && fit.muLowerBohr == 1.6e-11 && fit.muUpperBohr == 3.0e-11)
        #expect(fit.rescaledLowerBohr == c.elementLowerBohr && fit.rescaledUpperBohr == c.elementUpperBohr)
        #expect(fit.elementLowerBohr == 1.8e-11 && fit.elementUpperBohr == 3.5e-11 && fit.elementBestBohr == 2.7e-11)

        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        let data = try e.encode(fit)
        let obj = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(Set(obj.keys) == ["row", "column", "basis", "nature", "sensitivity", "single_element_shape", "element_best_muB",
                                  "element_lower_muB", "element_upper_muB", "mu_lower_muB", "mu_upper_muB", "rescaled_lower_muB", "rescaled_upper_muB"])
        // (JSONSerialization may read a number to within an ulp; the decoder below is exact)
        let direct = try #require(obj["element_lower_muB"] as? Double), rescaled = try #require(obj["rescaled_lower_muB"] as? Double)
        #expect(abs(direct / 1.8e-11 - 1) < 1e-14 && abs(rescaled / c.elementLowerBohr - 1) < 1e-14)
        #expect(try JSONDecoder().decode(MomentElementFit.self, from: data) == fit)
    }
}
