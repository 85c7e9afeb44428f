import Formats
import Foundation

extension JointResult {
    /// Bell et al.'s naturalness bounds (``MagneticMomentNaturalness``) for each band over the
    /// joint view's grid, at Λ = m_h⁺ = m_H0 + Δ.
    public struct Naturalness: Codable, Sendable {
        /// One band: how far above the Dirac bound its edges are, and where on the grid the
        /// Majorana bound does not constrain its upper edge.
        public struct Band: Codable, Sendable {
            public var band: String
            /// The band's lower and upper |μ_eμ| edges divided by the Dirac bound (dimensionless).
            public var diracOverBoundMin: Double
            public var diracOverBoundMax: Double
            /// Runs of grid m_H0 (GeV), each [first, last], where the Majorana verdict for the
            /// band's upper edge is `not_constraining` (m_W ≤ m_h⁺ < 10 TeV, edge below 0.7×10⁻¹⁰ μB).
            public var majoranaNotConstrainingSegmentsGeV: [[Double]]
            enum CodingKeys: String, CodingKey {
                case band, diracOverBoundMin = "dirac_over_bound_min", diracOverBoundMax = "dirac_over_bound_max"
                case majoranaNotConstrainingSegmentsGeV = "majorana_not_constraining_m_H0_segments_GeV"
            }
        }

        public var diracBoundMuB = MagneticMomentNaturalness.diracBoundMuB
        public var diracSource = MagneticMomentNaturalness.diracSource
        public var majoranaSource = MagneticMomentNaturalness.majoranaSource
        public var majoranaAssumption = MagneticMomentNaturalness.majoranaAssumption
        public var bands: [Band]
        enum CodingKeys: String, CodingKey {
            case bands, diracBoundMuB = "dirac_bound_muB", diracSource = "dirac_source", majoranaSource = "majorana_source"
            case majoranaAssumption = "majorana_assumption"
        }
        public init(bands: [Band]) { self.bands = bands }

        /// The verdicts of every band over `rows` with m_h⁺ = m_H0 + `splittingGeV` (rows with
        /// m_h⁺ ≤ 0 are left out).
        public static func compute(rows: [HorizontalJointRegion.Row], splittingGeV: Double, bands: [MuNuBand]) -> Naturalness {
            let grid = rows.filter { $0.neutralGeV + splittingGeV > 0 }
            return Naturalness(bands: bands.map { b in
                Band(band: b.label, diracOverBoundMin: b.lowerBohr / MagneticMomentNaturalness.diracBoundMuB,
                     diracOverBoundMax: b.upperBohr / MagneticMomentNaturalness.diracBoundMuB,
                     majoranaNotConstrainingSegmentsGeV: JointResult.segments(grid) { r in
                         MagneticMomentNaturalness.majorana(muNuMuB: b.upperBohr, scaleGeV: r.neutralGeV + splittingGeV).0 == .notConstraining
                     })
            })
        }

        /// Text lines, one per band, after a header.
        public var text: String {
            var s = "naturalness (Bell et al.; their formulas are not readable here): Dirac μν ≲ \(TextFormat.g(diracBoundMuB)) μB (PRL 95 (2005) 151802); "
            s += "Majorana: weaker than the laboratory limits for m_W ≤ Λ < 10 TeV (PLB 642 (2006) 377, abstract; \(majoranaAssumption))\n"
            for b in bands {
                s += "  \(b.band): as a Dirac moment \(TextFormat.g(b.diracOverBoundMin, 3))–\(TextFormat.g(b.diracOverBoundMax, 3)) × the Dirac bound; "
                s += "as a Majorana moment (the SU(2)_H case) "
                s += (b.majoranaNotConstrainingSegmentsGeV.isEmpty ? "no grid mass where the bound is known not to constrain it\n"
                    : "not constrained for m_H0 in \(JointResult.describe(b.majoranaNotConstrainingSegmentsGeV))\n")
            }
            return s
        }
    }
}
