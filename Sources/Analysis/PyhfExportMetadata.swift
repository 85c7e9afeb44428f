import Formats
import Foundation
import Likelihood

/// What a pyhf workspace written by ``PyhfExport`` means in physics terms: its parameter of
/// interest and how a limit pyhf computes on it relates to nmmfit's μν interval. pyhf's
/// workspace schema (1.0.0) admits no extra keys, so this travels beside the workspace (the
/// `nmmfit export` tool writes it to `FILE.metadata.json` and prints it).
///
/// - The POI `mu_nu_squared` is s = (μν/μ_ref)², i.e. μν² in units of μ_ref² (μ_ref =
///   ``ModelSpec/muNuReferenceMuB``, 10⁻¹¹ μB by default: units of 10⁻²² μB²). The signal rate is
///   linear in s, so pyhf's POI is nmmfit's internal one; μν = μ_ref √s for s ≥ 0.
/// - pyhf's `pyhf.infer.intervals.upper_limits.upper_limit` inverts CLs = CL_{s+b}/CL_b (Junk, NIM A434
///   (1999) 435; Read, J. Phys. G 28 (2002) 2693) with the test statistic q̃_μ (`qtilde`,
///   Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554, Eq. 16), at 95 % CL unless `level` is
///   changed (its default `level=0.05`). Because μν ↦ μν² is monotonic on μν ≥ 0, a limit s_up
///   on the POI is the limit μ_ref √s_up on μν.
/// - It is not nmmfit's interval: nmmfit's default (`asymptotic-unified`) is the large-sample
///   Feldman–Cousins construction on the profile-likelihood ratio t̃ (CCGV 2011, Eq. 47) — an
///   upper limit when the data show no excess, two-sided when they do — at 90 % CL by default.
///   CLs is one-sided and, dividing by CL_b ≤ 1, lies above the one-sided CL_{s+b} limit at the
///   same CL; away from the boundary a unified upper end at CL is close to a one-sided limit at
///   (1 + CL)/2 (Gaussian case), so neither number bounds the other in general.
public struct PyhfExportMetadata: Codable, Sendable {
    public var nmmfitOutput = OutputVersion.current
    /// The workspace file this describes (nil: written to stdout).
    public var workspace: String?
    /// pyhf's name of the POI (``PyhfExport/poiName``).
    public var poi: String
    public var poiDefinition: String
    /// μ_ref (μB).
    public var muReferenceMuB: Double
    /// The unit of the POI, μ_ref², in μB².
    public var poiUnitMuB2: Double
    public var poiToMuNu: String
    public var pyhfLimit: String
    public var relationToNmmfitInterval: String

    enum CodingKeys: String, CodingKey {
        case nmmfitOutput = "nmmfit_output", workspace, poi
        case poiDefinition = "poi_definition", muReferenceMuB = "mu_ref_muB", poiUnitMuB2 = "poi_unit_muB2"
        case poiToMuNu = "poi_to_mu_nu", pyhfLimit = "pyhf_cls_limit", relationToNmmfitInterval = "relation_to_nmmfit_interval"
    }

    /// The metadata of the workspace exported from `spec`.
    public init(spec: ModelSpec, workspace: String?) {
        let ref = spec.muNuReferenceMuB
        self.workspace = workspace
        poi = PyhfExport.poiName
        muReferenceMuB = ref
        poiUnitMuB2 = Double(String(format: "%.12g", ref * ref)) ?? ref * ref
        poiDefinition = "\(PyhfExport.poiName) = (mu_nu / mu_ref)^2 with mu_ref = \(Self.g(ref)) muB: the squared neutrino magnetic moment mu_nu^2 in units of \(Self.g(ref * ref)) muB^2; the signal rate is linear in it"
        poiToMuNu = "mu_nu = \(Self.g(ref)) muB * sqrt(\(PyhfExport.poiName)); an upper limit s_up on \(PyhfExport.poiName) is the upper limit \(Self.g(ref)) muB * sqrt(s_up) on mu_nu"
        pyhfLimit = "pyhf.infer.intervals.upper_limits.upper_limit inverts CLs = CL_s+b / CL_b (Junk, NIM A434 (1999) 435; Read, J. Phys. G 28 (2002) 2693) with the test statistic qtilde_mu (Cowan, Cranmer, Gross, Vitells, EPJC 71 (2011) 1554), at 95 % CL by default (level=0.05)"
        relationToNmmfitInterval = "a different construction, so the numbers differ: nmmfit's default interval (asymptotic-unified) is the large-sample Feldman-Cousins interval on the profile-likelihood ratio (Cowan et al. 2011, Eq. 47), at 90 % CL by default, an upper limit without an excess and two-sided with one; pyhf's CLs limit is one-sided and divides CL_s+b by CL_b <= 1, which puts it above the one-sided CL_s+b limit at the same CL (over-coverage where the sensitivity is low). Away from the boundary a unified interval's upper end at CL is close to a one-sided limit at (1 + CL)/2, so neither number bounds the other in general: compare pyhf at level = 1 - CL with nmmfit at the same CL, converting with mu_nu = mu_ref sqrt(mu_nu_squared)"
    }

    /// Lines for a terminal.
    public var text: String {
        "POI \(poi): \(poiDefinition)\n  \(poiToMuNu)\n  pyhf's limit: \(pyhfLimit)\n  relation to nmmfit: \(relationToNmmfitInterval)\n"
    }

    static func g(_ x: Double) -> String { String(format: "%g", x) }
}
