import Foundation

/// The 3×3 matrix λ of neutrino electromagnetic dipole (magnetic and, for complex entries,
/// electric) moments, in Bohr magnetons μB, in the flavour or the mass basis.
///
/// Effective interaction (Giunti & Studenikin, Rev. Mod. Phys. 87 (2015) 531, Sec. V;
/// Grimus, Maltoni, Schwetz, Tórtola, Valle, Nucl. Phys. B 648 (2003) 376, Sec. 2):
/// ```
/// Dirac:     L = −½  ν̄_α σ^{μν} λ_αβ ν_β F_μν           λ = λ†   (hermitian)
/// Majorana:  L = −¼  ν_αᵀ C⁻¹ σ^{μν} λ_αβ ν_β F_μν + h.c.   λ = −λᵀ (antisymmetric)
/// ```
/// - Dirac: diagonal moments and transition moments are allowed; this type requires λ
///   hermitian (a pure magnetic-moment matrix; Dirac electric dipole moments would add an
///   antihermitian part and are not modelled).
/// - Majorana: only transition moments (λ_eμ, λ_eτ, λ_μτ); λ is antisymmetric, its diagonal
///   vanishes. Complex entries combine magnetic and electric transition moments,
///   λ = μ − iε, and only |λ_ij| enters ν–e scattering.
///
/// Basis change with ν_α = Σ_i U_αi ν_i (U: ``PMNS/matrix``), substituting into L above:
/// ```
/// Dirac:     λ_mass = U† λ_flavour U      λ_flavour = U λ_mass U†
/// Majorana:  λ_mass = Uᵀ λ_flavour U      λ_flavour = U* λ_mass U†
/// ```
/// The Majorana rule is Uᵀ…U, not U†…U: it keeps λ antisymmetric for complex U (δ ≠ 0);
/// for real U (δ = 0) the two coincide. In both cases the scattering matrix
/// λ†λ transforms as λ†λ_mass = U† (λ†λ_flavour) U.
public struct MagneticMomentMatrix: Sendable, Equatable {
    /// The elements λ_ab in μB (rows/columns e, μ, τ or 1, 2, 3).
    public let matrix: ComplexMatrix3
    /// The basis of ``matrix``.
    public let basis: MomentBasis
    /// Dirac or Majorana.
    public let nature: NeutrinoNature

    /// Default relative tolerance of the symmetry checks: |λ ∓ λᵀ| or |λ − λ†| must be below
    /// this times max |λ_ij|.
    public static let defaultTolerance = 1e-9

    /// A validated matrix (elements in μB).
    /// - Throws: ``MomentError/invalidMatrix(_:)`` if an element is not finite, a Majorana
    ///   matrix is not antisymmetric, or a Dirac matrix is not hermitian (within `tolerance`
    ///   relative to the largest element).
    public init(_ matrix: ComplexMatrix3, basis: MomentBasis, nature: NeutrinoNature,
                tolerance: Double = MagneticMomentMatrix.defaultTolerance) throws {
        guard matrix.isFinite else { throw MomentError.invalidMatrix("an element is not finite") }
        let scale = matrix.maxMagnitude
        let limit = tolerance * scale
        switch nature {
        case .majorana:
            let asym = matrix + matrix.transpose
            if asym.maxMagnitude > limit {
                let (r, c) = Self.worst(asym)
                let which = r == c ? "diagonal element (\(r + 1),\(r + 1)) = \(matrix[r, c]) must be 0"
                    : "element (\(r + 1),\(c + 1)) = \(matrix[r, c]) must equal −(\(c + 1),\(r + 1)) = \(-matrix[c, r])"
                throw MomentError.invalidMatrix("a Majorana moment matrix must be antisymmetric (λ = −λᵀ): \(which)")
            }
        case .dirac:
            let herm = matrix - matrix.adjoint
            if herm.maxMagnitude > limit {
                let (r, c) = Self.worst(herm)
                let which = r == c ? "diagonal element (\(r + 1),\(r + 1)) = \(matrix[r, c]) must be real"
                    : "element (\(r + 1),\(c + 1)) = \(matrix[r, c]) must equal the conjugate of (\(c + 1),\(r + 1)) = \(matrix[c, r].conjugate)"
                throw MomentError.invalidMatrix("a Dirac moment matrix must be hermitian (λ = λ†): \(which)")
            }
        }
        self.matrix = matrix
        self.basis = basis
        self.nature = nature
    }

    private init(unchecked m: ComplexMatrix3, basis: MomentBasis, nature: NeutrinoNature) {
        matrix = m
        self.basis = basis
        self.nature = nature
    }

    private static func worst(_ m: ComplexMatrix3) -> (Int, Int) {
        var best = (0, 0), v = -1.0
        for r in 0..<3 { for c in 0..<3 where m[r, c].magnitude > v { v = m[r, c].magnitude; best = (r, c) } }
        return best
    }

    /// A flavour-universal diagonal Dirac moment μ·𝟙 (μB); the same in every basis.
    public static func universal(_ muBohr: Double) throws -> MagneticMomentMatrix {
        try MagneticMomentMatrix(muBohr * ComplexMatrix3.identity, basis: .flavour, nature: .dirac)
    }

    /// A Dirac matrix with diagonal moments only: diag(μ_e, μ_μ, μ_τ) (μB) in `basis`.
    public static func diracDiagonal(_ e: Double, _ mu: Double, _ tau: Double, basis: MomentBasis = .flavour) throws -> MagneticMomentMatrix {
        try MagneticMomentMatrix(.diagonal(Complex(e), Complex(mu), Complex(tau)), basis: basis, nature: .dirac)
    }

    /// A Majorana matrix from its three transition moments (μB), λ_eμ, λ_eτ, λ_μτ (or λ_12,
    /// λ_13, λ_23 in the mass basis), with λ_ba = −λ_ab.
    public static func majorana(eMu: Complex, eTau: Complex, muTau: Complex, basis: MomentBasis = .flavour) throws -> MagneticMomentMatrix {
        var m = ComplexMatrix3.zero
        m[0, 1] = eMu; m[1, 0] = -eMu
        m[0, 2] = eTau; m[2, 0] = -eTau
        m[1, 2] = muTau; m[2, 1] = -muTau
        return try MagneticMomentMatrix(m, basis: basis, nature: .majorana)
    }

    /// The matrix with a single moment `value` (μB) at (a, b), completed by the symmetry of
    /// `nature`: λ_ba = −λ_ab (Majorana) or λ_ba = λ_ab* (Dirac).
    /// - Throws: ``MomentError/invalidMatrix(_:)`` for a Majorana diagonal element.
    public static func single(_ a: Int, _ b: Int, value: Complex, nature: NeutrinoNature, basis: MomentBasis = .flavour) throws -> MagneticMomentMatrix {
        guard (0..<3).contains(a), (0..<3).contains(b) else { throw MomentError.invalidMatrix("index (\(a + 1),\(b + 1)) is outside 1…3") }
        var m = ComplexMatrix3.zero
        if a == b {
            guard nature == .dirac else { throw MomentError.invalidMatrix("a Majorana neutrino has no diagonal moment (\(a + 1),\(a + 1))") }
            m[a, a] = value
        } else {
            m[a, b] = value
            m[b, a] = nature == .majorana ? -value : value.conjugate
        }
        return try MagneticMomentMatrix(m, basis: basis, nature: nature)
    }

    /// Element λ_ab (μB), 0-based.
    public subscript(_ a: Int, _ b: Int) -> Complex { matrix[a, b] }

    /// Element λ_αβ of a flavour-basis matrix (μB). Precondition: ``basis`` is `.flavour`.
    public subscript(_ a: LeptonFlavour, _ b: LeptonFlavour) -> Complex {
        precondition(basis == .flavour, "flavour indices on a mass-basis matrix")
        return matrix[a.rawValue, b.rawValue]
    }

    /// The same moments in `target` basis, for mixing `pmns` (rules in the type's
    /// documentation).
    public func converted(to target: MomentBasis, pmns: PMNS) -> MagneticMomentMatrix {
        guard target != basis else { return self }
        let u = pmns.matrix
        let m: ComplexMatrix3
        switch (nature, target) {
        case (.dirac, .mass): m = u.adjoint * matrix * u
        case (.dirac, .flavour): m = u * matrix * u.adjoint
        case (.majorana, .mass): m = u.transpose * matrix * u
        case (.majorana, .flavour): m = u.conjugate * matrix * u.adjoint
        }
        return MagneticMomentMatrix(unchecked: m, basis: target, nature: nature)
    }

    /// λ†λ in this matrix's basis (μB²): (λ†λ)_aa = Σ_b |λ_ba|² is μ_eff² of a neutrino in
    /// state a, summed over the unobserved final states b (Beacom & Vogel, PRL 83 (1999) 5222;
    /// Grimus et al., NPB 648 (2003) 376).
    public var gram: ComplexMatrix3 { matrix.adjoint * matrix }

    /// λ scaled by a real factor s (s·λ keeps either symmetry).
    public func scaled(by s: Double) -> MagneticMomentMatrix {
        MagneticMomentMatrix(unchecked: s * matrix, basis: basis, nature: nature)
    }
}
