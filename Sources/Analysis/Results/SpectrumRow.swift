import Foundation

/// One energy of `nmmfit spectrum`: dR/dT in events/(tonne·year·keV) at true recoil energy T.
public struct SpectrumRow: Codable, Sendable {
    public var tKeV: Double
    public var weak: Double
    public var magnetic: Double
    public var total: Double
    public var weakBySource: [String: Double]?
    public var magneticBySource: [String: Double]?

    public init(tKeV: Double, weak: Double, magnetic: Double, total: Double, weakBySource: [String: Double]?, magneticBySource: [String: Double]?) {
        self.tKeV = tKeV
        self.weak = weak
        self.magnetic = magnetic
        self.total = total
        self.weakBySource = weakBySource
        self.magneticBySource = magneticBySource
    }
    enum CodingKeys: String, CodingKey {
        case weak, magnetic, total
        case tKeV = "T_keV"
        case weakBySource = "weak_by_source"
        case magneticBySource = "magnetic_by_source"
    }
}
