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
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("nmmfit-term-\(UUID().uuidString)").path
        #expect(FileManager.default.createFile(atPath: file, contents: Data()))
        defer { try? FileManager.default.removeItem(atPath: file) }
        do {
            _ = try DataLocator.dataDirectory(explicit: file)
            Issue.record("a file accepted as data folder")
        } catch let e as InputError {
            #expect(e.description == "\(file): the data directory must be a folder (this is a file)")
        }
        do {
            _ = try DatasetWindow.channels(names: ["a"], windows: [DatasetWindow(dataset: "b", lowerKeV: 1, upperKeV: 2)],
                                           overrides: [], emin: nil, emax: nil, binWidthKeV: nil)
            Issue.record("a window of an unfitted dataset accepted")
        } catch let e as InputError {
            #expect(e.description == "field 'window': window names 'b', which is not among the fitted datasets (a)")
        }
    }
}
