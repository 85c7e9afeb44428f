// swift-tools-version: 6.0
// nmmfit — the neutrino magnetic moment from liquid-xenon electron-recoil data.
//
// Modules, bottom to top; a module imports only modules listed before it (README, "Layout"):
//   CGSL, GSL      the C bridge to GSL
//   Formats        strict reading and writing of files (CSV, JSON/YAML specs, HEPData, atomic output)
//   Recoil         solar neutrinos → recoil rate dR/dT
//   Detector       detector response and experiment datasets
//   MomentModels   BSM moment theory: moment matrices, PMNS, model calculators, g−2
//   Likelihood     statistics with no physics: model spec, binned model, fits, test statistics, toys
//   Analysis       the glue from physics to the statistical model
//   Plot, Report   SVG figures, report folders and the text of results
//   Benchmarks     the benchmark suite of `nmmfit bench`
//   BatchJobs      sharded toy studies on batch systems: job files, study and attempts formats
//   nmmfit         the command-line tool: parse, call, print
import PackageDescription

// Each module folder has a README.md saying what it owns and what it may import.
let excluded = ["README.md"]

let package = Package(
    name: "nmmfit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nmmfit", targets: ["nmmfit"]),
        .library(name: "GSL", targets: ["GSL"]),
        .library(name: "Formats", targets: ["Formats"]),
        .library(name: "Recoil", targets: ["Recoil"]),
        .library(name: "Detector", targets: ["Detector"]),
        .library(name: "MomentModels", targets: ["MomentModels"]),
        .library(name: "Likelihood", targets: ["Likelihood"]),
        .library(name: "Analysis", targets: ["Analysis"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Report", targets: ["Report"]),
        .library(name: "Benchmarks", targets: ["Benchmarks"]),
        .library(name: "BatchJobs", targets: ["BatchJobs"]),
        // The C interface (JSON in, JSON out) as a shared library, for the Python package in python/.
        .library(name: "nmmfit_c", type: .dynamic, targets: ["NMMFitC"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: - Public API

        // Strict reading and writing of files: CSV, JSON/YAML specs, HEPData, atomic output
        // files, `InputError`, the one JSON encoder of results with their provenance. The only
        // module that imports Yams.
        .target(name: "Formats", dependencies: ["Yams"], exclude: excluded),
        // Physics: solar neutrinos, oscillation, cross-sections, atomic binding → dR/dT.
        .target(name: "Recoil", dependencies: ["GSL", "Formats"], exclude: excluded),
        // Detector response (efficiency, resolution, bins, templates) and experiment datasets.
        .target(name: "Detector", dependencies: ["Recoil", "Formats", "GSL"], exclude: excluded),
        // BSM moment theory: moment matrices, PMNS, model calculators, g−2 loops, joint region.
        .target(name: "MomentModels", dependencies: ["Recoil", "Formats", "GSL"], exclude: excluded),
        // Statistics with no physics: model spec, binned Poisson likelihood, fits, test
        // statistics, intervals, hypothesis tests, toys and the toys-file format.
        .target(name: "Likelihood", dependencies: ["GSL", "Formats"], exclude: excluded),
        // The glue from physics to the statistical model: model builder, analysis
        // configuration, fit reports, compatibility test, named samples and parameters.
        .target(name: "Analysis", dependencies: ["Likelihood", "Detector", "Recoil", "Formats", "GSL"], exclude: excluded),
        // Dependency-free SVG plotting (spectra, residuals, Δχ² scans, limit comparisons).
        .target(name: "Plot", exclude: excluded),
        // Figures, report folders and the text of results (one renderer per result, plain and
        // markdown back ends; table formatting), built from results (uses Plot; no printing).
        .target(
            name: "Report",
            dependencies: ["Plot", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats", "GSL"],
            exclude: excluded),
        // The benchmark suite of `nmmfit bench` (timings of the analysis, fits, toys, Feldman–Cousins).
        .target(name: "Benchmarks", dependencies: ["Analysis", "Likelihood", "Detector", "Recoil", "Formats", "GSL"], exclude: excluded),
        // Sharded toy studies on batch systems: the job files (Slurm, HTCondor) and their
        // writing and submission, the study record, the attempts record and its report, Slurm
        // array specifications, job resources (time limits, memory sizes), a run's environment.
        .target(name: "BatchJobs", dependencies: ["Likelihood", "Formats"], exclude: excluded),
        // The version and git commit of this build (the commit generated by BuildInfoPlugin).
        .target(name: "BuildInfo", exclude: excluded, plugins: ["BuildInfoPlugin"]),
        .plugin(name: "BuildInfoPlugin", capability: .buildTool()),
        // The command-line tool: parse, call, print.
        .executableTarget(
            name: "nmmfit",
            dependencies: [
                "BuildInfo", "Benchmarks", "BatchJobs", "Report", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats", "GSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: excluded
        ),

        // The C interface of the engine (`nmmfit_call`, `nmmfit_free`): requests and results as
        // JSON, each answered by the library modules; loaded in process by python/nmmfit.
        .target(
            name: "NMMFitC",
            dependencies: ["BuildInfo", "Report", "Plot", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats", "GSL"],
            exclude: excluded),

        // MARK: - Implementation details

        // C interop: a module map over Debian's libgsl-dev (see CGSL/shim.h).
        .systemLibrary(
            name: "CGSL",
            path: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // The only target that imports CGSL: a thin, safe Swift layer.
        .target(name: "GSL", dependencies: ["CGSL"], exclude: excluded),

        // MARK: - Tests

        // Shared by the test targets (no project module): the package root, temporary folders,
        // the built-binary runner, each expensive command run once, the JSON Schema check.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // One test target per module; each imports its module and modules below it only
        // (the module READMEs' "May import" lines), plus the shared TestSupport.
        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "TestSupport"]),
        .testTarget(
            name: "RecoilTests",
            dependencies: ["Recoil", "Formats", "GSL", .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "DetectorTests", dependencies: ["Detector", "Recoil", "Formats", "GSL", "TestSupport"]),
        .testTarget(name: "MomentModelsTests", dependencies: ["MomentModels", "Recoil", "Formats", "GSL"]),
        // Statistics on hand-made models (no physics module).
        .testTarget(
            name: "LikelihoodTests",
            dependencies: ["Likelihood", "Formats", "GSL", .product(name: "PropertyBased", package: "swift-property-based")]),
        // The built models: fits, toys, acceptance against published results, validation
        // against the Python reference, datasets and combinations, pyhf export.
        .testTarget(name: "AnalysisTests", dependencies: ["Analysis", "Likelihood", "Detector", "Recoil", "Formats", "GSL"]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        // The batch module in process: job files, their writing, the study and attempts records.
        .testTarget(name: "BatchJobsTests", dependencies: ["BatchJobs", "Likelihood", "Formats", "TestSupport"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Plot", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats", "TestSupport"]),
        // The command-line tool: option rules in-process (`@testable import nmmfit`), and the
        // built `nmmfit` executable where the process boundary is the subject: exit codes,
        // messages, files, signals (and the batch workflow).
        .testTarget(name: "nmmfitTests", dependencies: ["nmmfit", "TestSupport"]),
    ]
)
