import Foundation
import Likelihood

extension DataChoice {
    /// The spec file read (``RunSpec/load(from:)``: its model and, from version 2, its saved
    /// analysis, both validated); nil without a spec.
    public func runSpec() throws -> RunSpec? {
        try spec.map { try RunSpec.load(from: URL(fileURLWithPath: $0)) }
    }

    /// The analysis saved in the spec (nil without a spec or for a version-1 spec): the choices
    /// every reader of the spec applies unless given explicitly (``SavedAnalysis/settings(_:cl:method:clOption:methodOption:)``).
    public func savedAnalysis() throws -> SavedAnalysis? { try runSpec()?.analysis }
}
