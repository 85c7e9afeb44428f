import Foundation

/// A constraint a theorist checks first that the SU(2)_H joint view does not apply: its
/// measured limit where one was read (with the sentence and the address read), and the model
/// text that applying it needs (``MissingText``).
///
/// The limits read:
/// - μ → eγ: MEG II, "New limit on the μ⁺ → e⁺γ decay with the MEG II experiment",
///   arXiv:2504.15711, abstract (read at arxiver.lazybrains.com/author/550876 and
///   arxivlens.com): "yielding an upper limit on the branching ratio of B(μ+->e+γ) < 1.5 x 10-13
///   (90 % C.L.)".
/// - τ → μγ and τ → eγ: Belle, "Search for lepton-flavor-violating tau-lepton decays to ℓγ at
///   Belle", JHEP 10 (2021) 019 [arXiv:2103.12994], abstract (read at
///   link.springer.com/article/10.1007/JHEP10(2021)019): "B(τ± → μ±γ) ≤ 4.2 × 10⁻⁸ and
///   B(τ± → e±γ) ≤ 5.6 × 10⁻⁸, are set at 90% confidence level".
/// - LHC searches for the model's scalars: no number, because which search applies depends on the
///   model's decay channels (``MissingText/su2hNeutralScalarCollider``,
///   ``MissingText/su2hChargedScalarLHC``).
public struct UnappliedConstraint: Codable, Sendable, Equatable {
    /// The process or search.
    public var constraint: String
    /// The measured limit as published, nil when none was read.
    public var limit: String?
    /// The limit's number (a branching ratio, dimensionless), nil when none was read.
    public var limitValue: Double?
    /// Confidence level of the limit (fraction).
    public var cl: Double?
    /// Where the limit was read.
    public var limitSource: String?
    /// What applying it to the model needs.
    public var missing: MissingText

    enum CodingKeys: String, CodingKey {
        case constraint, limit, cl, missing, limitValue = "limit_value", limitSource = "limit_source"
    }

    public init(constraint: String, limit: String?, limitValue: Double?, cl: Double?, limitSource: String?, missing: MissingText) {
        self.constraint = constraint
        self.limit = limit
        self.limitValue = limitValue
        self.cl = cl
        self.limitSource = limitSource
        self.missing = missing
    }

    /// MEG II's limit on μ⁺ → e⁺γ, not applied.
    public static let muToEGamma = UnappliedConstraint(
        constraint: "mu -> e gamma", limit: "B(mu+ -> e+ gamma) < 1.5e-13 (90% C.L.)", limitValue: 1.5e-13, cl: 0.9,
        limitSource: "MEG II, arXiv:2504.15711, abstract (arxiver.lazybrains.com/author/550876; arxivlens.com): \"upper limit on the branching ratio of B(mu+->e+gamma) < 1.5 x 10-13 (90 % C.L.)\"",
        missing: .su2hRadiativeDecayRates)

    /// Belle's limit on τ → μγ, not applied.
    public static let tauToMuGamma = UnappliedConstraint(
        constraint: "tau -> mu gamma", limit: "B(tau -> mu gamma) <= 4.2e-8 (90% C.L.)", limitValue: 4.2e-8, cl: 0.9,
        limitSource: "Belle, JHEP 10 (2021) 019 [arXiv:2103.12994], abstract (link.springer.com/article/10.1007/JHEP10(2021)019): \"B(tau -> mu gamma) <= 4.2 x 10^-8 ... at 90% confidence level\"",
        missing: .su2hRadiativeDecayRates)

    /// Belle's limit on τ → eγ, not applied.
    public static let tauToEGamma = UnappliedConstraint(
        constraint: "tau -> e gamma", limit: "B(tau -> e gamma) <= 5.6e-8 (90% C.L.)", limitValue: 5.6e-8, cl: 0.9,
        limitSource: "Belle, JHEP 10 (2021) 019 [arXiv:2103.12994], abstract (link.springer.com/article/10.1007/JHEP10(2021)019): \"B(tau -> e gamma) <= 5.6 x 10^-8 ... at 90% confidence level\"",
        missing: .su2hRadiativeDecayRates)

    /// LHC searches for H and A, not applied (no number).
    public static let neutralScalarsLHC = UnappliedConstraint(
        constraint: "LHC searches for the neutral scalars H, A", limit: nil, limitValue: nil, cl: nil, limitSource: nil,
        missing: .su2hNeutralScalarCollider)

    /// LHC searches for h⁺ and H⁺, not applied (no number; LEP's bound is applied instead).
    public static let chargedScalarsLHC = UnappliedConstraint(
        constraint: "LHC searches for the charged scalars h+, H+", limit: nil, limitValue: nil, cl: nil, limitSource: nil,
        missing: .su2hChargedScalarLHC)

    /// Every constraint the SU(2)_H joint view leaves out, in the order printed.
    public static let su2h: [UnappliedConstraint] = [muToEGamma, tauToMuGamma, tauToEGamma, neutralScalarsLHC, chargedScalarsLHC]

    /// One short line: the constraint and its limit with a short citation, when read.
    public var shortLine: String {
        "\(constraint): " + (limit.map { "\($0) [\(limitSource?.components(separatedBy: ", abstract").first ?? "")]" } ?? "no limit built in")
    }

    /// One line: the constraint, its limit and source when read, and what is missing.
    public var line: String {
        "\(constraint): " + (limit.map { "\($0), \(limitSource ?? "")" } ?? "no limit built in")
            + "; not applied, missing: \(missing.missing) (\(missing.source))"
    }
}
