import Formats
import Foundation

/// The Standard-Model Dirac transition moments μ_ij (magnetic and electric) and diagonal moments
/// of three neutrino masses (Pal & Wolfenstein, PRD 25 (1982) 766; Shrock, Nucl. Phys. B206
/// (1982) 359; Fujikawa & Shrock, PRL 45 (1980) 963; `nmmfit model sm-transition`).
public struct SMTransitionResult: Codable, Sendable {
    /// One off-diagonal element ij.
    public struct Element: Codable, Sendable {
        public var element: String
        public var magneticRe: Double
        public var magneticIm: Double
        public var magneticAbsMuB: Double
        public var electricAbsMuB: Double
        enum CodingKeys: String, CodingKey {
            case element
            case magneticRe = "magnetic_re_muB", magneticIm = "magnetic_im_muB", magneticAbsMuB = "magnetic_abs_muB", electricAbsMuB = "electric_abs_muB"
        }
    }

    public var nmmfitOutput = OutputVersion.current
    public var formula = "mu_ij = -(3 e G_F / 32 sqrt2 pi^2)(m_i +- m_j) sum_l U*_li U_lj m_l^2/m_W^2 (Pal & Wolfenstein 1982; Shrock 1982); mu_ii = (3 e G_F m_i / 8 sqrt2 pi^2)(1 - sum_l |U_li|^2 m_l^2/2m_W^2) (Fujikawa & Shrock 1980)"
    public var pmns: String
    public var massesEV: [Double]
    public var wMassGeV = ModelMasses.wBosonGeV
    public var elements: [Element]
    public var diagonalMuB: [Double]
    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output", formula, pmns, elements, diagonalMuB = "diagonal_muB"
        case massesEV = "masses_eV", wMassGeV = "m_W_GeV"
    }

    /// The moments of masses m1, m2, m3 (eV) with the mixing `pmns`.
    public init(massesEV m: [Double], pmns mix: PMNS) throws {
        elements = try [(0, 1), (0, 2), (1, 2)].map { i, j in
            let mag = try StandardModelTransitionMoment.momentBohr(i, j, massesEV: m, kind: .magnetic, pmns: mix)
            let ele = try StandardModelTransitionMoment.momentBohr(i, j, massesEV: m, kind: .electric, pmns: mix)
            return Element(element: "\(i + 1)\(j + 1)", magneticRe: mag.re, magneticIm: mag.im, magneticAbsMuB: mag.magnitude, electricAbsMuB: ele.magnitude)
        }
        diagonalMuB = try (0..<3).map { try StandardModelTransitionMoment.diagonalBohr($0, massesEV: m, pmns: mix) }
        pmns = mix.name
        massesEV = m
    }

    public var text: String {
        var s = "SM Dirac transition moments, m = (\(massesEV.map { TextFormat.g($0, 4) }.joined(separator: ", "))) eV, \(pmns), m_W = \(wMassGeV) GeV\n"
        s += TextFormat.table(["ij", "magnetic μ_ij [μB]", "|μ_ij| [μB]", "|electric ε_ij| [μB]"], elements.map {
            [$0.element, "\(TextFormat.g($0.magneticRe, 4)) \($0.magneticIm < 0 ? "−" : "+") \(TextFormat.g(abs($0.magneticIm), 4)) i", TextFormat.g($0.magneticAbsMuB, 4), TextFormat.g($0.electricAbsMuB, 4)]
        })
        s += "\ndiagonal (Dirac) moments μ_11, μ_22, μ_33 = \(diagonalMuB.map { TextFormat.g($0, 4) }.joined(separator: ", ")) μB  (Fujikawa & Shrock 1980)\n"
        return s
    }
}
