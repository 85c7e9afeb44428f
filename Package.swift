// swift-tools-version: 6.0
// nmmfit — the neutrino magnetic moment from liquid-xenon electron-recoil data.
import PackageDescription

let package = Package(
    name: "nmmfit",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "nmmfit", targets: ["nmmfit"]),
        .library(name: "GSL", targets: ["GSL"]),
        .library(name: "Recoil", targets: ["Recoil"]),
        .library(name: "Likelihood", targets: ["Likelihood"]),
        .library(name: "Plot", targets: ["Plot"]),
        .library(name: "Report", targets: ["Report"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
    ],
    targets: [
        // C interop: a module map over Debian's libgsl-dev (see CGSL/shim.h).
        .systemLibrary(
            name: "CGSL",
            path: "CGSL",
            pkgConfig: "gsl",
            providers: [.apt(["libgsl-dev"])]
        ),
        // The only target that imports CGSL: a thin, safe Swift layer.
        .target(name: "GSL", dependencies: ["CGSL"]),
        // Physics: solar neutrinos, cross-sections, atomic binding, detector response, datasets.
        .target(name: "Recoil", dependencies: ["GSL", "Yams"]),
        // Statistics: binned Poisson likelihood, fits, intervals, tests, toys.
        .target(name: "Likelihood", dependencies: ["GSL", "Recoil"]),
        // Dependency-free SVG plotting (spectra, residuals, Δχ² scans, limit comparisons).
        .target(name: "Plot"),
        // Figures and report folders built from results (uses Plot; no printing).
        .target(name: "Report", dependencies: ["Plot", "Likelihood", "Recoil", "GSL"]),
        // The command-line tool: parse, call, print.
        .executableTarget(
            name: "nmmfit",
            dependencies: [
                "Recoil", "Likelihood", "Report",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GSLTests", dependencies: ["GSL"]),
        .testTarget(name: "RecoilTests", dependencies: ["Recoil", "GSL"]),
        .testTarget(
            name: "LikelihoodTests",
            dependencies: [
                "Likelihood", "Recoil", "GSL",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ]),
        .testTarget(name: "PlotTests", dependencies: ["Plot"]),
        .testTarget(name: "ReportTests", dependencies: ["Report", "Plot", "Likelihood", "Recoil"]),
        // Runs the built `nmmfit` executable: exit codes, messages, files (and the batch workflow).
        .testTarget(name: "nmmfitTests", dependencies: ["nmmfit"]),
    ]
)
