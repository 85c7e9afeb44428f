import Testing
@testable import Formats

/// Library errors name what to do in library terms; the command-line tool words it with its
/// options (nmmfitTests check that wording through the binary).
@Suite("Input error remedies")
struct InputErrorRemedyTests {
    @Test("a remedy is appended in library terms, naming no command-line option")
    func libraryWording() {
        let e = InputError(file: "out.json", "output file exists", remedy: .overwrite)
        #expect(e.description == "out.json: output file exists; allow overwriting to replace it")
        for r in InputError.Remedy.allCases { #expect(!r.libraryWording.contains("--")) }
    }

    @Test("without a remedy the description is the message alone")
    func noRemedy() {
        #expect(InputError(field: "bins", "no bins").description == "field 'bins': no bins")
    }
}
