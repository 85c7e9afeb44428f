import Detector
import Foundation

extension DatasetList {
    /// The datasets found in the data folder (`explicit`, else the package's data/ or
    /// $NMMFIT_DATA), one summary each, in name order.
    public static func find(dataDirectory explicit: String?) throws -> DatasetList {
        let root = try DataLocator.dataDirectory(explicit: explicit)
        let rows = try DataLocator.available(in: root).map { name in
            let (spec, file) = try DataLocator.spec(named: name, dataDirectory: root.path)
            return DatasetSummary(spec, file: file)
        }
        return DatasetList(dataDirectory: root.path, datasets: rows,
                           skippedFolders: DataLocator.unusable(in: root).map { DatasetList.SkippedFolder(name: $0.name, reason: $0.problem) })
    }
}
