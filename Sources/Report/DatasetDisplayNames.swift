import Detector
import Formats
import Foundation

/// Display names of datasets for figures ("XENON1T SR1" for `xenon1t_sr1`): each dataset
/// spec's ``DatasetSpec/shownName`` (its `display_name` key when present, else the leading name
/// of its `title`, else its `experiment`), read through the one dataset-spec reader
/// (``DataLocator/spec(named:dataDirectory:)``: `dataset.json` or `dataset.yaml`, validated).
/// Datasets without a readable spec are left out, so figures show their id.
public enum DatasetDisplayNames {
    /// The names found for `ids` under `dataDirectory`.
    public static func load(ids: [String], dataDirectory: URL) -> [String: String] {
        var out: [String: String] = [:]
        for id in ids {
            guard let spec = try? DataLocator.spec(named: id, dataDirectory: dataDirectory.path).spec else { continue }
            out[id] = spec.shownName
        }
        return out
    }
}
