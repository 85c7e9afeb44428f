import Foundation
import GSL
import Recoil

/// The magnetic-moment part of the solar-ν recoil rate in xenon for a moment **matrix**, with
/// the energy-dependent effective moment of ``EffectiveMoment``:
/// ```
/// dR_MM/dT = N_e · s/yr · Σ_s Φ_s ∫_{Eν_min(T)} dEν f_s(Eν) μ_eff²(Eν, s) dσ_MM/dT(Eν, T; μν = 1 μB) × (atomic factor)
/// dσ_MM/dT = (π α² / m_e²) (μν/μB)² (1/T − 1/Eν)
/// ```
/// the same sum as ``RecoilCalculator`` (fluxes, spectra, kinematics, atomic factor of
/// `model`), with (μν/10⁻¹¹)² replaced by μ_eff²(Eν, s). For λ = μ·𝟙 the two agree exactly.
/// The oscillation weights come from ``effective`` (its ``PMNS``), not from
/// `model.survival`, which matters only when that is a constant Pee.
///
/// Not thread-safe (owns a GSL integration workspace): one per task.
public final class MomentRateCalculator {
    /// The recoil model (sources, fluxes, binding).
    public let model: RecoilModel
    /// The effective-moment calculator.
    public let effective: EffectiveMoment
    /// Relative accuracy of the Eν integrations (``SourceSpectrum/relativeTolerance``, one for
    /// every spectrum integral).
    public var relativeTolerance: Double { SourceSpectrum.relativeTolerance }
    private let integrator = Integrator(limit: 200)
    private let spectra: [SourceSpectrum]

    /// Prepares the calculator (normalises each β⁺ spectrum once).
    public init(model: RecoilModel = RecoilModel(), effective: EffectiveMoment = EffectiveMoment()) throws {
        self.model = model
        self.effective = effective
        spectra = try SourceSpectrum.all(model)
    }

    /// dR_MM/dT per source (events/(t·y·keV)), in the order of `model.sources`, at true recoil
    /// T (keV) for the moment matrix `m`.
    public func magneticRates(recoilKeV t: Double, matrix m: MagneticMomentMatrix,
                              formulation: EffectiveMoment.Formulation = .massStates) throws -> [Double] {
        try rates(recoilKeV: t, weights: effective.weights(m), formulation: formulation)
    }

    /// The rate-weighted μ_eff² (μB²) at recoil T: dR_MM/dT(λ) / dR_MM/dT(μ = 1 μB, universal),
    /// i.e. the flavour-universal moment squared that gives the same rate at T. The atomic
    /// factor cancels.
    public func effectiveSquared(recoilKeV t: Double, matrix m: MagneticMomentMatrix,
                                 formulation: EffectiveMoment.Formulation = .massStates) throws -> Double {
        let w = effective.weights(m)
        let num = try rates(recoilKeV: t, weights: w, formulation: formulation, unweighted: false).reduce(0, +)
        let den = try rates(recoilKeV: t, weights: w, formulation: formulation, unweighted: true).reduce(0, +)
        guard den > 0 else { throw MomentError.invalidParameter("T", t, "no solar neutrino in the model can give this recoil") }
        return num / den
    }

    /// μ_eff² averaged over a recoil window, weighted by the magnetic rate of a universal moment.
    public struct WindowAverage: Sendable, Codable, Equatable {
        /// ∫ dR(λ) / ∫ dR(1 μB) over the window (μB²): the universal μ² with the same number of
        /// magnetic events in the window.
        public var mean: Double
        /// Smallest and largest μ_eff²(T) on the grid (μB²): their spread shows how far the
        /// matrix's spectral shape differs from the universal one (≲ 1 % for 1–30 keV).
        public var minimum: Double
        /// Largest μ_eff²(T) on the grid (μB²).
        public var maximum: Double
        /// Lower edge of the window (keV).
        public var lowerKeV: Double
        /// Upper edge of the window (keV).
        public var upperKeV: Double

        enum CodingKeys: String, CodingKey {
            case mean = "mean_muB2", minimum = "minimum_muB2", maximum = "maximum_muB2"
            case lowerKeV = "lower_keV", upperKeV = "upper_keV"
        }
    }

    /// ``WindowAverage`` over [lower, upper] keV of true recoil energy, with the rates on
    /// `points` log-spaced energies (trapezoidal rule in T):
    /// ```
    /// ⟨μ_eff²⟩ = ∫ dT dR_MM/dT(λ) / ∫ dT dR_MM/dT(μ = 1 μB)
    /// ```
    /// Efficiency and resolution are left out: they weight T smoothly and μ_eff²(T) is nearly
    /// constant, so they change the mean by much less than its spread (``WindowAverage``).
    public func windowAverage(matrix m: MagneticMomentMatrix, fromKeV lower: Double, toKeV upper: Double,
                              points: Int = 30, formulation: EffectiveMoment.Formulation = .massStates) throws -> WindowAverage {
        guard lower.isFinite, lower > 0 else { throw MomentError.invalidParameter("window lower edge", lower, "must be > 0 keV") }
        guard upper.isFinite, upper > lower else { throw MomentError.invalidParameter("window upper edge", upper, "must be above the lower edge \(lower) keV") }
        guard points >= 2 else { throw MomentError.invalidParameter("points", Double(points), "need at least 2") }
        let w = effective.weights(m)
        let ratio = upper / lower
        let ts = (0..<points).map { lower * pow(ratio, Double($0) / Double(points - 1)) }
        var num = [Double](), den = [Double]()
        for t in ts {
            num.append(try rates(recoilKeV: t, weights: w, formulation: formulation, unweighted: false).reduce(0, +))
            den.append(try rates(recoilKeV: t, weights: w, formulation: formulation, unweighted: true).reduce(0, +))
        }
        func trapezoid(_ y: [Double]) -> Double {
            var sum = 0.0
            for i in 1..<ts.count {
                let width: Double = ts[i] - ts[i - 1]
                sum += 0.5 * (y[i] + y[i - 1]) * width
            }
            return sum
        }
        let d = trapezoid(den)
        guard d > 0 else { throw MomentError.invalidParameter("window", lower, "no solar neutrino in the model reaches \(lower)–\(upper) keV") }
        let pointwise = zip(num, den).compactMap { $1 > 0 ? $0 / $1 : nil }
        return WindowAverage(mean: trapezoid(num) / d, minimum: pointwise.min() ?? 0, maximum: pointwise.max() ?? 0,
                             lowerKeV: lower, upperKeV: upper)
    }

    /// The constraint on one element of a matrix of the shape of `shape` from a fitted
    /// flavour-universal μν interval, over the recoil window [lower, upper] keV (see
    /// ``MomentElementConstraint``).
    public func constraint(onElement a: Int, _ b: Int, shape: MagneticMomentMatrix, muIntervalBohr: ClosedRange<Double>,
                           fromKeV lower: Double, toKeV upper: Double,
                           formulation: EffectiveMoment.Formulation = .massStates) throws -> MomentElementConstraint {
        let avg = try windowAverage(matrix: shape, fromKeV: lower, toKeV: upper, formulation: formulation)
        return try MomentElementConstraint(element: (a, b), shape: shape, averagedSquared: avg.mean, muIntervalBohr: muIntervalBohr)
    }

    /// Per-source rates; with `unweighted`, μ_eff² ≡ 1 μB² (the universal reference).
    private func rates(recoilKeV t: Double, weights w: EffectiveMoment.Weights, formulation: EffectiveMoment.Formulation,
                       unweighted: Bool = false) throws -> [Double] {
        guard t.isFinite, t > 0 else { throw RecoilError.invalidEnergy(t) }
        let eMin = Kinematics.minimumNeutrinoEnergyKeV(recoilKeV: t)
        let scale = PhysicalConstants.electronsPerTonneXenon * PhysicalConstants.secondsPerYear
        let mf = model.binding.magneticFactor(recoilKeV: t)
        let eff = effective
        var out = [Double](repeating: 0, count: model.sources.count)
        for (k, spectrum) in spectra.enumerated() {
            let source = spectrum.source
            let flux = source.flux(model.solarModel) * scale
            func integrand(_ e: Double) -> Double {
                let cs = CrossSections.magnetic(neutrinoEnergyKeV: e, recoilKeV: t, muNuBohr: 1)
                if unweighted { return cs }
                return cs * eff.squared(weights: w, massStates: eff.massStateProbabilities(neutrinoEnergyKeV: e, source: source),
                                        formulation: formulation)
            }
            out[k] = flux * (try spectrum.integral(above: eMin, using: integrator, integrand)) * mf
        }
        return out
    }
}

/// What a fitted flavour-universal μν interval says about one element of a moment matrix.
///
/// The fit measures the magnetic rate as if μ were universal: rate ∝ μ_fit². A matrix x·B of
/// fixed shape B gives rate ∝ x² ⟨μ_eff²⟩_B (``MomentRateCalculator/windowAverage(matrix:fromKeV:toKeV:points:formulation:)``),
/// so x = μ_fit / √⟨μ_eff²⟩_B, and the element (a, b):
/// ```
/// |λ_ab| = μ_fit · |B_ab| / √⟨μ_eff²⟩_B = μ_fit / √s,    s = ⟨μ_eff²⟩_B / |B_ab|²
/// ```
/// s is the sensitivity of the detector to that element for that shape (e.g. s = ⟨Pee + Peμ⟩
/// for λ_eμ alone, s = 1 for a universal moment).
public struct MomentElementConstraint: Sendable, Codable, Equatable {
    /// Row (0-based) of the element, in ``basis``.
    public var row: Int
    /// Column (0-based) of the element, in ``basis``.
    public var column: Int
    /// Basis of the element.
    public var basis: MomentBasis
    /// Dirac or Majorana: the nature of the matrix shape the constraint assumes.
    public var nature: NeutrinoNature
    /// Whether the shape has no other non-zero element than this one (and, for a Majorana or
    /// Hermitian matrix, its transposed partner): then the constraint is on a model with this
    /// element alone.
    public var singleElementShape: Bool
    /// s = ⟨μ_eff²⟩_B / |B_ab|² (dimensionless).
    public var sensitivity: Double
    /// Lower edge of the fitted universal μν interval (μB).
    public var muLowerBohr: Double
    /// Upper edge of the fitted universal μν interval (μB).
    public var muUpperBohr: Double
    /// Lower edge of the implied interval on |λ_ab| (μB).
    public var elementLowerBohr: Double
    /// Upper edge of the implied interval on |λ_ab| (μB).
    public var elementUpperBohr: Double

    enum CodingKeys: String, CodingKey {
        case row, column, basis, nature, sensitivity
        case singleElementShape = "single_element_shape"
        case muLowerBohr = "mu_lower_muB", muUpperBohr = "mu_upper_muB"
        case elementLowerBohr = "element_lower_muB", elementUpperBohr = "element_upper_muB"
    }

    /// The element's name: "λ_eμ" (flavour basis) or "λ_12" (mass basis).
    public var elementName: String {
        switch basis {
        case .flavour: "λ_\(LeptonFlavour(rawValue: row)!)\(LeptonFlavour(rawValue: column)!)"
        case .mass: "λ_\(row + 1)\(column + 1)"
        }
    }

    /// - Parameters:
    ///   - element: (row, column), 0-based, in `shape`'s basis.
    ///   - shape: the matrix shape B (any overall scale).
    ///   - averagedSquared: ⟨μ_eff²⟩_B in μB² for B as given.
    ///   - muIntervalBohr: the fitted universal μν interval (μB), lower ≥ 0.
    /// - Throws: ``MomentError`` if the element is zero in `shape` or the inputs are invalid.
    public init(element: (Int, Int), shape: MagneticMomentMatrix, averagedSquared: Double,
                muIntervalBohr: ClosedRange<Double>) throws {
        let (a, b) = element
        guard (0..<3).contains(a), (0..<3).contains(b) else { throw MomentError.invalidMatrix("element (\(a + 1),\(b + 1)) is outside 1…3") }
        let bab = shape[a, b].magnitude
        guard bab > 0 else { throw MomentError.invalidMatrix("element (\(a + 1),\(b + 1)) is zero in the given matrix, so the fit says nothing about it in this shape") }
        guard averagedSquared.isFinite, averagedSquared > 0 else {
            throw MomentError.invalidParameter("⟨μ_eff²⟩", averagedSquared, "must be > 0")
        }
        guard muIntervalBohr.lowerBound >= 0, muIntervalBohr.upperBound.isFinite else {
            throw MomentError.invalidParameter("μν interval lower edge", muIntervalBohr.lowerBound, "need 0 ≤ lower ≤ upper < ∞ (μB)")
        }
        row = a
        column = b
        basis = shape.basis
        nature = shape.nature
        singleElementShape = (0..<3).allSatisfy { i in
            (0..<3).allSatisfy { j in (i == a && j == b) || (i == b && j == a) || shape[i, j].magnitude == 0 }
        }
        sensitivity = averagedSquared / (bab * bab)
        muLowerBohr = muIntervalBohr.lowerBound
        muUpperBohr = muIntervalBohr.upperBound
        elementLowerBohr = muLowerBohr / sensitivity.squareRoot()
        elementUpperBohr = muUpperBohr / sensitivity.squareRoot()
    }
}
