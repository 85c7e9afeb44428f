import Detector
import Formats
import Foundation

/// The energy window of one dataset of a combination (`NAME=LO:HI`, keV).
public struct DatasetWindow: Sendable, Equatable {
    public var dataset: String
    /// Window in keV.
    public var lowerKeV: Double
    public var upperKeV: Double

    public init(dataset: String, lowerKeV: Double, upperKeV: Double) {
        self.dataset = dataset
        self.lowerKeV = lowerKeV
        self.upperKeV = upperKeV
    }

    /// Parses `NAME=LO:HI` (keV).
    /// - Throws: ``InputError`` (field `window`) with the expected form.
    public init(parsing text: String) throws {
        let parts = text.split(separator: "=", maxSplits: 1).map(String.init)
        let range = parts.count == 2 ? parts[1].split(separator: ":", omittingEmptySubsequences: false).map { Double($0) } : []
        guard parts.count == 2, !parts[0].isEmpty, range.count == 2, let lo = range[0], let hi = range[1] else {
            throw InputError(field: "window", "'\(text)' is not NAME=LO:HI in keV (e.g. lz_ws2024=1.5:15)")
        }
        guard lo.isFinite, hi.isFinite, lo > 0, hi > lo else {
            throw InputError(field: "window", "'\(text)': the window must satisfy 0 < LO < HI (keV)")
        }
        self.init(dataset: parts[0], lowerKeV: lo, upperKeV: hi)
    }

    /// The channels of a fit: one per dataset name, with its own window if given (else
    /// `emin`/`emax`, else the dataset's default) and its spec overrides.
    /// - Throws: ``InputError`` when a window or override names a dataset that is not fitted,
    ///   or a dataset has two windows.
    public static func channels(names: [String], windows: [DatasetWindow], overrides: [DatasetSpec.Override],
                                emin: Double?, emax: Double?, binWidthKeV: Double?) throws -> [AnalysisConfig.Channel] {
        for w in windows where !names.contains(w.dataset) {
            throw InputError(field: "window", "\(term: .window) names '\(w.dataset)', which is not among the fitted datasets (\(names.joined(separator: ", ")))")
        }
        for o in overrides where !names.contains(o.dataset) {
            throw InputError(field: "set", "\(term: .datasetOverride) names '\(o.dataset)', which is not among the fitted datasets (\(names.joined(separator: ", ")))")
        }
        return try names.map { n in
            let ws = windows.filter { $0.dataset == n }
            guard ws.count <= 1 else { throw InputError(field: "window", "dataset '\(n)' has \(ws.count) windows; give one") }
            return AnalysisConfig.Channel(dataset: n, emin: ws.first?.lowerKeV ?? emin, emax: ws.first?.upperKeV ?? emax,
                                          binWidthKeV: binWidthKeV, overrides: overrides.filter { $0.dataset == n })
        }
    }
}
