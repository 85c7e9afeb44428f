import Foundation

extension RunProvenance {
    /// The provenance as named lines of text, for files that are not JSON (the comment block of a
    /// figure's `.data.csv`, a HEPData record's comment): the JSON keys (``CodingKeys``) with
    /// their values, in the order of the JSON; one `data_digests` line per file, written as
    /// `sha256sum` prints it (`HEX  PATH`, so `sha256sum -c` can check it from the data folder);
    /// one `spec_overrides` line per change; control and bidirectional characters written as
    /// `\u{…}` (``TextInput/displaySafe(_:)``), so that every value stays on its line.
    public var textFields: [(name: String, value: String)] {
        var f: [(String, String)] = [
            (CodingKeys.toolVersion.rawValue, toolVersion), (CodingKeys.commit.rawValue, commit), (CodingKeys.command.rawValue, command),
        ]
        if dataDigests.isEmpty { f.append((CodingKeys.dataDigests.rawValue, "none (no data file read)")) }
        for (path, hex) in dataDigests.sorted(by: { $0.key < $1.key }) { f.append((CodingKeys.dataDigests.rawValue, "\(hex)  \(path)")) }
        if let seed { f.append((CodingKeys.seed.rawValue, String(seed))) }
        for o in specOverrides ?? [] { f.append((CodingKeys.specOverrides.rawValue, o)) }
        if let d = digitisedDatasets { f.append((CodingKeys.digitisedDatasets.rawValue, d.isEmpty ? "none" : d.joined(separator: ", "))) }
        return f.map { (name: $0.0, value: TextInput.displaySafe($0.1)) }
    }
}
