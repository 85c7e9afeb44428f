import Foundation
import Likelihood

/// The construction's details; its interval is the top-level `interval_muB`.
public struct FeldmanCousinsReport: Encodable, Sendable {
    public struct End: Encodable, Sendable {
        public var toyError: Double
        public var gridError: Double
        public var atBoundary: Bool
        enum CodingKeys: String, CodingKey {
            case toyError = "toy_error_muB"
            case gridError = "grid_error_muB"
            case atBoundary = "at_boundary"
        }
    }
    public var lower: End
    public var upper: End
    public var points: [FeldmanCousins.Point]
    public var refinementPoints: Int
    public var seed: UInt64?
    public var toyFiles: [String]?
    enum CodingKeys: String, CodingKey {
        case lower, upper, points, seed
        case refinementPoints = "refinement_points"
        case toyFiles = "toy_files"
    }
    public init(_ r: FeldmanCousins.Result) {
        func end(_ e: FeldmanCousins.Endpoint) -> End { End(toyError: e.toyError, gridError: e.gridError, atBoundary: e.atBoundary) }
        lower = end(r.lower)
        upper = end(r.upper)
        points = r.points
        refinementPoints = r.refinementPoints
        seed = r.seed
        toyFiles = r.toyFiles
    }
}
