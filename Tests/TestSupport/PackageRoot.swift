import Foundation

/// The package's root folder (this file is Tests/TestSupport/PackageRoot.swift), for the
/// repository files the tests read: data/, schemas/, scripts/, Tests/HostileInput/.
public enum PackageRoot {
    public static let url = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A path below the root, e.g. `PackageRoot.path("schemas/examples.json")`.
    public static func path(_ relative: String) -> String { url.appendingPathComponent(relative).path }
}
