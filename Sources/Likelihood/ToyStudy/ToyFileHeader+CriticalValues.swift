import Foundation

extension ToyFileHeader {
    /// What a Feldman–Cousins coverage study records beside each toy's t̃(μν) at its true μν:
    /// the CL of the construction and the number of inner toys behind each toy's critical value
    /// (``Coverage/feldmanCousinsRecord(_:fitter:rng:runner:generator:engine:criticalValues:)`` says how it is made). The
    /// header key is `feldman_cousins`; a file with it is format 4.
    public struct CriticalValues: Codable, Equatable, Sendable {
        /// Confidence level of the critical values, a fraction (0.9 = 90 %).
        public var cl: Double
        /// Inner toys per outer toy.
        public var criticalToys: Int

        public init(cl: Double, criticalToys: Int) {
            self.cl = cl
            self.criticalToys = criticalToys
        }

        /// 0 < CL < 1 and at least one inner toy.
        public var isValid: Bool { cl > 0 && cl < 1 && criticalToys >= 1 }

        enum CodingKeys: String, CodingKey {
            case cl
            case criticalToys = "critical_toys"
        }
    }
}
