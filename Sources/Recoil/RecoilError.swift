import Foundation

/// Errors of the recoil calculation.
public enum RecoilError: Error, CustomStringConvertible, Equatable {
    /// A negative or non-finite μν.
    case invalidMuNu(Double)
    /// A recoil energy that is not positive and finite.
    case invalidEnergy(Double)
    /// A malformed energy grid.
    case invalidGrid(String)

    public var description: String {
        switch self {
        case .invalidMuNu(let m): "μν = \(m) μB is invalid: it must be finite and ≥ 0"
        case .invalidEnergy(let e): "recoil energy \(e) keV is invalid: it must be finite and > 0"
        case .invalidGrid(let s): "invalid energy grid: \(s)"
        }
    }
}
