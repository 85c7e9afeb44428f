import Foundation
import Testing
@testable import Report

@Suite("Figure sampling of long curves")
struct FigureSamplingTests {
    @Test("a grid within the limit is drawn whole")
    func shortGridWhole() {
        let grid = (0..<1500).map { 1 + Double($0) * 0.01 }
        #expect(FigureSampling.logIndices(of: grid) == Array(grid.indices))
    }

    @Test("10⁵ energies: at most the limit, both ends, increasing, spread evenly on the log axis")
    func longGridSampled() throws {
        // spectrum --emin 1 --emax 100.99 --step 0.001
        let grid = (0..<99_991).map { 1 + Double($0) * 0.001 }
        let idx = FigureSampling.logIndices(of: grid)
        #expect(idx.count <= FigureSampling.maxPoints)
        #expect(idx.count > FigureSampling.maxPoints * 9 / 10)
        #expect(idx.first == 0 && idx.last == grid.count - 1)
        #expect(zip(idx, idx.dropFirst()).allSatisfy { $0 < $1 })
        // no gap on the log axis wider than two of its equal steps (the grid step is far finer)
        let step = log(grid.last! / grid.first!) / Double(FigureSampling.maxPoints - 1)
        let widest = zip(idx, idx.dropFirst()).map { log(grid[$1] / grid[$0]) }.max() ?? 0
        #expect(widest <= 2 * step, "widest gap \(widest) vs step \(step)")
    }
}
