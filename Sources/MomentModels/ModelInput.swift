import Formats
import Foundation

/// The input of one model calculator with its checks, written once for every front end (the
/// CLI's `validate()`, the C interface): ``check(naming:)`` applies every rule of the
/// calculator's inputs and throws an ``InputError`` whose `field` is the front end's name of
/// the input that is wrong (rules are in ``ModelInputLimits``). A rule about several inputs
/// names them in its message and has no `field`.
public protocol ModelInput: Sendable {
    /// The calculator's inputs; the raw value is the key of the C interface.
    associatedtype Field: RawRepresentable & Hashable & Sendable where Field.RawValue == String

    /// Checks every rule; `name` gives the front end's name of each input.
    func check(naming name: (Field) -> String) throws
}

extension ModelInput {
    /// Checks every rule, naming the inputs by their C-interface keys.
    public func check() throws { try check(naming: \.rawValue) }
}

/// The input types of the model calculators (one per `nmmfit model …` command that takes input).
public enum ModelInputs {}
