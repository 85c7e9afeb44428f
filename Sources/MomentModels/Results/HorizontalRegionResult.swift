import Formats
import Foundation

/// The SU(2)_H |f f′| range that puts |μν| in [μ_lo, μ_hi] on a (m_h⁺, m_H⁺) grid
/// (``HorizontalSymmetryModel/region(muLowerBohr:muUpperBohr:sin2Alpha:lightScalarGeV:heavyScalarGeV:steps:loop:)``;
/// `nmmfit model horizontal-region`), with its table, text map and CSV renderings.
public struct HorizontalRegionResult: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    public var model = "SU(2)_H, Babu-Jana-Lindner JHEP 10 (2020) 040"
    public var verification = HorizontalSymmetryModel.prefactorVerification
    /// The text the 1/8π² prefactor needs and where it was looked for (nil in older files).
    public var prefactorMissing: MissingText? = .su2hMomentPrefactor
    public var muLoMuB: Double
    public var muHiMuB: Double
    public var sin2alpha: Double
    public var loop: ChargedScalarLoop
    public var rows: [HorizontalSymmetryModel.RegionRow]
    /// The mass side (``HorizontalMassSide``): the naive m_ν of the interval's edges at the
    /// smallest and the largest m_h⁺ of the grid.
    public var massSide: [HorizontalMassSide]?
    enum CodingKeys: String, CodingKey {
        case model, verification, prefactorMissing = "prefactor_missing", sin2alpha, loop, rows, nmmfitOutput = "nmmfit_output", muLoMuB = "mu_lo_muB", muHiMuB = "mu_hi_muB"
        case massSide = "mass_side"
    }

    public init(muLoMuB: Double, muHiMuB: Double, sin2alpha: Double, loop: ChargedScalarLoop, rows: [HorizontalSymmetryModel.RegionRow]) {
        self.muLoMuB = muLoMuB
        self.muHiMuB = muHiMuB
        self.sin2alpha = sin2alpha
        self.loop = loop
        self.rows = rows
    }

    /// The region on a log grid of `steps` points per mass over the two ranges (GeV).
    public static func compute(muLoMuB: Double, muHiMuB: Double, sin2alpha: Double, lightScalarGeV: ClosedRange<Double>,
                               heavyScalarGeV: ClosedRange<Double>, steps: Int, loop: ChargedScalarLoop) throws -> HorizontalRegionResult {
        let rows = try HorizontalSymmetryModel.region(muLowerBohr: muLoMuB, muUpperBohr: muHiMuB, sin2Alpha: sin2alpha,
                                                      lightScalarGeV: lightScalarGeV, heavyScalarGeV: heavyScalarGeV, steps: steps, loop: loop)
        var out = HorizontalRegionResult(muLoMuB: muLoMuB, muHiMuB: muHiMuB, sin2alpha: sin2alpha, loop: loop, rows: rows)
        let light = Set(rows.map(\.lightScalarGeV)).sorted()
        if let lo = light.first, let hi = light.last {
            out.massSide = try (lo == hi ? [lo] : [lo, hi]).flatMap { m in
                try [muLoMuB, muHiMuB].map { try HorizontalMassSide(muNuMuB: $0, lightScalarGeV: m) }
            }
        }
        return out
    }

    /// The table, and with `map` the text map of ``map``.
    public func text(map withMap: Bool = false) -> String {
        var s = "(\(HorizontalSymmetryModel.prefactorVerification))\n"
        s += "SU(2)_H: |f f′| that gives |μν| in [\(TextFormat.g(muLoMuB, 3)), \(TextFormat.g(muHiMuB, 3))] μB at sin2α = \(TextFormat.g(sin2alpha))\n"
        s += TextFormat.table(["m_h⁺ [GeV]", "m_H⁺ [GeV]", "μ per f f′ [μB]", "|f f′| min", "|f f′| max", "perturbative"], rows.map { r in
            [TextFormat.g(r.lightScalarGeV, 4), TextFormat.g(r.heavyScalarGeV, 4), TextFormat.g(r.muPerYukawaBohr, 4),
             r.yukawaProductMin.map { TextFormat.g($0, 4) } ?? "—", r.yukawaProductMax.map { TextFormat.g($0, 4) } ?? "—",
             r.perturbative ? "yes" : "no"]
        })
        if let ms = massSide, let first = ms.first {
            let byScale = Dictionary(grouping: ms, by: \.scaleGeV).sorted { $0.key < $1.key }
            s += "mass side: naive m_ν ≈ Λ²|μ|/(2 m_e μB) for |μ| in [μ_lo, μ_hi]: "
            s += byScale.map { k, v in "\(TextFormat.g(v.map(\.naiveMassEV).min()!, 3))–\(TextFormat.g(v.map(\.naiveMassEV).max()!, 3)) eV at Λ = m_h⁺ = \(TextFormat.g(k, 4)) GeV" }.joined(separator: ", ")
            s += " (KATRIN: m_ν < \(TextFormat.g(HorizontalMassSide.katrinLimitEV)) eV); the SU(2)_H model's own m_ν: \(first.modelStatus)\n"
            let nat = ms.compactMap(\.naturalness)
            if let lo = nat.map(\.diracOverBound).min(), let hi = nat.map(\.diracOverBound).max() {
                s += "naturalness (Bell et al.): as a Dirac moment |μ| is \(TextFormat.g(lo, 3))–\(TextFormat.g(hi, 3)) × the Dirac bound μν ≲ 10⁻¹⁵ μB (PRL 95 (2005) 151802); "
                s += "as a Majorana moment: " + Dictionary(grouping: nat, by: \.scaleGeV).sorted { $0.key < $1.key }.map { k, v in
                    "\(v.allSatisfy { $0.majoranaStatus == .notConstraining } ? "not constraining" : "undetermined") at Λ = \(TextFormat.g(k, 4)) GeV"
                }.joined(separator: ", ") + " (PLB 642 (2006) 377, abstract; \(MagneticMomentNaturalness.majoranaAssumption))\n"
            }
        }
        if withMap { s += "\n" + map }
        return s
    }

    /// The rows as CSV with a comment line.
    public var csv: String {
        var s = "# SU(2)_H region: |ffprime| with |mu_nu| in [\(muLoMuB), \(muHiMuB)] muB, sin2alpha = \(sin2alpha)\n"
        s += "m_h_plus_GeV,m_H_plus_GeV,mu_per_ffprime_muB,ffprime_min,ffprime_max,perturbative\n"
        for r in rows {
            s += [TextFormat.g(r.lightScalarGeV, 6), TextFormat.g(r.heavyScalarGeV, 6), TextFormat.g(r.muPerYukawaBohr, 6),
                  r.yukawaProductMin.map { TextFormat.g($0, 6) } ?? "", r.yukawaProductMax.map { TextFormat.g($0, 6) } ?? "",
                  r.perturbative ? "1" : "0"].joined(separator: ",") + "\n"
        }
        return s
    }

    /// A text heat map: rows m_H⁺ (largest on top), columns m_h⁺, cells log10 |f f′|_min
    /// (log10 |f f′|_max for an upper limit, μ_lo = 0); "·" no solution (m_h = m_H), "*"
    /// marks non-perturbative cells.
    public var map: String {
        let upper = muLoMuB == 0
        let hs = Array(Set(rows.map(\.lightScalarGeV))).sorted()
        let Hs = Array(Set(rows.map(\.heavyScalarGeV))).sorted(by: >)
        var cell = [String: HorizontalSymmetryModel.RegionRow]()
        for r in rows { cell["\(r.lightScalarGeV)|\(r.heavyScalarGeV)"] = r }
        let header = ["m_H⁺ \\ m_h⁺"] + hs.map { TextFormat.g($0, 4) }
        let body = Hs.map { H in
            [TextFormat.g(H, 4)] + hs.map { h -> String in
                guard let r = cell["\(h)|\(H)"], let ff = upper ? r.yukawaProductMax : r.yukawaProductMin else { return "·" }
                return TextFormat.f(log10(ff), 1) + (r.perturbative ? " " : "*")
            }
        }
        let what = upper ? "log10 |f f′|_max (largest |f f′| below the limit)" : "log10 |f f′|_min (smallest |f f′| reaching μ_lo)"
        return "\(what); masses in GeV; · no solution (m_h = m_H), * non-perturbative |f f′| > 4π\n" + TextFormat.table(header, body)
    }
}
