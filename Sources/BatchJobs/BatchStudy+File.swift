import Formats
import Foundation

extension BatchStudy {
    /// The study recorded in OUTDIR/NAME.study.json, nil when there is none. Read through
    /// ``TextInput`` (a regular file within the reading budget); a record that cannot be read or
    /// is not a study record is an error naming the file.
    public static func read(path: String) throws -> BatchStudy? {
        var st = stat()
        guard stat(path, &st) == 0 else { return nil }
        let text = try TextInput.read(path: path, what: "study record")
        // JSON syntax within the reading budget (one line naming the fault), then the record's keys
        _ = try SpecDecoding.parseJSON(text, file: path)
        do {
            return try JSONDecoder().decode(BatchStudy.self, from: Data(text.utf8))
        } catch let DecodingError.keyNotFound(key, _) {
            throw InputError(file: path, field: key.stringValue, "not a batch study record: the key is missing", remedy: .startAfresh)
        } catch let DecodingError.typeMismatch(_, c), let DecodingError.valueNotFound(_, c), let DecodingError.dataCorrupted(c) {
            throw InputError(file: path, field: c.codingPath.map(\.stringValue).joined(separator: "."),
                             "not a batch study record: \(c.debugDescription)", remedy: .startAfresh)
        } catch {
            throw InputError(file: path, "not a batch study record (\(OSErrorText.describe(error)))", remedy: .startAfresh)
        }
    }

    /// Writes the record (pretty-printed, sorted keys) through ``OutputFile``.
    public func write(to path: String) throws {
        let enc = JSONEncoder()
        enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try OutputFile.write(try enc.encode(self), to: path, force: true)
    }
}
