import Formats
import Foundation
import Likelihood

/// The result of `nmmfit coverage`: one point per true μν and interval construction.
public struct CoverageReport: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var points: [Coverage.Point]

    public init(points: [Coverage.Point]) { self.points = points }
    enum CodingKeys: String, CodingKey {
        case points
        case nmmfitOutput = "nmmfit_output"
    }
}
