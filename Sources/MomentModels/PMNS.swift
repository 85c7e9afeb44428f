import Foundation
import Recoil

/// The lepton mixing (PMNS) matrix from a named global fit: θ12, θ13, θ23, the Dirac phase δ,
/// and Δm²21 (not part of U, carried along because the solar MSW matter angle needs it).
///
/// Standard parametrisation (PDG, "Neutrino masses, mixing and oscillations" review,
/// Eq. (14.33) in the 2022 edition), ν_α = Σ_i U_αi ν_i, α = e, μ, τ (rows), i = 1, 2, 3
/// (columns), c_ij = cos θij, s_ij = sin θij:
/// ```
///       ⎛  c12 c13                      s12 c13                    s13 e^{−iδ} ⎞
/// U  =  ⎜ −s12 c23 − c12 s23 s13 e^{iδ}   c12 c23 − s12 s23 s13 e^{iδ}   s23 c13     ⎟
///       ⎝  s12 s23 − c12 c23 s13 e^{iδ}  −c12 s23 − s12 c23 s13 e^{iδ}   c23 c13     ⎠
/// ```
/// Majorana phases are left out: they multiply U on the right by diag(1, e^{iα21/2},
/// e^{iα31/2}), which changes only the phases of mass-basis moment elements, never their
/// magnitudes, so no effective moment depends on them.
public struct PMNS: Sendable, Equatable, Codable {
    /// Name of the fit (e.g. "NuFIT 5.1 NO").
    public let name: String
    /// sin²θ12.
    public let sin2Theta12: Double
    /// sin²θ13.
    public let sin2Theta13: Double
    /// sin²θ23.
    public let sin2Theta23: Double
    /// The Dirac CP phase δ in degrees.
    public let deltaCPDegrees: Double
    /// Δm²21 in eV², for the solar matter angle θ12ᵐ.
    public let deltaM2_21eV2: Double

    /// Validated parameters.
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` unless 0 ≤ sin²θij ≤ 1, δ is finite and
    ///   Δm²21 > 0.
    public init(name: String, sin2Theta12: Double, sin2Theta13: Double, sin2Theta23: Double,
                deltaCPDegrees: Double, deltaM2_21eV2: Double) throws {
        for (n, v) in [("sin²θ12", sin2Theta12), ("sin²θ13", sin2Theta13), ("sin²θ23", sin2Theta23)]
        where !(v >= 0 && v <= 1) {
            throw MomentError.invalidParameter(n, v, "it must be in [0, 1]")
        }
        guard deltaCPDegrees.isFinite else { throw MomentError.invalidParameter("δ", deltaCPDegrees, "it must be finite (degrees)") }
        guard deltaM2_21eV2.isFinite, deltaM2_21eV2 > 0 else {
            throw MomentError.invalidParameter("Δm²21", deltaM2_21eV2, "it must be > 0 (eV²)")
        }
        self.init(unchecked: name, sin2Theta12, sin2Theta13, sin2Theta23, deltaCPDegrees, deltaM2_21eV2)
    }

    /// The solar-sector angles and Δm²21 of an ``OscillationParameters`` (the ones the recoil
    /// spectrum's Pee uses), completed with θ23 and δ.
    public init(oscillation o: OscillationParameters, sin2Theta23: Double, deltaCPDegrees: Double, name: String) throws {
        try self.init(name: name, sin2Theta12: o.sin2Theta12, sin2Theta13: o.sin2Theta13, sin2Theta23: sin2Theta23,
                      deltaCPDegrees: deltaCPDegrees, deltaM2_21eV2: o.deltaM2_21eV2)
    }

    private init(unchecked name: String, _ s12: Double, _ s13: Double, _ s23: Double, _ d: Double, _ dm: Double) {
        self.name = name
        sin2Theta12 = s12
        sin2Theta13 = s13
        sin2Theta23 = s23
        deltaCPDegrees = d
        deltaM2_21eV2 = dm
    }

    /// NuFIT 5.1 (October 2021), normal ordering, with Super-Kamiokande atmospheric data, best
    /// fit (Esteban, Gonzalez-Garcia, Maltoni, Schwetz, Zhou, JHEP 09 (2020) 178
    /// [arXiv:2007.14792] and NuFIT 5.1, www.nu-fit.org; summarised in Gonzalez-Garcia,
    /// Maltoni, Schwetz, Universe 7 (2021) 459 [arXiv:2111.03086]):
    /// ```
    /// sin²θ12 = 0.304,  sin²θ13 = 0.02246,  sin²θ23 = 0.450,  δ = 230°,  Δm²21 = 7.42×10⁻⁵ eV²
    /// ```
    public static let nufit51 = PMNS(unchecked: "NuFIT 5.1 NO (with SK-atm)", 0.304, 0.022_46, 0.450, 230, 7.42e-5)

    /// The nmmfit default: the solar-sector values of ``OscillationParameters/standardSolar``
    /// (sin²θ12 = 0.307, sin²θ13 = 0.0220, Δm²21 = 7.42×10⁻⁵ eV², which the recoil spectrum's
    /// MSW Pee uses — so the flavour content here reproduces that Pee exactly), with θ23 and δ
    /// of NuFIT 5.1 NO (sin²θ23 = 0.450, δ = 230°; see ``nufit51``).
    ///
    /// Note: 0.307 and 0.0220 are the PDG 2022 summary values; NuFIT 5.1 itself has 0.304 and
    /// 0.02246 (``nufit51``).
    public static let standard = PMNS(
        unchecked: "nmmfit default (solar angles of OscillationParameters.standardSolar; θ23, δ of NuFIT 5.1 NO)",
        OscillationParameters.standardSolar.sin2Theta12, OscillationParameters.standardSolar.sin2Theta13, 0.450, 230,
        OscillationParameters.standardSolar.deltaM2_21eV2)

    /// The named fits, by command-line name: "standard" and "nufit51".
    public static let named: [String: PMNS] = ["standard": .standard, "nufit51": .nufit51]

    /// The solar-sector parameters, for ``SurvivalProbability/mswLMA(_:)``.
    public var oscillationParameters: OscillationParameters {
        OscillationParameters(sin2Theta12: sin2Theta12, sin2Theta13: sin2Theta13, deltaM2_21eV2: deltaM2_21eV2)
    }

    /// The unitary matrix U (rows e, μ, τ; columns 1, 2, 3) in the standard parametrisation
    /// above.
    public var matrix: ComplexMatrix3 {
        let s12 = sin2Theta12.squareRoot(), c12 = (1 - sin2Theta12).squareRoot()
        let s13 = sin2Theta13.squareRoot(), c13 = (1 - sin2Theta13).squareRoot()
        let s23 = sin2Theta23.squareRoot(), c23 = (1 - sin2Theta23).squareRoot()
        let d = deltaCPDegrees * Double.pi / 180
        let ePlus = Complex.phase(d), eMinus = Complex.phase(-d)
        return ComplexMatrix3(rows: [
            [Complex(c12 * c13), Complex(s12 * c13), s13 * eMinus],
            [Complex(-s12 * c23) - (c12 * s23 * s13) * ePlus, Complex(c12 * c23) - (s12 * s23 * s13) * ePlus, Complex(s23 * c13)],
            [Complex(s12 * s23) - (c12 * c23 * s13) * ePlus, Complex(-c12 * s23) - (s12 * c23 * s13) * ePlus, Complex(c23 * c13)],
        ])
    }
}
