import Foundation

/// One element (row, column) of a 3×3 moment matrix, named by two flavours ("e-mu", "mu,tau")
/// or two mass indices ("1-2"); indices are 0-based.
public struct MatrixElement: Sendable, Equatable {
    /// The basis the indices refer to.
    public var basis: MomentBasis
    /// Row index (0…2).
    public var row: Int
    /// Column index (0…2).
    public var column: Int

    /// Why a name is not a matrix element; the description starts with the quoted name.
    public struct ParseError: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// The element (row, column) of `basis`, 0-based.
    public init(basis: MomentBasis, row: Int, column: Int) {
        (self.basis, self.row, self.column) = (basis, row, column)
    }

    /// Parses "e-mu" → (flavour, 0, 1) or "1-2" → (mass, 0, 1); separators `-`, `,` or a space.
    public init(parsing s: String) throws {
        let parts = s.split(whereSeparator: { $0 == "-" || $0 == "," || $0 == " " }).map(String.init)
        guard parts.count == 2 else { throw ParseError(description: "'\(s)': expected two indices like e-mu or 1-2") }
        if let a = LeptonFlavour(name: parts[0]), let b = LeptonFlavour(name: parts[1]) {
            (basis, row, column) = (.flavour, a.rawValue, b.rawValue)
        } else if let a = Int(parts[0]), let b = Int(parts[1]), (1...3).contains(a), (1...3).contains(b) {
            (basis, row, column) = (.mass, a - 1, b - 1)
        } else {
            throw ParseError(description: "'\(s)': use flavours (e, mu, tau) or mass indices (1, 2, 3), e.g. e-mu or 1-2")
        }
    }
}
