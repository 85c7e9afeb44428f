import Foundation
import Testing
@testable import Formats
@testable import Recoil
@testable import MomentModels

/// The selectable Δa_μ values against the texts they were read from and the data folder that
/// documents them, and the arithmetic behind them.
@Suite("Measured Δa_μ (data/muon_g2)")
struct MuonAnomalyDataTests {
    static let readmeURL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("data/muon_g2/README.md")

    @Test("each value appears in the sentence it was read from, and data/muon_g2/README.md documents every id with its numbers")
    func quotesAndReadme() throws {
        let readme = try String(contentsOf: Self.readmeURL, encoding: .utf8)
        for m in MuonAnomalyMeasurement.all {
            let d = try #require(m.deltaAMu1e11), s = try #require(m.sigma1e11)
            let rows = readme.split(separator: "\n").filter { $0.hasPrefix("| `\(m.id)`") }
            #expect(rows.count == 1, "README row for \(m.id)")
            let numbers = d.rounded() == d && s.rounded() == s ? "\(Int(d)) ± \(Int(s))" : String(format: "%.1f ± %.1f", d, s)
            #expect(rows.first?.contains(numbers) == true, "README numbers for \(m.id)")
            if m.id == "2025-e989-final" {  // computed from two quoted values (MassSideAndBoundsTests recomputes it)
                #expect(m.quote.contains("116 592 071 5(145) x 10^-12") && m.quote.contains("116 592 033(62) x 10^-11"))
            } else if m.id == "2021" {
                #expect(m.quote.contains("25.1 +- 5.9 x 10^-10"))  // quoted in units of 10⁻¹⁰
            } else {
                #expect(m.quote.contains("= \(Int(d))(\(Int(s))) x 10^-11"), "quote of \(m.id)")
            }
        }
        #expect(!FileManager.default.fileExists(atPath: Self.readmeURL.deletingLastPathComponent().appendingPathComponent("delta_amu.csv").path),
                "one table only: the numbers live in MuonAnomalyMeasurement")
    }

    @Test("today's value is the default: WP2025 vs E821 + E989 Runs 1–6, 38(63)")
    func defaultIsToday() {
        #expect(MuonAnomalyMeasurement.defaultMeasurement == .wp2025)
        #expect(MuonAnomalyMeasurement.wp2025.deltaAMu1e11 == 38 && MuonAnomalyMeasurement.wp2025.sigma1e11 == 63)
        #expect(MuonAnomalyMeasurement.named("2021") == .bnlFnal2021)
    }

    /// WP2025: exp (E821 + Run 1–3) 116 592 059(22) − SM 116 592 033(62) = 26, σ = √(22² + 62²) = 65.8 → 66.
    @Test("WP2025 difference: 116592059 − 116592033 = 26, √(22² + 62²) rounds to 66")
    func wp2025Arithmetic() throws {
        let m = MuonAnomalyMeasurement.wp2025Run1to3
        #expect(m.deltaAMu1e11 == Double(116_592_059 - 116_592_033))
        #expect(abs((22.0 * 22 + 62 * 62).squareRoot() - m.sigma1e11!) < 0.5)
        let iv = try #require(MuonAnomalyMeasurement.bnlFnal2021.interval(sigmas: 2))
        #expect(abs(iv.lowerBound - 133e-11) < 1e-22 && abs(iv.upperBound - 369e-11) < 1e-22)
    }
}
