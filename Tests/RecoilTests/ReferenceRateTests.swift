import Foundation
import Testing
@testable import Formats
@testable import Recoil

/// physics.md "Reference values": free electrons, B16-GS98, pp + ⁷Be + pep, Pee = 0.550
/// constant, sin²θ_W = 0.2387; events/(t·y·keV) at true recoil energy.
private let referenceModel = RecoilModel(
    solarModel: .b16gs98, sources: [.pp, .be7, .pep], survival: .constant(0.55), binding: .free,
    sin2ThetaW: 0.2387)

struct ReferenceRow: Sendable, CustomTestStringConvertible {
    var tKeV: Double
    var weakFree: Double
    var magneticFree: Double
    var magneticStepping: Double
    var testDescription: String { "T = \(tKeV) keV" }
}

/// physics.md, table "Reference values".
let referenceRows: [ReferenceRow] = [
    ReferenceRow(tKeV: 1, weakFree: 3.38, magneticFree: 12.6, magneticStepping: 9.33),
    ReferenceRow(tKeV: 2, weakFree: 3.36, magneticFree: 6.27, magneticStepping: 5.11),
    ReferenceRow(tKeV: 5, weakFree: 3.33, magneticFree: 2.47, magneticStepping: 2.20),
    ReferenceRow(tKeV: 10, weakFree: 3.26, magneticFree: 1.21, magneticStepping: 1.16),
    ReferenceRow(tKeV: 30, weakFree: 3.00, magneticFree: 0.359, magneticStepping: 0.346),
]

@Suite("Recoil rates against physics.md reference values (2 %)")
struct ReferenceRateTests {
    @Test("SM weak rate, free electrons", arguments: referenceRows)
    func weak(row: ReferenceRow) throws {
        let c = try RecoilCalculator(model: referenceModel).components(recoilKeV: row.tKeV)
        #expect(abs(c.weakTotal / row.weakFree - 1) < 0.02, "weak \(c.weakTotal) vs \(row.weakFree)")
    }

    @Test("MM rate at μν = 1e-11 μB, free electrons", arguments: referenceRows)
    func magneticFree(row: ReferenceRow) throws {
        let c = try RecoilCalculator(model: referenceModel).components(recoilKeV: row.tKeV)
        #expect(abs(c.magneticTotalAtReference / row.magneticFree - 1) < 0.02,
                "MM \(c.magneticTotalAtReference) vs \(row.magneticFree)")
    }

    @Test("MM rate at μν = 1e-11 μB, stepping", arguments: referenceRows)
    func magneticStepping(row: ReferenceRow) throws {
        var m = referenceModel
        m.binding = .stepping
        let c = try RecoilCalculator(model: m).components(recoilKeV: row.tKeV)
        #expect(abs(c.magneticTotalAtReference / row.magneticStepping - 1) < 0.02,
                "MM stepping \(c.magneticTotalAtReference) vs \(row.magneticStepping)")
    }
}
