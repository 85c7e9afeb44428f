import Formats
import Foundation
import Likelihood

/// The result of `nmmfit significance`: q0, the asymptotic Z and p of μν > 0 and, with toys,
/// the toy p-value; the same keys as `fit` and `compare` for the same quantities.
public struct SignificanceReport: Encodable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var muNuBest: Double
    public var q0: Double
    public var zAsymptotic: Double
    public var pValueAsymptotic: Double
    public var toy: ToyPValue?

    public init(muNuBest: Double, q0: Double, zAsymptotic: Double, pValueAsymptotic: Double, toy: ToyPValue?) {
        self.muNuBest = muNuBest
        self.q0 = q0
        self.zAsymptotic = zAsymptotic
        self.pValueAsymptotic = pValueAsymptotic
        self.toy = toy
    }
    enum CodingKeys: String, CodingKey {
        case q0, toys
        case nmmfitOutput = "nmmfit_output"
        case muNuBest = "mu_nu_best_muB"
        case zAsymptotic = "z_asymptotic"
        case pValueAsymptotic = "p_value_asymptotic"
        case failedToys = "failed_toys"
        case toysExceeding = "toys_exceeding"
        case pValueToys = "p_value_toys"
        case pValueToysError = "p_value_toys_error"
        case zToys = "z_toys"
        case zToysLowerBound = "z_toys_lower_bound"
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(nmmfitOutput, forKey: .nmmfitOutput)
        try c.encode(muNuBest, forKey: .muNuBest)
        try c.encode(q0, forKey: .q0)
        try c.encode(zAsymptotic, forKey: .zAsymptotic)
        try c.encode(pValueAsymptotic, forKey: .pValueAsymptotic)
        try c.encode(toy?.toys ?? 0, forKey: .toys)
        guard let toy else { return }
        try c.encode(toy.failedToys, forKey: .failedToys)
        try c.encode(toy.exceeding, forKey: .toysExceeding)
        try c.encode(toy.pValue, forKey: .pValueToys)
        try c.encode(toy.pValueError, forKey: .pValueToysError)
        try c.encodeIfPresent(toy.significance, forKey: .zToys)
        try c.encodeIfPresent(toy.zLowerBound, forKey: .zToysLowerBound)
    }
}
