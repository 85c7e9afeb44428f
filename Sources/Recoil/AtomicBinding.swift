import Foundation
import GSL

/// One xenon atomic sub-shell: binding energy and occupation.
public struct XenonShell: Sendable, Equatable {
    public var name: String
    /// Binding energy B_i in keV.
    public var bindingKeV: Double
    /// Number of electrons n_i.
    public var electrons: Int
}

/// How atomic binding modifies the free-electron ν–e cross-section in xenon.
public enum AtomicBinding: Sendable {
    /// All 54 electrons scatter as if free and at rest.
    case free
    /// Stepping approximation (Kopeikin et al.; Chen et al., PLB 774 (2017) 656; used by
    /// XENON1T): an electron contributes only when T exceeds its shell's binding energy:
    /// ```
    /// dσ/dT → dσ/dT(free) × Σ_i n_i θ(T − B_i) / 54
    /// ```
    case stepping
    /// An ab-initio suppression table (e.g. RRPA, Hsieh et al., PRD 100 (2019) 073001), given
    /// as data: factors for the weak and the magnetic channel versus T (keV), interpolated and
    /// held at their end values outside the table.
    case table(weak: Interpolator, magnetic: Interpolator)

    /// Xenon sub-shell binding energies (keV) and occupations: X-ray Data Booklet / Carlson, as
    /// used for the stepping approximation by Chen et al., PLB 774 (2017) 656. (Their RRPA
    /// table, arXiv:1610.04177, has slightly different values, e.g. 1s 34.759 keV.)
    public static let xenonShells: [XenonShell] = [
        XenonShell(name: "1s", bindingKeV: 34.561, electrons: 2),
        XenonShell(name: "2s", bindingKeV: 5.453, electrons: 2),
        XenonShell(name: "2p1/2", bindingKeV: 5.107, electrons: 2),
        XenonShell(name: "2p3/2", bindingKeV: 4.786, electrons: 4),
        XenonShell(name: "3s", bindingKeV: 1.149, electrons: 2),
        XenonShell(name: "3p1/2", bindingKeV: 1.002, electrons: 2),
        XenonShell(name: "3p3/2", bindingKeV: 0.941, electrons: 4),
        XenonShell(name: "3d3/2", bindingKeV: 0.689, electrons: 4),
        XenonShell(name: "3d5/2", bindingKeV: 0.676, electrons: 6),
        XenonShell(name: "4s", bindingKeV: 0.2133, electrons: 2),
        XenonShell(name: "4p1/2", bindingKeV: 0.1466, electrons: 2),
        XenonShell(name: "4p3/2", bindingKeV: 0.1455, electrons: 4),
        XenonShell(name: "4d3/2", bindingKeV: 0.0698, electrons: 4),
        XenonShell(name: "4d5/2", bindingKeV: 0.0677, electrons: 6),
        XenonShell(name: "5s", bindingKeV: 0.0233, electrons: 2),
        XenonShell(name: "5p1/2", bindingKeV: 0.0134, electrons: 2),
        XenonShell(name: "5p3/2", bindingKeV: 0.0121, electrons: 4),
    ]

    /// The stepping factor Σ_i n_i θ(T − B_i) / 54 at recoil T (keV).
    public static func steppingFactor(recoilKeV t: Double) -> Double {
        var n = 0
        for s in xenonShells where t > s.bindingKeV { n += s.electrons }
        return Double(n) / Double(PhysicalConstants.xenonZ)
    }

    /// Energies (keV) where the factor jumps: integration break points.
    public var edgesKeV: [Double] {
        switch self {
        case .stepping: Self.xenonShells.map(\.bindingKeV).sorted()
        case .free: []
        case .table(let w, let m):
            // the ends of near-vertical segments (steps narrower than 1 eV) of either table
            Array(Set([w, m].flatMap { t in
                zip(t.xs, t.xs.dropFirst()).filter { $1 - $0 < 1e-3 }.flatMap { [$0, $1] }
            })).sorted()
        }
    }

    /// Multiplicative factor for the weak channel at recoil T (keV).
    public func weakFactor(recoilKeV t: Double) -> Double {
        switch self {
        case .free: 1
        case .stepping: Self.steppingFactor(recoilKeV: t)
        case .table(let w, _): w.clampedValue(at: t)
        }
    }

    /// Multiplicative factor for the magnetic-moment channel at recoil T (keV).
    public func magneticFactor(recoilKeV t: Double) -> Double {
        switch self {
        case .free: 1
        case .stepping: Self.steppingFactor(recoilKeV: t)
        case .table(_, let m): m.clampedValue(at: t)
        }
    }

    /// Short name: "free", "stepping" or "table".
    public var name: String {
        switch self {
        case .free: "free"
        case .stepping: "stepping"
        case .table: "table"
        }
    }
}
