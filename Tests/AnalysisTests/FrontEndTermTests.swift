import Foundation
import Testing
import Analysis
import Detector
import Formats

/// Library messages name what the user sets in library terms (``FrontEndTerm``); the
/// command-line tool words the terms with its options (nmmfitTests check that wording through
/// the binary, e.g. "--grid-max" and "--data-dir must be a folder").
@Suite("Front-end terms in library messages")
struct FrontEndTermTests {
    @Test("no library wording names a command-line option or command")
    func libraryWording() {
        for t in FrontEndTerm.allCases {
            #expect(!t.libraryWording.contains("--") && !t.libraryWording.contains("nmmfit"), "\(t)")
        }
    }

    @Test("library errors use the library wording")
    func messages() throws {
        do {
            _ = try DatasetWindow.channels(names: ["a"], windows: [DatasetWindow(dataset: "b", lowerKeV: 1, upperKeV: 2)],
                                           overrides: [], emin: nil, emax: nil, binWidthKeV: nil)
            Issue.record("a window of an unfitted dataset accepted")
        } catch let e as InputError {
            #expect(e.description == "field 'window': window names 'b', which is not among the fitted datasets (a)")
        }
    }
}

/// Terms and remedies travel in errors as values; a front end words them where it prints.
@Suite("Front-end wording is a value")
struct FrontEndWordingTests {
    static let marked = FrontEndWording(term: { "<\($0.rawValue)>" }, remedy: { "[\($0.rawValue)]" })

    @Test("an error keeps its terms and remedy and is described in any front end's wording")
    func wordedWhereItIsPrinted() {
        let e = InputError(field: "x", "see \(term: .gridMax) and \(term: .window)", remedy: .overwrite)
        #expect(e.text.terms == [.gridMax, .window])
        #expect(e.description(in: Self.marked) == "field 'x': see <gridMax> and <window>; [overwrite]")
        #expect(e.description == "field 'x': see grid maximum and window; allow overwriting to replace it")
        #expect(e.message == "see grid maximum and window")
    }

    @Test("library errors carry the term: the data folder and the dataset overrides")
    func libraryErrors() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-term-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            _ = try DataLocator.dataDirectory(explicit: file)
            Issue.record("a file accepted as data folder")
        } catch let e as InputError {
            #expect(e.description(in: Self.marked) == "\(file): <dataDirectory> must be a folder (this is a file)")
            #expect(e.description == "\(file): the data directory must be a folder (this is a file)")
        }
        do {
            _ = try DatasetWindow.channels(names: ["a"], windows: [], overrides: [DatasetSpec.Override(parsing: "b.exposure_tonne_year=1")],
                                           emin: nil, emax: nil, binWidthKeV: nil)
            Issue.record("an override of an unfitted dataset accepted")
        } catch let e as InputError {
            #expect(e.description(in: Self.marked) == "field 'set': <datasetOverride> names 'b', which is not among the fitted datasets (a)")
        }
    }
}
