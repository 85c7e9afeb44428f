import Foundation

extension DatasetSpec {
    /// The data files this spec names (efficiency, observed data, each background), relative to
    /// the folder of the spec — the files ``Dataset/load(spec:directory:)`` reads.
    public var dataFiles: [String] {
        [efficiency.file, observed.file] + backgrounds.map(\.file)
    }
}
