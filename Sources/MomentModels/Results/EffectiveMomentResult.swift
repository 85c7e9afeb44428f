import Formats
import Foundation
import Recoil

/// The effective moment of a moment matrix for pp, ⁷Be and pep neutrinos at the detector, and
/// optionally the constraint a fitted universal μν interval puts on one of its elements
/// (`nmmfit model effective`).
public struct EffectiveMomentResult: Codable, Sendable {
    /// One solar source: ⟨P_eα⟩ and μ_eff (mass-state and flavour-content forms).
    public struct SourceRow: Codable, Sendable {
        public var source: String
        public var pee: Double
        public var pemu: Double
        public var petau: Double
        public var muEffSquaredMuB2: Double
        public var muEffMuB: Double
        public var muEffFlavourContentMuB: Double
        enum CodingKeys: String, CodingKey {
            case source, pee = "p_ee", pemu = "p_emu", petau = "p_etau"
            case muEffSquaredMuB2 = "mu_eff_squared_muB2", muEffMuB = "mu_eff_muB", muEffFlavourContentMuB = "mu_eff_flavour_content_muB"
        }
        public init(_ a: EffectiveMoment.SourceAverage) {
            (source, pee, pemu, petau) = (a.source.rawValue, a.pee, a.pemu, a.petau)
            (muEffSquaredMuB2, muEffMuB, muEffFlavourContentMuB) = (a.muEffSquared, a.muEff, a.muEffFlavourContent)
        }
    }

    public var nmmfitOutput = OutputVersion.current
    public var momentsFile: String
    public var basis: String
    public var type: String
    public var pmns: String
    public var recoilKeV: Double?
    public var weighting: String
    public var sources: [SourceRow]
    public var constraint: MomentElementConstraint?
    public var windowMeanMuEffSquaredMuB2: Double?
    /// (max − min)/mean of μ_eff² over the constraint's recoil window (not encoded; for a note).
    public var windowRelativeSpread: Double?
    enum CodingKeys: String, CodingKey {
        case basis, type, pmns, weighting, sources, constraint, nmmfitOutput = "nmmfit_output"
        case momentsFile = "moments_file", recoilKeV = "recoil_keV", windowMeanMuEffSquaredMuB2 = "window_mean_mu_eff_squared_muB2"
    }

    /// The constraint on one element: the element (basis, row, column), the fitted universal
    /// μν interval (μB) and the recoil window (keV) over which μ_eff² is rate-weighted.
    public struct ElementRequest: Sendable {
        public var basis: MomentBasis
        public var row: Int
        public var column: Int
        public var muIntervalBohr: ClosedRange<Double>
        public var windowKeV: ClosedRange<Double>
        public init(element: MatrixElement, muIntervalBohr: ClosedRange<Double>, windowKeV: ClosedRange<Double>) {
            (basis, row, column) = (element.basis, element.row, element.column)
            self.muIntervalBohr = muIntervalBohr
            self.windowKeV = windowKeV
        }
    }

    /// Averages `matrix` (read from `momentsFile`) over each source with the mixing `pmns`,
    /// weighted by the magnetic rate at `recoilKeV` (nil: the flux average), and with `element`
    /// the constraint on that element.
    public static func compute(matrix: MagneticMomentMatrix, momentsFile: String, pmns: PMNS, recoilKeV: Double?,
                               recoil: RecoilModel, element: ElementRequest?) throws -> EffectiveMomentResult {
        let eff = EffectiveMoment(pmns: pmns)
        let rows = try eff.sourceAverages(matrix, recoilKeV: recoilKeV, fermiFunction: recoil.fermiFunction).map(SourceRow.init)
        var constraint: MomentElementConstraint?
        var windowMean: Double?, spread: Double?
        if let e = element {
            let shape = matrix.converted(to: e.basis, pmns: pmns)
            let calc = try MomentRateCalculator(model: recoil, effective: eff)
            let w = try calc.windowAverage(matrix: shape, fromKeV: e.windowKeV.lowerBound, toKeV: e.windowKeV.upperBound)
            windowMean = w.mean
            spread = (w.maximum - w.minimum) / w.mean
            constraint = try MomentElementConstraint(element: (e.row, e.column), shape: shape, averagedSquared: w.mean, muIntervalBohr: e.muIntervalBohr)
        }
        let weighting = recoilKeV.map { "magnetic rate at T = \($0) keV" } ?? "flux average (T -> 0 limit of the magnetic-rate weighting)"
        var out = EffectiveMomentResult(momentsFile: momentsFile, basis: matrix.basis.rawValue, type: matrix.nature.rawValue, pmns: pmns.name,
                                        recoilKeV: recoilKeV, weighting: weighting, sources: rows, constraint: constraint,
                                        windowMeanMuEffSquaredMuB2: windowMean)
        out.windowRelativeSpread = spread
        return out
    }

    public init(momentsFile: String, basis: String, type: String, pmns: String, recoilKeV: Double?, weighting: String,
                sources: [SourceRow], constraint: MomentElementConstraint?, windowMeanMuEffSquaredMuB2: Double?) {
        self.momentsFile = momentsFile
        self.basis = basis
        self.type = type
        self.pmns = pmns
        self.recoilKeV = recoilKeV
        self.weighting = weighting
        self.sources = sources
        self.constraint = constraint
        self.windowMeanMuEffSquaredMuB2 = windowMeanMuEffSquaredMuB2
    }

    public var text: String {
        // three decimals in 10⁻¹¹ μB, or significant digits for moments far below that
        // (e.g. SM transition moments, ~10⁻²⁵ μB), which would otherwise print as 0.000
        func mu11(_ x: Double) -> String { x == 0 || abs(x) >= 1e-13 ? TextFormat.mu11(x) : TextFormat.g(x / 1e-11, 4) }
        var s = "moment matrix \(momentsFile): \(type), \(basis) basis; mixing \(pmns)\n"
        s += "weighting: \(weighting)\n"
        s += TextFormat.table(["source", "⟨Pee⟩", "⟨Peμ⟩", "⟨Peτ⟩", "μ_eff [10⁻¹¹ μB]", "flavour-content [10⁻¹¹ μB]"], sources.map { r in
            [r.source, TextFormat.f(r.pee, 4), TextFormat.f(r.pemu, 4), TextFormat.f(r.petau, 4), mu11(r.muEffMuB), mu11(r.muEffFlavourContentMuB)]
        })
        if let c = constraint {
            let name = c.elementName
            s += "\nconstraint on |\(name)| (\(c.basis.rawValue) basis, matrix shape of the file) from a universal μν in "
            s += "[\(TextFormat.g(c.muLowerBohr, 3)), \(TextFormat.g(c.muUpperBohr, 3))] μB:\n"
            s += "  sensitivity s = ⟨μ_eff²⟩ / |\(name)|² = \(TextFormat.g(c.sensitivity, 4))   (rate-weighted over the recoil window)\n"
            s += "  \(TextFormat.region("|\(name)|", lower: c.elementLowerBohr, upper: c.elementUpperBohr))\n"
        }
        return s
    }
}
