// swift-tools-version: 6.0
// libFuzzer targets for nmmfit's parsers. Build and run with `scripts/fuzz.sh` (see README).
// Each target links libFuzzer without its main (libclang_rt.fuzzer_no_main from the Swift
// toolchain) and starts it with LLVMFuzzerRunDriver from a Swift @main.
import Foundation
import PackageDescription

// The parent package's identity is its folder name (whatever the checkout is called).
let root = Context.packageDirectory + "/.."
let rootIdentity = URL(fileURLWithPath: Context.packageDirectory).deletingLastPathComponent().lastPathComponent.lowercased()
let clangLib = ProcessInfo.processInfo.environment["NMMFIT_CLANG_RT"] ?? "/opt/swift/usr/lib/clang/21/lib/linux"

func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzDriver"] + products.map { .product(name: $0, package: rootIdentity) },
        swiftSettings: [.unsafeFlags(["-sanitize=fuzzer,address", "-parse-as-library"])],
        linkerSettings: [.unsafeFlags(["-sanitize=address", "-Xlinker", "\(clangLib)/libclang_rt.fuzzer_no_main-x86_64.a", "-lstdc++"])])
}

let package = Package(
    name: "nmmfit-fuzz",
    dependencies: [.package(path: root)],
    targets: [
        .target(name: "FuzzDriver"),
        fuzzTarget("FuzzCSV", ["Formats", "Detector"]),
        fuzzTarget("FuzzDatasetSpec", ["Detector"]),
        fuzzTarget("FuzzModelSpec", ["Likelihood"]),
        fuzzTarget("FuzzToysFile", ["Likelihood"]),
        fuzzTarget("FuzzHEPData", ["Formats", "Detector"]),
        fuzzTarget("FuzzMomentMatrix", ["MomentModels"]),
    ]
)
