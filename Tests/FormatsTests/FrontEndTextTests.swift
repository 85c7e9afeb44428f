import Testing
@testable import Formats

/// Messages that name what the user sets keep those terms as values (``FrontEndText``).
@Suite("Front-end text")
struct FrontEndTextTests {
    @Test("an interpolated message keeps terms as values and values as text")
    func parts() {
        let n = 3
        let t: FrontEndText = "use more \(term: .gridPoints) (\(n) now) or \(term: .fromToys)"
        #expect(t.parts == [.literal("use more "), .term(.gridPoints), .literal(" (3 now) or "), .term(.fromToys)])
        #expect(t.description == "use more grid points (3 now) or toy files")
        let w = FrontEndWording(term: { "--\($0.rawValue)" }, remedy: { $0.rawValue })
        #expect(t.rendered(w) == "use more --gridPoints (3 now) or --fromToys")
    }

    @Test("joining texts keeps their terms")
    func joining() {
        var t: FrontEndText = "a \(term: .window)"
        t += FrontEndText(" b")
        let u: FrontEndText = "\(text: t); c"
        #expect(u.terms == [.window])
        #expect(u.description == "a window b; c")
        #expect(FrontEndText("").parts.isEmpty)
    }

    @Test("an InputError without terms reads as before; its file note follows the file name")
    func inputError() {
        var e = InputError(file: "f.json", line: 2, field: "k", "bad", remedy: .startAfresh)
        #expect(e.description == "f.json:2, field 'k': bad; allow overwriting to start afresh")
        e.fileNote = "\(term: .datasetOverride) a.b=1"
        let w = FrontEndWording(term: { _ in "--set" }, remedy: { _ in "use --force" })
        #expect(e.description(in: w) == "f.json (--set a.b=1):2, field 'k': bad; use --force")
        e.message = "worse"
        #expect(e.text == FrontEndText("worse"))
    }
}
