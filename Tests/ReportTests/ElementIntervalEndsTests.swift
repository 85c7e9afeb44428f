import Foundation
import Testing
@testable import Likelihood
@testable import Report

/// The element fit builds ranges from intervals' ends: ends out of order or not finite are a
/// failed fit (FitError), never a trap of a `ClosedRange` (the C interface runs in the caller's process).
@Suite("Element fit: interval ends")
struct ElementIntervalEndsTests {
    @Test("ordered ends give the range; reversed, NaN, infinite or missing ends throw FitError")
    func orderedRange() throws {
        #expect(try FitWithElement.orderedRange([1e-11, 3e-11], what: "x") == 1e-11...3e-11)
        #expect(try FitWithElement.orderedRange([0, 0], what: "x") == 0...0)
        for ends in [[3e-11, 1e-11], [Double.nan, 1e-11], [0, Double.infinity], [1e-11]] {
            do {
                _ = try FitWithElement.orderedRange(ends, what: "the direct fit's interval on the element")
                Issue.record("\(ends) gave a range")
            } catch let e as FitError {
                #expect(e.description.contains("the direct fit's interval on the element"), "\(e)")
            }
        }
    }
}
