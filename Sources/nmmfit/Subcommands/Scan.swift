import Analysis
import ArgumentParser
import Formats
import Foundation
import Likelihood
import Report

struct Scan: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The profile-likelihood curve −2ΔlnL(μν) on a grid of μν.")

    @OptionGroup var data: DataOptions
    @OptionGroup var physics: PhysicsOptions
    @OptionGroup var output: OutputOptions

    @Option(help: "Smallest μν (μB, Bohr magnetons).")
    var min: Double = 0
    @Option(name: .customLong("max"), help: "Largest μν (μB, Bohr magnetons; e.g. 5e-11); default 2.2 × the upper end of the 90 % CL interval (with --spec: at the spec's saved CL and method), so the curve crosses the threshold well inside.")
    var maxOption: Double?
    @Option(help: "Number of grid points.")
    var points: Int = 61
    @Option(help: "Also write an SVG plot of the curve with the 90 % interval and the threshold that interval uses (asymptotic-unified; with --spec: the spec's saved CL and method).")
    var plot: String?

    func validate() throws {
        try MomentRange.check(min, "--min")
        if let max = maxOption {
            try MomentRange.check(max, "--max")
            guard max.isFinite, max > min else { throw ValidationError("--max must be above --min") }
        }
        guard points >= 2 else { throw ValidationError("--points must be ≥ 2") }
        try ResourceLimit.gridPoints.validate(points, option: "--points")
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output, plot], force: output.force)
            // the interval drawn and the default --max: a --spec's saved CL and method (the library's rule), else 90 %, asymptotic-unified
            let settings = try data.settings(cl: nil, method: nil, note: output.note)
            let (cl, method) = (settings.cl, settings.asymptoticMethod)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            let iv = try AsymptoticInterval.interval(pl, cl: cl, method: method)
            let max = maxOption ?? Swift.max(2.2 * iv.upper, 1.5 * pl.best.muNu, min + 1e-12)
            guard max > min else { throw InputError(field: "--min", "--min \(min) μB is above the default --max \(max) μB; give --max") }
            let grid = (0..<points).map { min + (max - min) * Double($0) / Double(points - 1) }
            let progress = DelayedProgress(total: points, label: "scan", quiet: output.quiet || output.json)
            defer { progress.finish() }
            let out = try ScanResult.compute(profile: pl, grid: grid) { progress.update($0) }
            progress.finish()
            let pts = out.points
            // one provenance for the JSON and the figure's data files
            let provenance = try data.provenance(physics: physics)
            if let plot {
                let threshold = try AsymptoticInterval.criticalValues(pl, muNu: grid, cl: cl, method: method)
                try FigureFiles.write(Figures.scan(pts, interval: [iv.lower, iv.upper], cl: cl, best: pl.best.muNu,
                                                   threshold: threshold, method: method.rawValue),
                                      to: plot, force: output.force, provenance: provenance)
            }
            try output.emit(out, provenance: provenance) { ScanText.render(out) }
        }
    }
}
