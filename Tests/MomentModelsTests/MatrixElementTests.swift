import Testing
@testable import MomentModels

@Suite("Matrix-element names")
struct MatrixElementTests {
    @Test("flavour and mass names give 0-based indices in their basis")
    func parse() throws {
        let e = try MatrixElement(parsing: "e-mu")
        #expect(e == MatrixElement(basis: .flavour, row: 0, column: 1))
        #expect(try MatrixElement(parsing: "mu,tau") == MatrixElement(basis: .flavour, row: 1, column: 2))
        #expect(try MatrixElement(parsing: "1-3") == MatrixElement(basis: .mass, row: 0, column: 2))
    }

    @Test("bad names are refused with the name quoted", arguments: ["e", "x-y", "0-4", "e-mu-tau"])
    func refused(_ s: String) {
        #expect(throws: MatrixElement.ParseError.self) { try MatrixElement(parsing: s) }
        do { _ = try MatrixElement(parsing: s) } catch { #expect("\(error)".hasPrefix("'\(s)'")) }
    }
}
