import Foundation

/// The result on one element θ = |λ_ab| of a moment matrix: fitted directly with the element's
/// own template (``MomentElementSignal``), beside the earlier approximation that rescales the
/// flavour-universal μν interval by 1/√s with one window-averaged s
/// (``MomentElementConstraint``, held as ``rescaled``). The two agree when every solar source
/// sees the same factor w_s; they differ as far as the sources' factors (and their recoil
/// spectra) differ.
///
/// JSON: the constraint's keys flat beside the direct fit's, as `element_best_muB`,
/// `element_lower_muB`, `element_upper_muB` (the direct fit) and `rescaled_lower_muB`,
/// `rescaled_upper_muB` (the constraint's interval on the element).
public struct MomentElementFit: Sendable, Codable, Equatable {
    /// The element, its matrix shape, s and the universal interval rescaled by 1/√s.
    public var rescaled: MomentElementConstraint
    /// Best-fit θ of the direct fit (μB).
    public var elementBestBohr: Double
    /// Lower edge of the direct fit's interval on θ (μB).
    public var elementLowerBohr: Double
    /// Upper edge of the direct fit's interval on θ (μB).
    public var elementUpperBohr: Double

    /// Row (0-based) of the element, in ``basis``.
    public var row: Int { rescaled.row }
    /// Column (0-based) of the element, in ``basis``.
    public var column: Int { rescaled.column }
    /// Basis of the element.
    public var basis: MomentBasis { rescaled.basis }
    /// Dirac or Majorana: the nature of the matrix shape.
    public var nature: NeutrinoNature { rescaled.nature }
    /// Whether the shape has no other non-zero element than this one (and its transposed partner).
    public var singleElementShape: Bool { rescaled.singleElementShape }
    /// s = ⟨μ_eff²⟩/|λ_ab|² averaged over the fit window (dimensionless), as the rescaling uses it.
    public var sensitivity: Double { rescaled.sensitivity }
    /// Lower edge of the flavour-universal μν fit's interval (μB).
    public var muLowerBohr: Double { rescaled.muLowerBohr }
    /// Upper edge of the flavour-universal μν fit's interval (μB).
    public var muUpperBohr: Double { rescaled.muUpperBohr }
    /// The universal interval rescaled by 1/√s, lower edge (μB): the approximation.
    public var rescaledLowerBohr: Double { rescaled.elementLowerBohr }
    /// The universal interval rescaled by 1/√s, upper edge (μB).
    public var rescaledUpperBohr: Double { rescaled.elementUpperBohr }

    enum CodingKeys: String, CodingKey {
        case row, column, basis, nature, sensitivity
        case singleElementShape = "single_element_shape"
        case elementBestBohr = "element_best_muB"
        case elementLowerBohr = "element_lower_muB", elementUpperBohr = "element_upper_muB"
        case muLowerBohr = "mu_lower_muB", muUpperBohr = "mu_upper_muB"
        case rescaledLowerBohr = "rescaled_lower_muB", rescaledUpperBohr = "rescaled_upper_muB"
    }

    /// - Parameters:
    ///   - best: θ̂ of the direct fit (μB).
    ///   - interval: the direct fit's interval on θ (μB).
    ///   - rescaled: the constraint from the universal fit (its interval and s).
    public init(best: Double, interval: ClosedRange<Double>, rescaled c: MomentElementConstraint) {
        rescaled = c
        elementBestBohr = best
        elementLowerBohr = interval.lowerBound
        elementUpperBohr = interval.upperBound
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        rescaled = try MomentElementConstraint(elementFit: c)
        elementBestBohr = try c.decode(Double.self, forKey: .elementBestBohr)
        elementLowerBohr = try c.decode(Double.self, forKey: .elementLowerBohr)
        elementUpperBohr = try c.decode(Double.self, forKey: .elementUpperBohr)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(row, forKey: .row)
        try c.encode(column, forKey: .column)
        try c.encode(basis, forKey: .basis)
        try c.encode(nature, forKey: .nature)
        try c.encode(singleElementShape, forKey: .singleElementShape)
        try c.encode(sensitivity, forKey: .sensitivity)
        try c.encode(elementBestBohr, forKey: .elementBestBohr)
        try c.encode(elementLowerBohr, forKey: .elementLowerBohr)
        try c.encode(elementUpperBohr, forKey: .elementUpperBohr)
        try c.encode(muLowerBohr, forKey: .muLowerBohr)
        try c.encode(muUpperBohr, forKey: .muUpperBohr)
        try c.encode(rescaledLowerBohr, forKey: .rescaledLowerBohr)
        try c.encode(rescaledUpperBohr, forKey: .rescaledUpperBohr)
    }
}

extension MomentElementConstraint {
    /// The constraint as a ``MomentElementFit`` writes it (its interval on the element under
    /// `rescaled_lower_muB`/`rescaled_upper_muB`).
    fileprivate init(elementFit c: KeyedDecodingContainer<MomentElementFit.CodingKeys>) throws {
        row = try c.decode(Int.self, forKey: .row)
        column = try c.decode(Int.self, forKey: .column)
        basis = try c.decode(MomentBasis.self, forKey: .basis)
        nature = try c.decode(NeutrinoNature.self, forKey: .nature)
        singleElementShape = try c.decode(Bool.self, forKey: .singleElementShape)
        sensitivity = try c.decode(Double.self, forKey: .sensitivity)
        muLowerBohr = try c.decode(Double.self, forKey: .muLowerBohr)
        muUpperBohr = try c.decode(Double.self, forKey: .muUpperBohr)
        elementLowerBohr = try c.decode(Double.self, forKey: .rescaledLowerBohr)
        elementUpperBohr = try c.decode(Double.self, forKey: .rescaledUpperBohr)
    }
}
