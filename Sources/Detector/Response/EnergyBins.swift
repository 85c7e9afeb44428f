import Formats
import Foundation

/// Contiguous reconstructed-energy bins [E₀, E₁), [E₁, E₂), … in keV.
public struct EnergyBins: Sendable, Equatable, Codable {
    /// Bin edges, strictly increasing; `edges.count == count + 1`.
    public let edges: [Double]

    /// Creates bins from edges.
    /// - Throws: ``InputError`` for fewer than two edges, non-finite or unsorted edges.
    public init(edges: [Double]) throws {
        try BinEdges.check(edges)
        self.edges = edges
    }

    /// Uniform bins of `width` keV from `lower` to `upper`.
    public init(from lower: Double, to upper: Double, width: Double) throws {
        guard lower.isFinite, upper.isFinite, width.isFinite, width > 0, upper > lower else {
            throw InputError(field: "bins", "need emin < emax and a positive width (got \(lower), \(upper), \(width))")
        }
        let n = ((upper - lower) / width).rounded()
        // checked before anything is allocated (and before Int(n) could trap)
        let limit = try ResourceLimit.bins.value()
        guard n <= Double(limit) else {
            throw InputError(field: "bin-width", "\(width)-keV bins over [\(lower), \(upper)] keV are \(String(format: "%.3g", n)) bins, above the limit of \(limit) \(ResourceLimit.bins.what)\(ResourceLimit.bins.howToRaise)")
        }
        guard abs(n * width - (upper - lower)) < 1e-9 * max(1, upper) else {
            throw InputError(field: "bins", "window [\(lower), \(upper)] keV is not a whole number of \(width)-keV bins")
        }
        try self.init(edges: (0...Int(n)).map { lower + Double($0) * width })
    }

    /// Bins from explicit (lower, upper) pairs, which must be contiguous: no gaps, no overlaps.
    public init(lowerEdges lo: [Double], upperEdges hi: [Double], file: String? = nil, lines: [Int]? = nil) throws {
        guard lo.count == hi.count, !lo.isEmpty else { throw InputError(file: file, field: "bins", "no bins") }
        for i in lo.indices {
            guard hi[i] > lo[i] else {
                throw InputError(file: file, line: lines?[i], field: "E_hi_keV", "bin upper edge \(hi[i]) is not above its lower edge \(lo[i])")
            }
            if i > 0 {
                if lo[i] < hi[i - 1] - 1e-9 {
                    throw InputError(file: file, line: lines?[i], field: "E_lo_keV", "bin [\(lo[i]), \(hi[i])) overlaps the previous bin ending at \(hi[i - 1])")
                }
                if lo[i] > hi[i - 1] + 1e-9 {
                    throw InputError(file: file, line: lines?[i], field: "E_lo_keV", "gap between bins: previous ends at \(hi[i - 1]), this starts at \(lo[i])")
                }
            }
        }
        try self.init(edges: [lo[0]] + hi)
    }

    /// Number of bins.
    public var count: Int { edges.count - 1 }
    /// Lower edge of bin i.
    public func lower(_ i: Int) -> Double { edges[i] }
    /// Upper edge of bin i.
    public func upper(_ i: Int) -> Double { edges[i + 1] }
    /// Centre of bin i.
    public func centre(_ i: Int) -> Double { (edges[i] + edges[i + 1]) / 2 }
    /// Width of bin i.
    public func width(_ i: Int) -> Double { edges[i + 1] - edges[i] }
    /// The whole range [E₀, E_n].
    public var range: ClosedRange<Double> { edges[0]...edges[edges.count - 1] }

    /// Counts events (keV energies) per bin; events outside the range are ignored.
    public func histogram(_ energies: [Double]) -> [Double] {
        var h = [Double](repeating: 0, count: count)
        for e in energies where e >= edges[0] && e < edges[count] {
            // binary search for the bin
            var lo = 0, hi = count
            while hi - lo > 1 {
                let mid = (lo + hi) / 2
                if e >= edges[mid] { lo = mid } else { hi = mid }
            }
            h[lo] += 1
        }
        return h
    }

    /// The indices of the bins lying inside [lower, upper] whose edges coincide with them.
    /// - Throws: when lower or upper is not a bin edge of these bins.
    public func indices(within lower: Double, _ upper: Double) throws -> Range<Int> {
        func edgeIndex(_ x: Double, _ name: String) throws -> Int {
            guard let i = edges.firstIndex(where: { abs($0 - x) < 1e-9 }) else {
                throw InputError(field: name, "\(x) keV is not a bin edge of the data (edges run \(edges[0])…\(edges[count]) keV)")
            }
            return i
        }
        let a = try edgeIndex(lower, "emin"), b = try edgeIndex(upper, "emax")
        guard b > a else { throw InputError(field: "emax", "emax (\(upper)) must be above emin (\(lower))") }
        return a..<b
    }
}
