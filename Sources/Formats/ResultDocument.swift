import Foundation

/// A result as one JSON object: its own keys, the output version `nmmfit_output`, and the keys
/// of its ``RunProvenance`` at the top level. Where the result already has a provenance key
/// (`digitised_datasets`, `spec_overrides`), the provenance's value is written (they are the same
/// by construction: both come from the run's options).
public struct ResultDocument<Value: Encodable>: Encodable {
    public var value: Value
    public var provenance: RunProvenance

    public init(_ value: Value, provenance: RunProvenance) {
        self.value = value
        self.provenance = provenance
    }

    enum CodingKeys: String, CodingKey { case nmmfitOutput = "nmmfit_output" }

    public func encode(to encoder: Encoder) throws {
        try value.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(OutputVersion.current, forKey: .nmmfitOutput)
        try provenance.encode(to: encoder)
    }
}
