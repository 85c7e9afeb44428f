import Formats
import Foundation

/// The SU(2)_H transition moment of Babu, Jana & Lindner (JHEP 10 (2020) 040) for one set of
/// masses and couplings, with its loop functions and the f f′ a target moment needs
/// (`nmmfit model horizontal`).
public struct HorizontalMomentResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var model = "SU(2)_H, Babu-Jana-Lindner JHEP 10 (2020) 040"
    public var verification = HorizontalSymmetryModel.prefactorVerification
    /// The text the 1/8π² prefactor needs and where it was looked for (nil in older files).
    public var prefactorMissing: MissingText? = .su2hMomentPrefactor
    public var mhPlusGeV: Double
    public var mHPlusGeV: Double
    public var ffprime: Double
    public var sin2alpha: Double
    public var loop: ChargedScalarLoop
    public var loopLightPerGeV2: Double
    public var loopHeavyPerGeV2: Double
    /// The approximate loop's relative error at m_h⁺.
    public var approximateLoopErrorLight: Double
    public var muOverEPerGeV: Double
    public var muNuMuB: Double
    public var targetMuMuB: Double?
    public var ffprimeForTarget: Double?
    /// The naive neutrino mass of this moment at Λ = m_h⁺, next to the model's statement.
    public var massSide: HorizontalMassSide?
    enum CodingKeys: String, CodingKey {
        case model, verification, prefactorMissing = "prefactor_missing", ffprime, sin2alpha, loop, nmmfitOutput = "nmmfit_output", massSide = "mass_side"
        case approximateLoopErrorLight = "approximate_loop_relative_error_h"
        case mhPlusGeV = "m_h_plus_GeV", mHPlusGeV = "m_H_plus_GeV"
        case loopLightPerGeV2 = "loop_h_per_GeV2", loopHeavyPerGeV2 = "loop_H_per_GeV2"
        case muOverEPerGeV = "mu_over_e_per_GeV", muNuMuB = "mu_nu_muB"
        case targetMuMuB = "target_mu_muB", ffprimeForTarget = "ffprime_for_target"
    }

    /// The moment of (m_h⁺, m_H⁺) in GeV, f f′, sin 2α and the loop, and the |f f′| that gives
    /// `targetMuB` (μB) when given.
    public init(lightScalarGeV mh: Double, heavyScalarGeV mH: Double, yukawaProduct ffprime: Double, sin2Alpha: Double,
                loop: ChargedScalarLoop, targetMuB: Double?) throws {
        let m = try HorizontalSymmetryModel(lightScalarGeV: mh, heavyScalarGeV: mH, yukawaProduct: ffprime, sin2Alpha: sin2Alpha, loop: loop)
        ffprimeForTarget = try targetMuB.map {
            try HorizontalSymmetryModel.requiredYukawaProduct(muBohr: $0, lightScalarGeV: mh, heavyScalarGeV: mH, sin2Alpha: sin2Alpha, loop: loop)
        }
        (mhPlusGeV, mHPlusGeV, self.ffprime, sin2alpha, self.loop) = (mh, mH, ffprime, sin2Alpha, loop)
        loopLightPerGeV2 = HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: mh, loop: loop)
        loopHeavyPerGeV2 = HorizontalSymmetryModel.loopFunctionPerGeV2(massGeV: mH, loop: loop)
        approximateLoopErrorLight = ChargedScalarLoop.approximationError(massGeV: mh)
        muOverEPerGeV = m.momentPerGeV
        muNuMuB = m.momentBohr
        targetMuMuB = targetMuB
        massSide = try HorizontalMassSide(muNuMuB: targetMuB ?? m.momentBohr, lightScalarGeV: min(mh, mH))
    }

    public var text: String {
        var s = "SU(2)_H transition moment (Babu, Jana, Lindner, JHEP 10 (2020) 040)\n(\(HorizontalSymmetryModel.prefactorVerification))\n"
        s += "m_h⁺ = \(TextFormat.g(mhPlusGeV)) GeV, m_H⁺ = \(TextFormat.g(mHPlusGeV)) GeV, f f′ = \(TextFormat.g(ffprime)), sin2α = \(TextFormat.g(sin2alpha))\n"
        s += "loop F(m) (\(loop.rawValue)): h⁺ \(TextFormat.g(loopLightPerGeV2, 5)) GeV⁻², H⁺ \(TextFormat.g(loopHeavyPerGeV2, 5)) GeV⁻²"
        s += "   (the approximate (ln(m²/m_τ²) − 1)/m² is \(TextFormat.g(100 * approximateLoopErrorLight, 2)) % off at m_h⁺)\n"
        s += "μ/e  = \(TextFormat.g(muOverEPerGeV, 5)) GeV⁻¹\n"
        s += "μν   = \(TextFormat.g(muNuMuB, 5)) μB  (= \(TextFormat.mu11(muNuMuB)) × 10⁻¹¹ μB)\n"
        if let t = targetMuMuB, let need = ffprimeForTarget { s += "|μν| = \(TextFormat.g(t, 4)) μB needs |f f′| = \(TextFormat.g(need, 5))\n" }
        if let m = massSide { s += m.text + "\n" }
        return s
    }
}
