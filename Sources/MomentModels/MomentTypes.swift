import Foundation

/// A charged-lepton flavour, the row/column index of a flavour-basis moment matrix.
public enum LeptonFlavour: Int, Sendable, CaseIterable, Codable, CustomStringConvertible {
    /// Electron flavour (index 0).
    case e = 0
    /// Muon flavour (index 1).
    case mu = 1
    /// Tau flavour (index 2).
    case tau = 2

    /// Parses "e", "mu", "μ", "tau", "τ" (case-insensitive).
    public init?(name: String) {
        switch name.lowercased() {
        case "e", "electron": self = .e
        case "mu", "μ", "muon", "m": self = .mu
        case "tau", "τ", "t": self = .tau
        default: return nil
        }
    }

    /// "e", "μ" or "τ".
    public var description: String {
        switch self {
        case .e: "e"
        case .mu: "μ"
        case .tau: "τ"
        }
    }

    /// ASCII name ("e", "mu", "tau") for JSON keys and file names.
    public var asciiName: String {
        switch self {
        case .e: "e"
        case .mu: "mu"
        case .tau: "tau"
        }
    }
}

/// The basis a moment matrix is written in.
public enum MomentBasis: String, Sendable, Codable, CaseIterable {
    /// Flavour basis (νe, νμ, ντ): the basis of the weak charged current.
    case flavour
    /// Mass basis (ν1, ν2, ν3).
    case mass
}

/// Whether neutrinos are Dirac or Majorana particles; this fixes which moment matrices are
/// allowed and how they change basis (see ``MagneticMomentMatrix``).
public enum NeutrinoNature: String, Sendable, Codable, CaseIterable {
    /// Dirac: ν ≠ ν̄; diagonal and transition moments.
    case dirac
    /// Majorana: ν = ν̄; transition moments only.
    case majorana
}

/// Errors of the moment and model calculations: invalid parameters or matrices.
public enum MomentError: Error, CustomStringConvertible, Equatable, Sendable {
    /// A parameter outside its allowed range: (name, value, what is allowed).
    case invalidParameter(String, Double, String)
    /// A moment matrix that breaks the rule for its type (e.g. a Majorana matrix that is not
    /// antisymmetric).
    case invalidMatrix(String)

    /// One line: what is wrong.
    public var description: String {
        switch self {
        case let .invalidParameter(name, value, rule): "\(name) = \(value) is invalid: \(rule)"
        case let .invalidMatrix(s): "invalid magnetic-moment matrix: \(s)"
        }
    }
}
