import Foundation
import Testing
@testable import GSL
@testable import Formats
@testable import Recoil
@testable import Detector

@Suite("Detector response and datasets")
struct DetectorTests {
    static func flatEfficiency(_ energy: EfficiencyEnergy = .trueEnergy) throws -> Efficiency {
        Efficiency(energy: energy, central: try Interpolator(xs: [0, 100], ys: [1, 1]))
    }

    /// With a constant σ a flat spectrum folds to exactly exposure × rate × width; with
    /// σ(T) growing with T the per-bin content differs at second order (σσ″, σ′²), here
    /// ≈ 1e-4 relative, so the XENON1T resolution gets a 3e-4 tolerance.
    @Test("folding a flat spectrum with ε = 1 conserves counts: exposure × rate × width",
          arguments: [EfficiencyEnergy.trueEnergy, .reconstructed])
    func flatFold(energy: EfficiencyEnergy) throws {
        let bins = try EnergyBins(from: 10, to: 20, width: 1)
        let narrow = Detector(exposureTonneYear: 2, resolution: EnergyResolution(a: 1e-3, b: 0),
                              efficiency: try Self.flatEfficiency(energy))
        for c in try narrow.fold({ _ in 3.0 }, bins: bins) { #expect(abs(c / 6 - 1) < 1e-6) }
        let real = Detector(exposureTonneYear: 2, resolution: .xenon1t, efficiency: try Self.flatEfficiency(energy))
        for c in try real.fold({ _ in 3.0 }, bins: bins) { #expect(abs(c / 6 - 1) < 3e-4) }
    }

    @Test("a line at 5 keV is spread as a Gaussian of σ(5) = 0.3171√5 + 0.0075 keV")
    func lineResolution() throws {
        let d = Detector(exposureTonneYear: 1, resolution: .xenon1t, efficiency: try Self.flatEfficiency())
        let s = EnergyResolution.xenon1t.sigmaKeV(5)
        #expect(abs(s - (0.3171 * 5.0.squareRoot() + 0.0075)) < 1e-12)
        // narrow box of unit area around 5 keV approximates a line
        let w = 1e-3
        let bins = try EnergyBins(edges: [5 - s, 5 + s])
        let inside = try d.fold({ abs($0 - 5) < w / 2 ? 1 / w : 0 }, bins: bins, breakpointsKeV: [5 - w / 2, 5 + w / 2])
        #expect(abs(inside[0] - 0.6827) < 2e-3)
    }

    @Test("XENON1T SR1 loads: 285 observed and 231.6 B0 in 1–7 keV (PRD 102 072004: 232 ± 15)")
    func xenon1t() throws {
        let ds = try DataLocator.dataset(named: "xenon1t_sr1")
        let b = try ds.binned()
        #expect(b.bins.count == 6)
        #expect(b.observed.reduce(0, +) == 285)
        let b0 = b.backgrounds.first { $0.spec.name == "B0" }!.counts.reduce(0, +)
        #expect(abs(b0 - 231.58) < 0.01)
        #expect(abs(ds.detector.exposureTonneYear - 0.647309514) < 1e-12)
        #expect(ds.detector.efficiency.hasBand)
    }

    @Test("XENONnT SR0 loads: 433 events in 1–30 keV; B0 426.5 expected (release)")
    func xenonnt() throws {
        let ds = try DataLocator.dataset(named: "xenonnt_sr0")
        let b = try ds.binned()
        #expect(b.bins.count == 29)
        #expect(b.observed.reduce(0, +) == 433)
        let b0 = b.backgrounds[0].counts.reduce(0, +)
        #expect(abs(b0 - 426.53) < 0.05)
        let b17 = try ds.binned(window: 1...7).backgrounds[0].counts.reduce(0, +)
        #expect(abs(b17 - 72.26) < 0.05)
    }

    @Test("windows not on bin edges or outside the efficiency table are rejected with a message")
    func badWindows() throws {
        let ds = try DataLocator.dataset(named: "xenon1t_sr1")
        #expect(throws: InputError.self) { _ = try ds.binned(window: 1.5...7) }
        #expect(throws: InputError.self) { _ = try ds.binned(window: 1...40) }
        #expect(throws: InputError.self) { _ = try DataLocator.dataset(named: "no_such_experiment") }
    }
}
