import Foundation

/// The rule every reader applies to bin edges (keV), in one place.
public enum BinEdges {
    /// Checks that there are at least two edges, all finite and strictly increasing.
    /// - Throws: ``InputError`` (field `bins`) naming the first bad edge.
    public static func check(_ edges: [Double]) throws {
        guard edges.count >= 2 else { throw InputError(field: "bins", "need at least two bin edges") }
        for (i, e) in edges.enumerated() {
            guard e.isFinite else { throw InputError(field: "bins", "edge \(i) is not finite") }
            if i > 0 && !(e > edges[i - 1]) {
                throw InputError(field: "bins", "edges must be strictly increasing (edge \(i): \(edges[i - 1]) then \(e))")
            }
        }
    }
}
