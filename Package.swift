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
//   Plot, Report   SVG figures and report folders
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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // MARK: - Public API

        // Strict reading and writing of files: CSV, JSON/YAML specs, HEPData, atomic output
        // files, `InputError`. The only module that imports Yams.
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
        // Figures and report folders built from results (uses Plot; no printing).
        .target(
            name: "Report",
            dependencies: ["Plot", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats", "GSL"],
            exclude: excluded),
        // The command-line tool: parse, call, print.
        .executableTarget(
            name: "nmmfit",
            dependencies: [
                "Report", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats", "GSL",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            exclude: excluded
        ),

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

        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "FormatsTests", dependencies: ["Formats", "Detector", "Recoil"]),
        .testTarget(name: "RecoilTests", dependencies: ["Recoil", "Formats", "GSL"]),
        .testTarget(name: "DetectorTests", dependencies: ["Detector", "Recoil", "Formats", "GSL"]),
        .testTarget(name: "MomentModelsTests", dependencies: ["MomentModels", "Recoil", "Formats", "GSL"]),
        .testTarget(
            name: "LikelihoodTests",
            dependencies: [
                "Likelihood", "Analysis", "Detector", "Recoil", "Formats", "GSL",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(
            name: "ReportTests",
            dependencies: ["Report", "Plot", "Analysis", "Likelihood", "MomentModels", "Detector", "Recoil", "Formats"]),
        // Runs the built `nmmfit` executable: exit codes, messages, files (and the batch workflow).
        .testTarget(name: "nmmfitTests", dependencies: ["nmmfit"]),
    ]
)
