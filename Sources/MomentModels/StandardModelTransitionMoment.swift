import Foundation

/// The one-loop transition moments of Dirac neutrinos in the Standard Model extended by
/// right-handed neutrinos, to first order in m_ℓ²/m_W² (Pal & Wolfenstein, PRD 25 (1982) 766;
/// Shrock, Nucl. Phys. B206 (1982) 359; reviewed in Giunti & Studenikin, Rev. Mod. Phys. 87
/// (2015) 531 [arXiv:1403.6344], section on Dirac neutrino moments — the formula is taken as
/// it was specified to this project; the review's equation number could not be read here):
/// ```
/// μ_ij = −(3 e G_F / 32√2 π²) (m_i ± m_j) Σ_ℓ U*_ℓi U_ℓj m_ℓ²/m_W²       (i ≠ j)
/// ```
/// with "+" for the magnetic and "−" for the electric transition moment, U the PMNS matrix
/// (``PMNS/matrix``), ℓ = e, μ, τ. The leading, ℓ-independent term of the loop function is
/// removed by unitarity, Σ_ℓ U*_ℓi U_ℓj = δ_ij (the GIM cancellation), which is why only the
/// m_ℓ²/m_W² term survives. In Bohr magnetons, μB = e/(2 m_e):
/// ```
/// μ_ij/μB = −(3 G_F m_e / 16√2 π²) (m_i ± m_j) Σ_ℓ U*_ℓi U_ℓj m_ℓ²/m_W²
///         = −(k/4) ((m_i ± m_j)/eV) Σ_ℓ U*_ℓi U_ℓj m_ℓ²/m_W²,   k = ``StandardModelDiracMoment/bohrPerEV``
/// ```
/// Masses: ``ModelMasses`` (m_e, m_μ, m_τ, m_W = 80.377 GeV).
public enum StandardModelTransitionMoment {
    /// Magnetic ("+") or electric ("−") transition moment.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// m_i + m_j.
        case magnetic
        /// m_i − m_j.
        case electric
    }

    /// The GIM sum Σ_ℓ U*_ℓi U_ℓj m_ℓ²/m_W² (i, j = 0, 1, 2) for charged-lepton masses
    /// `leptonMassesGeV` (e, μ, τ; default ``ModelMasses``).
    public static func gimSum(_ i: Int, _ j: Int, pmns: PMNS,
                              leptonMassesGeV: [Double] = LeptonFlavour.allCases.map(ModelMasses.chargedLeptonGeV)) -> Complex {
        let u = pmns.matrix
        let w2 = ModelMasses.wBosonGeV * ModelMasses.wBosonGeV
        var s = Complex.zero
        for l in 0..<3 { s += (leptonMassesGeV[l] * leptonMassesGeV[l] / w2) * (u[l, i].conjugate * u[l, j]) }
        return s
    }

    /// μ_ij/μB (complex) for neutrino masses `massesEV` (m1, m2, m3 in eV, each ≥ 0).
    /// - Throws: ``MomentError/invalidParameter(_:_:_:)`` for a bad mass or index.
    public static func momentBohr(_ i: Int, _ j: Int, massesEV: [Double], kind: Kind = .magnetic, pmns: PMNS = .standard) throws -> Complex {
        guard massesEV.count == 3 else { throw MomentError.invalidParameter("masses", Double(massesEV.count), "need three masses m1, m2, m3 (eV)") }
        for (k, m) in massesEV.enumerated() where !(m.isFinite && m >= 0) {
            throw MomentError.invalidParameter("m\(k + 1)", m, "must be ≥ 0 and finite (eV)")
        }
        guard (0..<3).contains(i), (0..<3).contains(j) else { throw MomentError.invalidParameter("index", Double(max(i, j)), "mass indices are 1…3") }
        let combo = kind == .magnetic ? massesEV[i] + massesEV[j] : massesEV[i] - massesEV[j]
        return (-StandardModelDiracMoment.bohrPerEV / 4 * combo) * gimSum(i, j, pmns: pmns)
    }

    /// The diagonal (Dirac) moment μ_ii/μB of mass state i to the same order:
    /// ```
    /// μ_ii = (3 e G_F m_i / 8√2 π²) (1 − ½ Σ_ℓ |U_ℓi|² m_ℓ²/m_W²)
    /// ```
    /// The leading term is the Standard-Model Dirac moment of Fujikawa & Shrock, PRL 45 (1980)
    /// 963 (``StandardModelDiracMoment``; at i = j the ℓ-independent term of the loop function
    /// survives because Σ_ℓ |U_ℓi|² = 1); the correction is the i = j case of the m_ℓ²/m_W² term
    /// above, −(3eG_F/32√2π²)(2 m_i) Σ_ℓ |U_ℓi|² m_ℓ²/m_W² (≤ 5×10⁻⁴ relative, the τ term).
    public static func diagonalBohr(_ i: Int, massesEV: [Double], pmns: PMNS = .standard) throws -> Double {
        let offDiagonalForm = try momentBohr(i, i, massesEV: massesEV, kind: .magnetic, pmns: pmns)  // real: Σ|U|² m²/m_W²
        return StandardModelDiracMoment.bohrPerEV * massesEV[i] + offDiagonalForm.re
    }

    /// The 3×3 magnetic-moment matrix of Dirac neutrinos in the mass basis (μB): the
    /// transition moments off the diagonal and the Dirac moments ``diagonalBohr(_:massesEV:pmns:)``
    /// on it, so that a solar-neutrino effective moment of this matrix is dominated, as it must
    /// be, by the diagonal ≈ 3.2×10⁻¹⁹ μB (m_i/eV). Hermitian, as a Dirac magnetic-moment matrix
    /// must be (μ_ji = μ_ij*).
    public static func matrix(massesEV: [Double], pmns: PMNS = .standard) throws -> ComplexMatrix3 {
        var rows = [[Complex]](repeating: [Complex](repeating: .zero, count: 3), count: 3)
        for i in 0..<3 {
            for j in 0..<3 {
                rows[i][j] = i == j ? Complex(try diagonalBohr(i, massesEV: massesEV, pmns: pmns), 0)
                    : try momentBohr(i, j, massesEV: massesEV, pmns: pmns)
            }
        }
        return ComplexMatrix3(rows: rows)
    }
}
