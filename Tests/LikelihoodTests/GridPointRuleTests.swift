import Foundation
import Testing
@testable import Formats
@testable import Likelihood

@Suite("Feldman–Cousins grid-point rule (one rule for every front end)")
struct GridPointRuleTests {
    @Test("fewer than three grid points is an input error naming the option; three and more pass")
    func rule() throws {
        #expect(FeldmanCousins.minimumGridPoints == 3)
        for n in [-1, 0, 1, 2] {
            #expect(throws: InputError.self) { try FeldmanCousins.checkGridPoints(n, option: "grid_points") }
        }
        do {
            try FeldmanCousins.checkGridPoints(2, option: "grid_points")
        } catch let e as InputError {
            #expect(e.field == "grid_points" && e.message.contains("≥ 3"))
        }
        try FeldmanCousins.checkGridPoints(3, option: "grid_points")
        try FeldmanCousins.checkGridPoints(FeldmanCousins.defaultGridPoints, option: "grid_points")
    }
}
