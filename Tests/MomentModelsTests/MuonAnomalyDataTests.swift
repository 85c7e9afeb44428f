import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// The selectable Δa_μ values against the data folder that documents them, and the arithmetic
/// behind them.
@Suite("Measured Δa_μ (data/muon_g2)")
struct MuonAnomalyDataTests {
    static let csvURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/muon_g2/delta_amu.csv")

    @Test("the Swift table and data/muon_g2/delta_amu.csv hold the same ids and numbers")
    func csvAgrees() throws {
        let text = try String(contentsOf: Self.csvURL, encoding: .utf8)
        let rows = text.split(separator: "\n").filter { !$0.hasPrefix("#") }.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == MuonAnomalyMeasurement.all.count)
        for r in rows {
            let m = try #require(MuonAnomalyMeasurement.named(r[0]))
            #expect(m.deltaAMu1e11 == Double(r[1]))
            #expect(m.sigma1e11 == Double(r[2]))
        }
    }

    /// WP2025: exp (E821 + Run 1–3) 116 592 059(22) − SM 116 592 033(62) = 26, σ = √(22² + 62²) = 65.8 → 66.
    @Test("WP2025 difference: 116592059 − 116592033 = 26, √(22² + 62²) rounds to 66")
    func wp2025Arithmetic() throws {
        let m = MuonAnomalyMeasurement.wp2025Run1to3
        #expect(m.deltaAMu1e11 == Double(116_592_059 - 116_592_033))
        #expect(abs((22.0 * 22 + 62 * 62).squareRoot() - m.sigma1e11!) < 0.5)
        #expect(!MuonAnomalyMeasurement.wp2025Final.isAvailable)
        let iv = try #require(MuonAnomalyMeasurement.bnlFnal2021.interval(sigmas: 2))
        #expect(abs(iv.lowerBound - 133e-11) < 1e-22 && abs(iv.upperBound - 369e-11) < 1e-22)
    }
}
