import Analysis
import Formats
import Foundation
import Likelihood

/// A fit's results as a HEPData submission (``HEPDataSubmission``): one table of the limits
/// (observed interval, median expected limit, best fit with its 68.27 % profile errors — the
/// whole fit and, for a combination, each dataset on its own), one table per profile-likelihood
/// scan (−2Δln L against μν) and one table per channel with the observed counts (central
/// 68.27 % Poisson errors, ``PoissonErrors``) and every fitted component at the best fit, the
/// best-fit total and the background-only total. μν is in units of 10⁻¹¹ μB; counts are events
/// per bin; energies are keV.
public enum HEPDataRecord {
    /// A profile-likelihood scan of one model, labelled by its datasets.
    public struct Scan: Sendable {
        public var label: String
        public var points: [ProfileLikelihood.ScanPoint]
        public init(label: String, points: [ProfileLikelihood.ScanPoint]) {
            self.label = label
            self.points = points
        }
    }

    /// The unit of μν in the tables.
    public static let muNuUnit = "10^-11 MU(B)"
    static let muScale = 1e-11

    /// The submission of a fit report and its scans. `command` is recorded in the comment.
    public static func submission(report r: FitReport, scans: [Scan], command: String, displayNames: [String: String] = [:]) -> HEPDataSubmission {
        submission(report: r, scans: scans, command: command, provenance: nil, displayNames: displayNames)
    }

    /// The name of the submission's provenance file (an additional resource of the record).
    public static let provenanceFile = "provenance.json"

    /// The submission of a fit report and its scans, with the provenance of the run that made
    /// it: the record's comment says which build (version, commit) made the tables with which
    /// command line from which data files (their SHA-256), the seed and the dataset-spec changes
    /// where they apply; the same as JSON in ``provenanceFile`` (``ProvenanceFile``: the keys of
    /// every `--json` output), listed as the record's additional resource.
    public static func submission(report r: FitReport, scans: [Scan], provenance: RunProvenance, displayNames: [String: String] = [:]) throws -> HEPDataSubmission {
        var s = submission(report: r, scans: scans, command: provenance.command, provenance: provenance, displayNames: displayNames)
        let file = ProvenanceFile(tables: s.tables.map(\.dataFile))
        s.resources = [.init(location: provenanceFile,
                             description: "How these tables were made (JSON): the nmmfit build (tool_version, commit), the full command line (command), the SHA-256 of every data file read (data_digests, keyed by the path relative to nmmfit's data folder), and where they apply the toys' seed, the dataset-spec changes (spec_overrides) and the datasets digitised from published figures (digitised_datasets).",
                             text: String(decoding: try ResultEncoder.encode(ResultDocument(file, provenance: provenance)), as: UTF8.self) + "\n")]
        return s
    }

    /// The JSON of ``provenanceFile``: the submission's tables (their data files) with the run's
    /// provenance at the top level (``Formats/ResultDocument``).
    public struct ProvenanceFile: Encodable, Sendable {
        /// The data files of the submission's tables.
        public var tables: [String]
        /// What the file describes.
        public var submission = HEPDataSubmission.submissionFile
    }

    static func submission(report r: FitReport, scans: [Scan], command: String, provenance: RunProvenance?, displayNames: [String: String]) -> HEPDataSubmission {
        func shown(_ id: String) -> String { displayNames[id] ?? id }
        let cl = MuNuText.percent(r.cl)
        var comment = "Neutrino magnetic moment from electron-recoil data, fitted with nmmfit (\(r.datasets.map(shown).joined(separator: " + "))). "
        comment += "Intervals at \(cl) CL (\(r.intervalMethod)); the expected limit is the median from the Asimov background-only data set. "
        comment += "mu_nu in units of 10^-11 Bohr magnetons." + (provenance == nil ? " Produced by: \(command)" : "")
        if let d = r.digitisedDatasets, !d.isEmpty { comment += ". Digitised from published figures (not official releases): \(d.map(shown).joined(separator: ", "))" }
        if let provenance { comment += "\n" + provenanceText(provenance) }
        var tables = [limits(r, cl: cl, shown: shown)]
        for (k, s) in scans.enumerated() { tables.append(scan(s, index: k, count: scans.count, shown: shown)) }
        for (k, c) in r.channels.enumerated() { tables.append(spectrum(c, index: k, shown: shown)) }
        return HEPDataSubmission(comment: comment, tables: tables)
    }

    /// The provenance in the record's comment: one line per field
    /// (``Formats/RunProvenance/textFields``; data digests as `sha256sum` prints them).
    static func provenanceText(_ p: RunProvenance) -> String {
        var s = "Provenance (the same as JSON in \(provenanceFile)):"
        for f in p.textFields { s += "\n\(f.name): \(f.value)" }
        return s
    }

    static func limits(_ r: FitReport, cl: String, shown: (String) -> String) -> HEPDataSubmission.Table {
        struct Row { var label: String; var lower, upper: Double; var expected: Double?; var best: Double; var errLow, errHigh: Double? }
        var rows = [Row(label: r.datasets.map(shown).joined(separator: " + "), lower: r.interval[0], upper: r.interval[1],
                        expected: r.expectedLimit, best: r.muNuBest, errLow: r.muNuErrorLow, errHigh: r.muNuErrorHigh)]
        for d in r.perDataset ?? [] {
            rows.append(Row(label: "\(shown(d.name)) alone", lower: d.interval[0], upper: d.interval[1], expected: d.expectedLimit,
                            best: d.muNuBest, errLow: nil, errHigh: nil))
        }
        let q: [(name: String, value: String, units: String?)] = [("CL", cl, nil), ("Interval construction", r.intervalMethod, nil)]
        let mu = { (x: Double) in x / muScale }
        return HEPDataSubmission.Table(
            name: "Limits on the neutrino magnetic moment",
            description: "Observed \(cl) CL interval on mu_nu (lower end 0: an upper limit), median expected upper limit (Asimov background-only data set) and best fit with its 68.27 % profile-likelihood errors; the first row is the whole fit\(rows.count > 1 ? ", the others each dataset fitted on its own" : "").",
            keywords: [("observables", ["MU_NU"]), ("phrases", ["Neutrino magnetic moment", "Solar neutrinos", "Electron recoil", "Upper limit"])],
            dataFile: "limits.yaml",
            independent: [.init(.init("Data set"), .labels(rows.map(\.label)))],
            dependent: [
                .init(.init("$\\mu_\\nu$ interval, lower end (observed)", units: muNuUnit), qualifiers: q, values: rows.map { mu($0.lower) }),
                .init(.init("$\\mu_\\nu$ interval, upper end (observed)", units: muNuUnit), qualifiers: q, values: rows.map { mu($0.upper) }),
                .init(.init("$\\mu_\\nu$ upper limit (expected, median)", units: muNuUnit), qualifiers: q, values: rows.map { $0.expected.map(mu) }),
                .init(.init("$\\mu_\\nu$ best fit", units: muNuUnit), values: rows.map { mu($0.best) },
                      errors: rows.map { r in r.errLow.map { .init(plus: mu(r.errHigh ?? 0), minus: -mu($0), label: "68.27 % profile likelihood") } }),
            ])
    }

    static func scan(_ s: Scan, index: Int, count: Int, shown: (String) -> String) -> HEPDataSubmission.Table {
        HEPDataSubmission.Table(
            name: count == 1 ? "Profile likelihood scan" : "Profile likelihood scan \(index + 1)",
            description: "Profile-likelihood ratio -2 Delta ln L as a function of mu_nu (all nuisance parameters profiled), \(s.label).",
            keywords: [("observables", ["-2DLNL"]), ("phrases", ["Neutrino magnetic moment", "Profile likelihood"])],
            dataFile: count == 1 ? "scan.yaml" : "scan_\(index + 1).yaml",
            independent: [.init(.init("$\\mu_\\nu$", units: muNuUnit), .points(s.points.map { $0.muNu / muScale }))],
            dependent: [.init(.init("$-2\\Delta\\ln L$"), qualifiers: [("Data set", s.label, nil)], values: s.points.map(\.deltaTwoNLL))])
    }

    static func spectrum(_ c: FitReport.Channel, index: Int, shown: (String) -> String) -> HEPDataSubmission.Table {
        let lo = Array(c.binEdgesKeV.dropLast()), hi = Array(c.binEdgesKeV.dropFirst())
        let q: [(name: String, value: String, units: String?)] = [("Data set", shown(c.name), nil)]
        var dep: [HEPDataSubmission.Dependent] = [
            .init(.init("Observed events", units: "events"), qualifiers: q, values: c.observed,
                  errors: c.observed.map { n in let b = PoissonErrors.bars(n); return .init(plus: b.high, minus: -b.low, label: "stat (Poisson 68.27 %)") }),
        ]
        for name in c.bestFit.keys.sorted() {
            dep.append(.init(.init("Fitted \(name)", units: "events"), qualifiers: q, values: c.bestFit[name]!))
        }
        dep.append(.init(.init("Fitted total", units: "events"), qualifiers: q, values: c.totalBestFit))
        dep.append(.init(.init("Background-only total", units: "events"), qualifiers: q, values: c.totalBackgroundOnly))
        return HEPDataSubmission.Table(
            name: String("Spectrum \(shown(c.name))".prefix(64)),
            description: "Observed events per recoil-energy bin of \(shown(c.name)) with the fitted components at the best fit (mu_nu free), their total, and the total of the background-only fit (mu_nu = 0).",
            keywords: [("observables", ["N"]), ("phrases", ["Electron recoil", "Energy spectrum"])],
            dataFile: "spectrum_\(index + 1)_\(fileSafe(c.name)).yaml",
            independent: [.init(.init("Recoil energy", units: "keV"), .bins(low: lo, high: hi))],
            dependent: dep)
    }

    /// Letters, digits, `_` and `-` of a name; the rest as `_`.
    static func fileSafe(_ s: String) -> String {
        String(s.map { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") ? $0 : "_" })
    }
}
