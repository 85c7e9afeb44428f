import Analysis
import Detector
import Formats
import Foundation

/// The text of `nmmfit datasets` (the list) and `nmmfit datasets show NAME` (one dataset's
/// provenance and every assumption, with its source).
public enum DatasetText {
    /// The list: a table, the references, and what to run next.
    public static func render(_ list: DatasetList) -> String {
        let rows = list.datasets
        var o = "datasets in \(list.dataDirectory):\n"
        o += Format.table(["name", "experiment", "exposure [t·y]", "default window [keV]", "provenance"], rows.map {
            [$0.name, $0.experiment, Format.g($0.exposureTonneYear, 4), "\(Format.g($0.defaultWindowKeV[0]))–\(Format.g($0.defaultWindowKeV[1]))",
             $0.provenance == "digitised" ? "DIGITISED (not official)" : "official"]
        })
        o += "\nreferences:\n"
        for r in rows { o += "  \(r.name): \(r.reference)\n" }
        if !list.skippedFolders.isEmpty {
            o += "\nleft out (a dataset spec in a folder whose name cannot name a dataset; rename the folder):\n"
            for f in list.skippedFolders { o += "  \(TextInput.displaySafe(f.name)): \(f.reason)\n" }
        }
        o += "\n`nmmfit datasets show NAME` prints a dataset's assumptions; `--dataset all` fits them all.\n"
        return o
    }

    /// One dataset: provenance, reference, every key with its source, the assumptions.
    public static func render(_ s: DatasetSpec, file: URL) -> String {
        let digitised = s.isDigitised
        var o = "\(s.name): \(s.title)\n"
        o += "spec:        \(file.path)\n"
        o += "provenance:  \(digitised ? "DIGITISED from published figures — not an official release" : "official release")\n"
        o += "reference:   \(s.reference)\n"
        if let n = s.notes { o += "notes:       \(n)\n" }
        o += "\n"
        var rows: [[String]] = [
            ["exposure_tonne_year", Format.g(s.exposureTonneYear, 6) + " t·y", s.exposureSource ?? "—"],
            ["resolution (σ = a√E + bE, keV)", "a = \(Format.g(s.resolution.a)), b = \(Format.g(s.resolution.b))", s.resolution.source],
            ["efficiency.energy", s.efficiency.energy.rawValue, s.efficiency.source],
            ["efficiency.energy_scale", Format.g(s.efficiency.energyScale ?? 1), "1 = as tabulated"],
            ["efficiency.relative_constraint", s.efficiency.relativeConstraint.map { Format.g($0) } ?? "none", ""],
            ["observed", "\(s.observed.file) (\(s.observed.kind.rawValue)\(s.observed.allowNonInteger == true ? ", non-integer allowed" : ""))", ""],
            ["default_window_keV", "\(Format.g(s.defaultWindowKeV[0]))–\(Format.g(s.defaultWindowKeV[1]))", ""],
        ]
        for b in s.backgrounds {
            let c = b.constraint.type == .gaussian ? "gaussian \(Format.g(b.constraint.relativeSigma ?? 0))" : b.constraint.type.rawValue
            rows.append(["backgrounds.\(b.name)", "constraint \(c); includes_solar_weak \(b.includesSolarWeak.map { "\($0)" } ?? "?")\(b.enabledByDefault == false ? "; off by default" : "")", b.source ?? "—"])
        }
        o += rows.map { r in "\(r[0]): \(r[1])" + (r[2].isEmpty ? "" : "\n    source: \(r[2])") }.joined(separator: "\n") + "\n"
        if let a = s.assumptions, !a.isEmpty {
            o += "\nassumptions (not stated by the source):\n" + a.map { "  - \($0)\n" }.joined()
        }
        o += "\nchange any key for one run with --set \(s.name).KEY=VALUE (e.g. --set \(s.name).resolution.a=0.35,"
        o += " --set \(s.name).backgrounds.\(s.backgrounds.first?.name ?? "NAME").constraint.type=free), or edit \(file.lastPathComponent); format: docs/datasets.md\n"
        return o
    }
}
