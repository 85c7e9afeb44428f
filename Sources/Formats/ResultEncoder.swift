import Foundation

/// The one JSON encoder of results: sorted, pretty JSON; a NaN or infinite number is a
/// ``NumericalResultError`` naming its key path (exit 3), never a silent "nan" or a crash.
public enum ResultEncoder {
    public static func encode<T: Encodable>(_ value: T, pretty: Bool = true) throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        do {
            return try e.encode(value)
        } catch let e as EncodingError {
            var field = ""
            if case .invalidValue(_, let ctx) = e {
                field = ctx.codingPath.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
                if field.hasPrefix(".") { field.removeFirst() }
            }
            throw NumericalResultError(field: field)
        }
    }
}
