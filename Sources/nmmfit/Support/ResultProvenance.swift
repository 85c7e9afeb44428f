import Analysis
import Foundation

/// The data behind this run's result, recorded when ``DataOptions`` builds the model and used by
/// ``OutputOptions/emit(_:table:)`` to flag digitised datasets in every result that uses them:
/// a `digitised_datasets` key in the JSON (an empty list when all data are official) and the
/// ``DigitisedDatasets/footer(_:)`` line under the table. Commands without data (`model …`,
/// `spectrum`) record nothing and get neither.
enum ResultProvenance {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var recorded: [String]?

    /// Records the digitised datasets among the names of the datasets (or channels) just loaded.
    static func record(datasets names: [String], dataDirectory: String?) {
        let digitised = DigitisedDatasets.among(names, dataDirectory: dataDirectory)
        lock.withLock { recorded = digitised }
    }

    /// The digitised datasets of this run's data, or nil when no data were loaded.
    static var digitisedDatasets: [String]? { lock.withLock { recorded } }
}

/// A JSON result with the `digitised_datasets` key of ``ResultProvenance`` added at its top level.
struct WithProvenance<Value: Encodable>: Encodable {
    var value: Value
    var digitisedDatasets: [String]
    enum CodingKeys: String, CodingKey { case digitisedDatasets = "digitised_datasets" }

    func encode(to encoder: Encoder) throws {
        try value.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(digitisedDatasets, forKey: .digitisedDatasets)
    }
}
