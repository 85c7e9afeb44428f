import Analysis
import Detector
import Formats
import Foundation
import Likelihood

extension HEPDataRecord {
    /// Points of the exported profile-likelihood scan when none is asked for.
    public static let defaultScanPoints = 41

    /// Fits the data (as `nmmfit fit`, without compatibility toys) — the datasets of `config`, or
    /// the model `specModel` read from a spec file — scans the profile likelihood on `scanPoints`
    /// points from 0 to 2.2 × the interval's upper end (and at least 1.5 × the best fit), and
    /// makes the HEPData submission of the limits, the scan and the spectra.
    public static func fitSubmission(config: AnalysisConfig?, specModel: BinnedModel?, cl: Double, method: AsymptoticInterval.Method,
                                     scanPoints: Int?, command: String, dataDirectory: String?) throws -> HEPDataSubmission {
        try fitSubmission(config: config, specModel: specModel, cl: cl, method: method, scanPoints: scanPoints, command: command,
                          provenance: nil, dataDirectory: dataDirectory)
    }

    /// As ``fitSubmission(config:specModel:cl:method:scanPoints:command:dataDirectory:)``, the
    /// submission carrying `provenance` (the build, command line, data digests, seed and spec
    /// changes of the run) in its comment and its ``provenanceFile``.
    public static func fitSubmission(config: AnalysisConfig?, specModel: BinnedModel?, cl: Double, method: AsymptoticInterval.Method,
                                     scanPoints: Int?, provenance: RunProvenance, dataDirectory: String?) throws -> HEPDataSubmission {
        try fitSubmission(config: config, specModel: specModel, cl: cl, method: method, scanPoints: scanPoints, command: provenance.command,
                          provenance: provenance, dataDirectory: dataDirectory)
    }

    static func fitSubmission(config: AnalysisConfig?, specModel: BinnedModel?, cl: Double, method: AsymptoticInterval.Method,
                              scanPoints: Int?, command: String, provenance: RunProvenance?, dataDirectory: String?) throws -> HEPDataSubmission {
        let report: FitReport, profile: ProfileLikelihood
        if let specModel {
            profile = try ProfileLikelihood(model: specModel)
            var r = try FitReport.make(profile: profile, cl: cl, method: method)
            r.expectedLimit = try Sensitivity.run(model: profile.model, cl: cl, method: method, toys: 0).asimovMedian
            report = r
        } else if let config {
            let a = try config.analyse(cl: cl, method: method, compatibilityToys: .none)
            (report, profile) = (a.report, a.profile)
        } else {
            throw InputError("a HEPData export needs datasets or a model spec")
        }
        let n = scanPoints ?? defaultScanPoints
        try ResourceLimit.gridPoints.check(n, option: "scan_points")
        let upper = Swift.max(2.2 * report.interval[1], 1.5 * report.muNuBest)
        let points = try profile.scan((0..<n).map { upper * Double($0) / Double(Swift.max(n - 1, 1)) })
        let names = (try? DataLocator.dataDirectory(explicit: dataDirectory)).map { DatasetDisplayNames.load(ids: report.datasets, dataDirectory: $0) } ?? [:]
        let label = report.datasets.map { names[$0] ?? $0 }.joined(separator: " + ")
        let scans = [Scan(label: label, points: points)]
        if let provenance { return try submission(report: report, scans: scans, provenance: provenance, displayNames: names) }
        return submission(report: report, scans: scans, command: command, displayNames: names)
    }
}
