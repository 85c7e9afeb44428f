import Foundation
import Testing
@testable import Detector
@testable import Formats

/// Energy bins from input: a HEPData table (read by FormatsTests' HEPDataTests) gives bins the
/// dataset loader accepts, and a bin width that would make too many bins is refused.
@Suite("Energy bins from input")
struct EnergyBinsInputTests {
    @Test("a HEPData table's keV bins, edges written as numbers or strings, make contiguous energy bins")
    func hepDataBins() throws {
        let text = """
        independent_variables:
        - header: {name: 'Reconstructed energy', units: keV}
          values:
          - {low: 1.0, high: 2.0}
          - {low: 2, high: 3}
          - {low: '3.0', high: 7.0}
        dependent_variables:
        - header: {name: Events}
          values:
          - {value: 26}
          - {value: '61'}
          - {value: 55}
        """
        let t = try HEPDataTable(text: text, file: "x1t.yaml")
        #expect(try t.bins().edges == [1, 2, 3, 7])
        let c = try t.csvTable()
        let bins = try EnergyBins(lowerEdges: try c.column("E_lo_keV"), upperEdges: try c.column("E_hi_keV"), file: c.file, lines: c.lines)
        #expect(bins.count == 3 && bins.range == 1...7)
        #expect(bins.edges == [1, 2, 3, 7])
    }

    @Test("limits: a bin width that would make more bins than the limit is refused")
    func binLimit() {
        #expect(throws: InputError.self) { _ = try EnergyBins(from: 1, to: 7, width: 1e-300) }
        #expect(throws: InputError.self) { _ = try EnergyBins(from: 1, to: 7, width: 1e-9) }
    }
}
