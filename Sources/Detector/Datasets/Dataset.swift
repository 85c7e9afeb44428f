import Formats
import Foundation
import GSL

/// A background component loaded from a dataset, ready to be binned.
public struct BackgroundComponent: Sendable {
    /// The spec entry.
    public var spec: DatasetSpec.Background
    /// Source bins (reconstructed energy).
    public var bins: EnergyBins
    /// Counts per source bin (for `binned`) or rate in events/(t·y·keV) (for `rate`).
    public var values: [Double]
}

/// Observed data and backgrounds in analysis bins over an energy window.
public struct BinnedData: Sendable {
    /// Dataset name.
    public var name: String
    /// Analysis bins (reconstructed energy, keV).
    public var bins: EnergyBins
    /// Observed counts per bin.
    public var observed: [Double]
    /// Expected background counts per bin, with each component's spec.
    public var backgrounds: [(spec: DatasetSpec.Background, counts: [Double])]
}

/// A dataset loaded from its spec: data, backgrounds and detector.
public struct Dataset: Sendable {
    /// The validated spec.
    public let spec: DatasetSpec
    /// The folder holding the spec and its files.
    public let directory: URL
    /// The detector response.
    public let detector: Detector
    /// Observed data: binned counts or event energies.
    public let observed: Observed
    /// Background components.
    public let backgrounds: [BackgroundComponent]

    public enum Observed: Sendable {
        case binned(EnergyBins, [Double])
        case events([Double])
    }

    /// The spec file names a dataset folder may hold (exactly one of them).
    public static let specFileNames = ["dataset.json", "dataset.yaml", "dataset.yml"]

    /// The spec file of a dataset folder (`dataset.json`, `.yaml` or `.yml`), if there is one.
    /// - Throws: ``InputError`` naming both files when the folder holds two specs (they may
    ///   differ, and neither can be chosen silently).
    public static func specFile(in directory: URL) throws -> URL? {
        let found = specFileNames.map { directory.appendingPathComponent($0) }
            .filter { FileManager.default.fileExists(atPath: $0.path) }
        if found.count > 1 {
            throw InputError(file: directory.path,
                             "the folder holds two dataset specs, \(found[0].lastPathComponent) and \(found[1].lastPathComponent); keep one")
        }
        return found.first
    }

    /// Loads `dataset.json` (or `.yaml`) from a folder, applies command-line `overrides` to the
    /// spec, and loads every file it names.
    public static func load(directory: URL, overrides: [DatasetSpec.Override] = []) throws -> Dataset {
        guard let specURL = try specFile(in: directory) else {
            throw InputError(file: directory.path, "no dataset.json or dataset.yaml in this folder")
        }
        let spec = try DatasetSpec.load(from: specURL).applying(overrides, file: specURL.path)
        return try load(spec: spec, directory: directory)
    }

    /// Loads the files a validated spec names, relative to `directory`.
    public static func load(spec: DatasetSpec, directory: URL) throws -> Dataset {
        // CSV, or a HEPData YAML table (.yaml/.yml) with the same column names
        func table(_ name: String) throws -> CSVTable { try CSVTable.load(from: directory.appendingPathComponent(name)) }

        // Efficiency
        let e = spec.efficiency
        let et = try table(e.file)
        let eCol = e.energyColumn ?? "energy_keV"
        try et.requireIncreasing(eCol)
        var ex = try et.column(eCol), ey = try et.column(e.valueColumn)
        guard ex.count >= 2 else {
            throw InputError(file: et.file, line: et.lines.first, field: eCol, "the efficiency table has \(ex.count) row; it needs at least 2 to be interpolated")
        }
        guard ey.contains(where: { $0 > 0 }) else {
            throw InputError(file: et.file, field: e.valueColumn, "the efficiency is zero at every energy: no signal or background can be seen")
        }
        var up = try e.sigmaUpColumn.map { try et.column($0) }
        var dn = try e.sigmaDownColumn.map { try et.column($0) }
        for (i, v) in ey.enumerated() where v < 0 || v > 1 {
            throw InputError(file: et.file, line: et.lines[i], field: e.valueColumn, "efficiency \(v) is outside [0, 1]")
        }
        for (col, values) in [(e.sigmaUpColumn, up), (e.sigmaDownColumn, dn)] {
            guard let col, let values else { continue }
            for (i, v) in values.enumerated() where v < 0 {
                throw InputError(file: et.file, line: et.lines[i], field: col, "efficiency uncertainty \(v) must be ≥ 0 (absolute ±1σ)")
            }
        }
        if let k = e.energyScale, k != 1 { ex = ex.map { $0 * k } }
        if let to = e.extendToKeV, to > ex[ex.count - 1] {
            ex.append(to)
            ey.append(ey[ey.count - 1])
            if let u = up?.last { up?.append(u) }
            if let d = dn?.last { dn?.append(d) }
        }
        let efficiency = Efficiency(
            energy: e.energy, central: try Interpolator(xs: ex, ys: ey),
            sigmaUp: try up.map { try Interpolator(xs: ex, ys: $0) },
            sigmaDown: try dn.map { try Interpolator(xs: ex, ys: $0) })
        let detector = Detector(
            exposureTonneYear: spec.exposureTonneYear,
            resolution: EnergyResolution(a: spec.resolution.a, b: spec.resolution.b), efficiency: efficiency)

        // Observed
        let ot = try table(spec.observed.file)
        let observed: Observed
        switch spec.observed.kind {
        case .events:
            try ot.requireNonNegative(spec.observed.column)
            observed = .events(try ot.column(spec.observed.column))
        case .binned, .rate:
            do {
                try ot.requireNonNegative(spec.observed.column, integer: !(spec.observed.allowNonInteger ?? false))
            } catch var error as InputError where error.message.contains("whole number") {
                error.message += "; if these counts were digitised from a figure, set \"allow_non_integer\": true under \"observed\" in the dataset spec (the Poisson likelihood then uses them as they are), or round them in the file"
                throw error
            }
            try ot.requireAtMost(spec.observed.column, ResourceLimit.maxCount)
            observed = .binned(try bins(of: ot), try ot.column(spec.observed.column))
        }

        // Backgrounds
        let backgrounds = try spec.backgrounds.map { b -> BackgroundComponent in
            let t = try table(b.file)
            try t.requireNonNegative(b.column)
            try t.requireAtMost(b.column, ResourceLimit.maxCount)
            guard try t.column(b.column).contains(where: { $0 > 0 }) else {
                throw InputError(file: t.file, field: b.column, "background '\(b.name)' is zero in every bin; a background must predict some events")
            }
            return BackgroundComponent(spec: b, bins: try bins(of: t), values: try t.column(b.column))
        }
        return Dataset(spec: spec, directory: directory, detector: detector, observed: observed, backgrounds: backgrounds)
    }

    private static func bins(of t: CSVTable) throws -> EnergyBins {
        try EnergyBins(lowerEdges: try t.column("E_lo_keV"), upperEdges: try t.column("E_hi_keV"), file: t.file, lines: t.lines)
    }

    /// The data in a window [emin, emax] keV. Binned data keep their own bins (the window must
    /// fall on bin edges); event data are binned in `binWidthKeV` (default: the spec's).
    /// - Throws: ``InputError`` when the window is outside the data, the efficiency table or
    ///   a background's range.
    public func binned(window: ClosedRange<Double>? = nil, binWidthKeV: Double? = nil) throws -> BinnedData {
        let w = window ?? spec.defaultWindowKeV[0]...spec.defaultWindowKeV[1]
        guard w.lowerBound > 0, w.upperBound > w.lowerBound else {
            throw InputError(field: "emin/emax", "window [\(w.lowerBound), \(w.upperBound)] keV is empty or not positive")
        }
        let eff = detector.efficiency.domain
        guard w.lowerBound >= eff.lowerBound, w.upperBound <= eff.upperBound + 1e-9 else {
            throw InputError(field: "emin/emax", "window [\(w.lowerBound), \(w.upperBound)] keV is outside the efficiency table of \(spec.name) (\(eff.lowerBound)…\(eff.upperBound) keV)")
        }
        let bins: EnergyBins
        let observedCounts: [Double]
        switch observed {
        case .binned(let b, let counts):
            let r = try b.indices(within: w.lowerBound, w.upperBound)
            if let bw = binWidthKeV, abs(bw - b.width(r.lowerBound)) > 1e-9 {
                throw InputError(field: "bin-width", "\(spec.name) is released binned (\(b.width(r.lowerBound)) keV); it cannot be rebinned to \(bw) keV")
            }
            bins = try EnergyBins(edges: Array(b.edges[r.lowerBound...r.upperBound]))
            observedCounts = Array(counts[r])
        case .events(let energies):
            let width = binWidthKeV ?? spec.defaultBinWidthKeV ?? 1
            bins = try EnergyBins(from: w.lowerBound, to: w.upperBound, width: width)
            observedCounts = bins.histogram(energies)
        }
        let bkg = try backgrounds.map { c -> (DatasetSpec.Background, [Double]) in
            (c.spec, try Self.rebin(c, to: bins, exposure: spec.exposureTonneYear, dataset: spec.name))
        }
        return BinnedData(name: spec.name, bins: bins, observed: observedCounts, backgrounds: bkg)
    }

    /// Counts of a background in the analysis bins: overlapping fractions of its source bins
    /// (counts are spread uniformly within a source bin; rates × width × exposure).
    static func rebin(_ c: BackgroundComponent, to bins: EnergyBins, exposure: Double, dataset: String) throws -> [Double] {
        let src = c.bins
        guard src.range.lowerBound <= bins.range.lowerBound + 1e-9, src.range.upperBound >= bins.range.upperBound - 1e-9 else {
            throw InputError(field: c.spec.name, "background '\(c.spec.name)' of \(dataset) covers \(src.range.lowerBound)…\(src.range.upperBound) keV, not the window \(bins.range.lowerBound)…\(bins.range.upperBound) keV")
        }
        var out = [Double](repeating: 0, count: bins.count)
        for i in 0..<bins.count {
            let lo = bins.lower(i), hi = bins.upper(i)
            for j in 0..<src.count {
                let a = max(lo, src.lower(j)), b = min(hi, src.upper(j))
                guard b > a else { continue }
                let frac = (b - a) / src.width(j)
                switch c.spec.kind {
                case .rate: out[i] += c.values[j] * src.width(j) * frac * exposure
                case .binned, .events: out[i] += c.values[j] * frac
                }
            }
        }
        return out
    }
}
