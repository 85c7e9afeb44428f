import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Recoil

@Suite("Kinematics and cross-sections")
struct KinematicsAndCrossSectionTests {
    @Test("T_max(Eν = m_e) = 2 m_e / 3 exactly; Eν_min inverts T_max")
    func kinematics() {
        let me = PhysicalConstants.electronMassKeV
        #expect(abs(Kinematics.maximumRecoilKeV(neutrinoEnergyKeV: me) - 2 * me / 3) < 1e-12)
        for e in [10.0, 100.0, 423.41, 861.8, 15_000] {
            let t = Kinematics.maximumRecoilKeV(neutrinoEnergyKeV: e)
            #expect(abs(Kinematics.minimumNeutrinoEnergyKeV(recoilKeV: t) / e - 1) < 1e-12)
        }
        // pp endpoint: T_max = 2·423.41² / (510.99895 + 846.82) = 358 552.7 / 1357.819 = 264.0647 keV
        #expect(abs(Kinematics.maximumRecoilKeV(neutrinoEnergyKeV: 423.41) - 264.0647) < 1e-3)
    }

    @Test("MM prefactor πα²/m_e² (ħc)² = 2.4946e-25 cm² (physics.md)")
    func magneticPrefactor() {
        #expect(abs(CrossSections.magneticPrefactorCm2 / 2.4946e-25 - 1) < 1e-4)
    }

    @Test("MM dσ/dT at Eν = 300 keV, T = 10 keV, μν = 1e-11: 2.4946e-47 × (1/10 − 1/300) = 2.4114e-48 cm²/keV")
    func magneticHandValue() {
        let s = CrossSections.magnetic(neutrinoEnergyKeV: 300, recoilKeV: 10, muNuBohr: 1e-11)
        #expect(abs(s / 2.4114e-48 - 1) < 1e-4)
        #expect(CrossSections.magnetic(neutrinoEnergyKeV: 10, recoilKeV: 10, muNuBohr: 1e-11) == 0)
    }

    @Test("weak dσ/dT at T → 0 is 2G_F²m_e/π (g_L² + g_R²) and vanishes above T_max")
    func weakLimits() {
        let sw = 0.2387
        let gl = 0.5 + sw
        let s = CrossSections.weak(neutrinoEnergyKeV: 1000, recoilKeV: 1e-9, flavour: .electron, sin2ThetaW: sw)
        #expect(abs(s / (CrossSections.weakPrefactorCm2PerKeV * (gl * gl + sw * sw)) - 1) < 1e-9)
        // 2 G_F² m_e/π (ħc)² = 2 (1.1663787e-17)² × 510.99895/π × 3.893794e-16 = 1.7233e-47 cm²/keV
        #expect(abs(CrossSections.weakPrefactorCm2PerKeV / 1.7233e-47 - 1) < 1e-4)
        #expect(CrossSections.weak(neutrinoEnergyKeV: 100, recoilKeV: 50, flavour: .electron) == 0)
    }
}

@Suite("Solar neutrino spectra and oscillation")
struct SolarTests {
    @Test("every continuous spectrum integrates to 1", arguments: SolarSource.allCases)
    func normalised(source: SolarSource) throws {
        guard case .betaPlus(let q, let z) = source.shape else {
            if case .lines(let l) = source.shape { #expect(abs(l.map(\.fraction).reduce(0, +) - 1) < 1e-12) }
            return
        }
        let s = try BetaPlusSpectrum(endpointKeV: q, daughterZ: z)
        let total = try Integrator().qags(from: 0, to: q, relTol: 1e-10) { s.density($0) }.value
        #expect(abs(total - 1) < 1e-8)
    }

    /// Bahcall ("Neutrino Astrophysics" 1989, Table 6.2): ⟨Eν⟩(pp) = 0.2668 MeV.
    @Test("mean pp neutrino energy is 266.8 keV (Bahcall) within 0.2 %")
    func ppMean() throws {
        let s = try BetaPlusSpectrum(endpointKeV: 423.41, daughterZ: 1)
        let mean = try Integrator().qags(from: 0, to: 423.41, relTol: 1e-10) { $0 * s.density($0) }.value
        #expect(abs(mean / 266.8 - 1) < 0.002, "⟨Eν⟩ = \(mean) keV")
    }

    @Test("Pee(pp at 300 keV) ≈ 0.55 and Pee(⁸B at 10 MeV) ≈ 0.3 (physics.md)")
    func survival() {
        let p = SurvivalProbability.standard
        #expect(abs(p.pee(neutrinoEnergyKeV: 300, source: .pp) - 0.55) < 0.02)
        #expect(abs(p.pee(neutrinoEnergyKeV: 10_000, source: .b8) - 0.30) < 0.03)
        // vacuum limit: cos⁴θ13 (1 − ½ sin²2θ12) + sin⁴θ13
        let o = OscillationParameters.standardSolar
        let s22 = 4 * o.sin2Theta12 * (1 - o.sin2Theta12)
        let vac = (1 - o.sin2Theta13) * (1 - o.sin2Theta13) * (1 - s22 / 2) + o.sin2Theta13 * o.sin2Theta13
        #expect(abs(p.pee(neutrinoEnergyKeV: 1e-3, source: .pp) - vac) < 1e-6)
        #expect(SurvivalProbability.constant(0.55).pee(neutrinoEnergyKeV: 5000, source: .b8) == 0.55)
    }

    @Test("source names parse, fluxes and uncertainties are positive for both solar models")
    func fluxes() {
        #expect(SolarSource(name: "7Be") == .be7 && SolarSource(name: "PP") == .pp && SolarSource(name: "x") == nil)
        for m in SolarModel.allCases {
            for s in SolarSource.allCases {
                #expect(s.flux(m) > 0 && s.relativeFluxUncertainty(m) > 0)
            }
        }
    }
}

@Suite("Atomic binding and the full rate")
struct RateTests {
    @Test("stepping factor: 1 above 34.56 keV; shell counts below")
    func steppingFactor() {
        #expect(AtomicBinding.steppingFactor(recoilKeV: 34.6) == 1)
        #expect(AtomicBinding.steppingFactor(recoilKeV: 34.5) == 52.0 / 54)
        #expect(AtomicBinding.steppingFactor(recoilKeV: 5.2) == 50.0 / 54)  // above 2p1/2 5.107, below 2s 5.453
        #expect(AtomicBinding.steppingFactor(recoilKeV: 5.0) == 48.0 / 54)  // above 2p3/2 4.786
        #expect(AtomicBinding.steppingFactor(recoilKeV: 2.0) == 44.0 / 54)  // n = 3, 4, 5 shells: 18 + 18 + 8
        #expect(AtomicBinding.steppingFactor(recoilKeV: 0.01) == 0)
        #expect(AtomicBinding.xenonShells.map(\.electrons).reduce(0, +) == 54)
    }

    @Test("the magnetic rate scales exactly as μν²")
    func muSquaredScaling() throws {
        let calc = try RecoilCalculator()
        let c = try calc.components(recoilKeV: 3)
        for mu in [0.0, 1e-12, 2e-11, 7.3e-11] {
            let expected = (mu / 1e-11) * (mu / 1e-11) * c.magneticTotalAtReference
            #expect(c.magnetic(muNuBohr: mu) == expected)
        }
        let r1 = try calc.rate(recoilKeV: 3, muNuBohr: 1e-11) - c.weakTotal
        let r3 = try calc.rate(recoilKeV: 3, muNuBohr: 3e-11) - c.weakTotal
        #expect(abs(r3 / r1 - 9) < 1e-9)
        #expect(throws: RecoilError.self) { _ = try calc.rate(recoilKeV: 3, muNuBohr: -1e-11) }
        #expect(throws: RecoilError.self) { _ = try calc.rate(recoilKeV: .nan, muNuBohr: 1e-11) }
    }

    @Test("the full rate (all sources, stepping) is positive over 0.5–200 keV and continuous away from shell edges")
    func continuityAndPositivity() throws {
        let calc = try RecoilCalculator()
        let grid = try RecoilTable.grid(from: 0.5, to: 200, step: 0.25)
        let edges = AtomicBinding.xenonShells.map(\.bindingKeV)
        var previous: Double?
        for t in grid {
            let r = try calc.rate(recoilKeV: t, muNuBohr: 1e-11)
            #expect(r > 0 && r.isFinite)
            if let p = previous, !edges.contains(where: { $0 > t - 0.25 && $0 <= t }) {
                // smooth: the MM part falls like 1/T, so neighbours differ by < 60 % at 0.5 keV, less later
                #expect(abs(r / p - 1) < 0.6)
            }
            previous = r
        }
        // a fine check of continuity at a point without an edge
        let a = try calc.rate(recoilKeV: 12.0, muNuBohr: 1e-11)
        let b = try calc.rate(recoilKeV: 12.0 + 1e-6, muNuBohr: 1e-11)
        #expect(abs(a / b - 1) < 1e-6)
    }

    @Test("per-source split: pp dominates the MM rate at 1–10 keV; sums equal totals")
    func perSource() throws {
        let calc = try RecoilCalculator()
        let c = try calc.components(recoilKeV: 5)
        let pp = c.magneticAtReference[calc.model.sources.firstIndex(of: .pp)!]
        #expect(pp / c.magneticTotalAtReference > 0.6)
        #expect(abs(c.weak.reduce(0, +) - c.weakTotal) < 1e-12)
    }
}
