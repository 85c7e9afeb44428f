import Foundation

/// Upper ends of the model calculators' inputs, for every front end (beyond them squares
/// overflow): the scale Λ and scalar masses up to the Planck mass, ≈ 1.22 × 10¹⁹ GeV (as used
/// before in the CLI; a bound, not a precision input), neutrino masses up to 1 GeV, Yukawa
/// couplings up to 10⁶, recoil energies up to 10 MeV.
public enum ModelInputLimits {
    public static let scaleGeV = 1.22e19
    public static let neutrinoMassEV = 1e9
    public static let yukawa = 1e6
    public static let recoilKeV = 1e4
}
