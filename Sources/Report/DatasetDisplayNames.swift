import Formats
import Foundation

/// Display names of datasets for figures ("XENON1T SR1" for `xenon1t_sr1`), read from each
/// dataset spec `<data dir>/<id>/dataset.json`: its `display_name` key when present, else the
/// leading name of its `title` (the words before the first one that starts in lower case:
/// "XENON1T SR1 low-energy electronic recoils (1-30 keV)" → "XENON1T SR1"), else its
/// `experiment` key. Datasets without any (or without a readable spec) are left out, so
/// figures show their id.
public enum DatasetDisplayNames {
    /// The names found for `ids` under `dataDirectory`.
    public static func load(ids: [String], dataDirectory: URL) -> [String: String] {
        var out: [String: String] = [:]
        for id in ids {
            let url = dataDirectory.appendingPathComponent(id).appendingPathComponent("dataset.json")
            // within the reading budget of a dataset spec (size, nesting, repeated keys)
            guard let text = try? TextInput.read(path: url.path, what: "dataset spec", limit: .datasetSpecBytes),
                  let obj = (try? SpecDecoding.parseJSON(text, file: url.path)) as? [String: Any] else { continue }
            let candidates = [obj["display_name"] as? String, (obj["title"] as? String).map(leadingName), obj["experiment"] as? String]
            if let name = candidates.compactMap({ $0?.trimmingCharacters(in: .whitespacesAndNewlines) }).first(where: { !$0.isEmpty }) {
                out[id] = name
            }
        }
        return out
    }

    /// The words of `title` before the first word that starts with a lower-case letter or a bracket.
    static func leadingName(_ title: String) -> String {
        title.split(separator: " ").prefix { w in
            guard let c = w.first else { return false }
            return !(c.isLowercase || c == "(")
        }.joined(separator: " ")
    }
}
