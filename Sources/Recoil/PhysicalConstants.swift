/// Physical constants used by the recoil calculation, each with its source.
///
/// Natural units (ħ = c = 1) inside formulas, energies in keV at the interfaces; conversions to
/// cm use ``hbarCKeVcm``.
public enum PhysicalConstants {
    /// Electron mass m_e = 510.99895 keV (PDG 2022, CODATA 2018).
    public static let electronMassKeV = 510.998_95
    /// Fine-structure constant α = 1/137.035999084 (PDG 2022, CODATA 2018).
    public static let alpha = 1 / 137.035_999_084
    /// Fermi constant G_F = 1.1663787×10⁻⁵ GeV⁻² = 1.1663787×10⁻¹⁷ keV⁻² (PDG 2022).
    public static let fermiConstantPerKeV2 = 1.166_378_7e-17
    /// ħc = 197.3269804 MeV·fm = 1.973269804×10⁻⁸ keV·cm (PDG 2022, exact in SI 2019).
    public static let hbarCKeVcm = 1.973_269_804e-8
    /// (ħc)² in keV²·cm² (= 3.893794×10⁻²² MeV²·cm², PDG 2022).
    public static let hbarC2KeV2cm2 = hbarCKeVcm * hbarCKeVcm
    /// Low-energy weak mixing angle sin²θ_W(q → 0) in MS-bar = 0.23857 (PDG 2022, "Electroweak
    /// model and constraints on new physics"). ν–e analyses often use 0.2386–0.2387.
    public static let sin2ThetaWLowEnergy = 0.238_57
    /// Avogadro constant N_A = 6.02214076×10²³ mol⁻¹ (exact, SI 2019).
    public static let avogadro = 6.022_140_76e23
    /// Standard atomic weight of xenon, 131.293 g/mol (CIAAW / PDG 2022 periodic table).
    public static let xenonAtomicWeightGramPerMol = 131.293
    /// Atomic number of xenon.
    public static let xenonZ = 54
    /// Electrons per tonne of natural xenon: Z·N_A·10⁶ g / (131.293 g/mol) = 2.4769×10²⁹.
    public static let electronsPerTonneXenon =
        Double(xenonZ) * avogadro * 1e6 / xenonAtomicWeightGramPerMol
    /// Seconds in a Julian year (365.25 d), the year of XENON's tonne·year exposures.
    public static let secondsPerYear = 365.25 * 86_400.0
    /// τ mass 1776.86 MeV (PDG 2022), in keV.
    public static let tauMassKeV = 1_776_860.0
}
