import Foundation

/// The result on one element θ = |λ_ab| of a moment matrix: fitted directly with the element's
/// own template (``MomentElementSignal``), beside the earlier approximation that rescales the
/// flavour-universal μν interval by 1/√s with one window-averaged s
/// (``MomentElementConstraint``). The two agree when every solar source sees the same factor
/// w_s; they differ as far as the sources' factors (and their recoil spectra) differ.
public struct MomentElementFit: Sendable, Codable, Equatable {
    /// Row (0-based) of the element, in ``basis``.
    public var row: Int
    /// Column (0-based) of the element, in ``basis``.
    public var column: Int
    /// Basis of the element.
    public var basis: MomentBasis
    /// Dirac or Majorana: the nature of the matrix shape.
    public var nature: NeutrinoNature
    /// Whether the shape has no other non-zero element than this one (and its transposed partner).
    public var singleElementShape: Bool
    /// s = ⟨μ_eff²⟩/|λ_ab|² averaged over the fit window (dimensionless), as the rescaling uses it.
    public var sensitivity: Double
    /// Best-fit θ of the direct fit (μB).
    public var elementBestBohr: Double
    /// Lower edge of the direct fit's interval on θ (μB).
    public var elementLowerBohr: Double
    /// Upper edge of the direct fit's interval on θ (μB).
    public var elementUpperBohr: Double
    /// Lower edge of the flavour-universal μν fit's interval (μB).
    public var muLowerBohr: Double
    /// Upper edge of the flavour-universal μν fit's interval (μB).
    public var muUpperBohr: Double
    /// The universal interval rescaled by 1/√s, lower edge (μB): the approximation.
    public var rescaledLowerBohr: Double
    /// The universal interval rescaled by 1/√s, upper edge (μB).
    public var rescaledUpperBohr: Double

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
        row = c.row
        column = c.column
        basis = c.basis
        nature = c.nature
        singleElementShape = c.singleElementShape
        sensitivity = c.sensitivity
        elementBestBohr = best
        elementLowerBohr = interval.lowerBound
        elementUpperBohr = interval.upperBound
        muLowerBohr = c.muLowerBohr
        muUpperBohr = c.muUpperBohr
        rescaledLowerBohr = c.elementLowerBohr
        rescaledUpperBohr = c.elementUpperBohr
    }
}
