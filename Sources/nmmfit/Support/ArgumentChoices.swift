import ArgumentParser
import Likelihood
import MomentModels

// Typed choices of string options: the argument parser checks the value and lists the choices
// in --help and in its usage error, so no command force-unwraps a raw value.


/// `--method` of `interval` and `coverage`: the asymptotic constructions and Feldman–Cousins.
extension IntervalMethod: ExpressibleByArgument {}

/// `--statistic` of `toys`: a statistic of the library's registry that toys files hold — q0
/// (discovery) or t (t̃ at the tested μν).
extension TestStatisticName: ExpressibleByArgument {
    public init?(argument: String) { self.init(toyFile: argument) }
    public static var allValueStrings: [String] { toyFileStatistics.map(\.rawValue) }
}

/// The `--statistic` choice (the registry's name).
typealias ToyStatisticName = TestStatisticName

/// `--pmns`: a named mixing matrix (``PMNS/named``), case-insensitive.
struct PMNSChoice: ExpressibleByArgument {
    let mixing: PMNS
    let name: String

    init?(argument: String) {
        guard let m = PMNS.named[argument.lowercased()] else { return nil }
        mixing = m
        name = argument.lowercased()
    }

    static let standard = PMNSChoice(argument: "standard")!
    static var allValueStrings: [String] { PMNS.named.keys.sorted() }
    var defaultValueDescription: String { name }
}
