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
    @Option(help: "Largest μν (μB, Bohr magnetons; e.g. 5e-11).")
    var max: Double = 5e-11
    @Option(help: "Number of grid points.")
    var points: Int = 26
    @Option(help: "Also write an SVG plot of the curve with the 68/90/95 % thresholds and the 90 % interval.")
    var plot: String?

    func validate() throws {
        try MomentRange.check(min, "--min")
        try MomentRange.check(max, "--max")
        guard max.isFinite, max > min else { throw ValidationError("--max must be above --min") }
        try MomentRange.check(max, "--max")
        guard points >= 2 else { throw ValidationError("--points must be ≥ 2") }
        try ResourceLimit.gridPoints.validate(points, option: "--points")
    }

    struct Output: Codable {
        var nmmfitOutput = OutputVersion.current
        var muNuBest: Double
        var nllBest: Double
        var points: [ProfileLikelihood.ScanPoint]
        enum CodingKeys: String, CodingKey {
            case points
            case nmmfitOutput = "nmmfit_output"
            case muNuBest = "mu_nu_best_muB"
            case nllBest = "nll_best"
        }
    }

    func run() throws {
        try CLIErrors.run {
            try OutputTargets.check(files: [output.output, plot], force: output.force)
            let pl = try ProfileLikelihood(model: try data.model(physics: physics))
            let grid = (0..<points).map { min + (max - min) * Double($0) / Double(points - 1) }
            let progress = DelayedProgress(total: points, label: "scan", quiet: output.quiet || output.json)
            defer { progress.finish() }
            var pts: [ProfileLikelihood.ScanPoint] = []
            for (k, mu) in grid.enumerated() {
                pts += try pl.scan([mu])
                progress.update(k + 1)
            }
            progress.finish()
            let out = Output(muNuBest: pl.best.muNu, nllBest: pl.best.nll, points: pts)
            if let plot {
                let iv = try AsymptoticInterval.interval(pl, cl: 0.9)
                try OutputFile.write(Figures.scan(pts, interval: [iv.lower, iv.upper], cl: 0.9, best: pl.best.muNu).svg(), to: plot, force: output.force)
            }
            try output.emit(out) {
                "best fit μν = \(Format.mu11(pl.best.muNu)) × 10⁻¹¹ μB\n" + Format.table(
                    ["μν [1e-11 μB]", "−2ΔlnL", "converged"],
                    pts.map { [Format.mu11($0.muNu), Format.f($0.deltaTwoNLL, 4), $0.converged ? "yes" : "NO"] })
            }
        }
    }
}
