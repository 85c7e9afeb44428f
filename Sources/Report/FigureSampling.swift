import Foundation

/// The points of a long curve that a figure draws: a print figure is about a thousand pixels
/// wide, so a curve of 10⁵ points draws no better than one of a few thousand, while its SVG
/// path and its `NAME.data.json`/`.data.csv` grow with every point (10⁵ energies × 18 curves
/// took 780 MB). The full values stay in the command's own output.
public enum FigureSampling {
    /// The most points of one curve a figure draws.
    public static let maxPoints = 2000

    /// Indices into an increasing, positive grid that spread evenly over a logarithmic axis:
    /// the first index in each of `maxPoints − 1` equal steps of ln x, and the last index. All
    /// indices when the grid has at most `maxPoints` points.
    public static func logIndices(of grid: [Double], maxPoints: Int = FigureSampling.maxPoints) -> [Int] {
        guard grid.count > maxPoints, maxPoints >= 2, let first = grid.first, let last = grid.last,
              first > 0, last > first else { return Array(grid.indices) }
        let lo = log(first), span = log(last) - lo
        let steps = Double(maxPoints - 1)
        var out: [Int] = []
        out.reserveCapacity(maxPoints)
        var lastBucket = -1
        for i in grid.indices.dropLast() {
            let bucket = Int(((log(grid[i]) - lo) / span * steps).rounded(.down))
            if bucket > lastBucket {
                out.append(i)
                lastBucket = bucket
            }
        }
        out.append(grid.count - 1)
        return out
    }
}
