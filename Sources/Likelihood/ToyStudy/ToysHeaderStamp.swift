import Foundation

/// A toys-file header that names the build that wrote its toys and where they came from: every
/// kind (``ToyFileHeader``, and the ``ToyValuesHeader`` files of `--save-toys`). The front ends
/// stamp a header once, through ``stamped(version:commit:provenance:)``, before they open its file.
public protocol ToysHeaderStamp {
    var nmmfitVersion: String { get set }
    var nmmfitCommit: String { get set }
    /// Where the toys came from (``ToysProvenance``); nil in files of older builds.
    var provenance: ToysProvenance? { get set }
}

extension ToysHeaderStamp {
    /// This header with the build `version`/`commit` that writes its toys and their `provenance`.
    public func stamped(version: String, commit: String, provenance: ToysProvenance?) -> Self {
        var h = self
        h.nmmfitVersion = version
        h.nmmfitCommit = commit
        h.provenance = provenance
        return h
    }
}
