import Foundation
import Testing
@testable import Formats
@testable import Likelihood

/// The toy p-value of the discovery test from toys files (`significance --from-toys`, the C
/// interface's `from_toys`): the background-only q0 study among the files gives exactly the
/// p-value of the same toys run locally; anything else is an error naming the files.
@Suite("Toy p-value from toys files")
struct ToyPValueFromToysTests {
    static var profile: ProfileLikelihood { try! ProfileLikelihood(model: ToyFileTests.model) }

    @Test("the background-only study's file gives the local toys' p-value; a t̃ study beside it is passed over")
    func fromFile() throws {
        let dir = try ToyFileTests.tempDir()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let pl = Self.profile
        let q0 = "\(dir)/q0.jsonl", t = "\(dir)/t.jsonl"
        _ = try ToyPValue.backgroundOnlyStudy(profile: pl, toys: 30, seed: 4)
            .write(to: q0, force: false, version: "test", commit: "test", run: nil, threads: 2)
        _ = try ToyStudy(profile: pl, muNu: 1e-11, statistic: .tTilde, seed: 4, totalToys: 12)
            .write(to: t, force: false, version: "test", commit: "test", run: nil, threads: 2)
        let local = try ToyPValue.compute(profile: pl, toys: 30, seed: 4, threads: 1)
        let observed = try pl.discovery().q0
        #expect(try ToyPValue.fromToys([q0], q0Observed: observed, profile: pl) == local)
        #expect(try ToyPValue.fromToys([dir], q0Observed: observed, profile: pl) == local)  // the folder: the one q0 study in it
        #expect(local.toys == 30)
        do {
            _ = try ToyPValue.fromToys([t], q0Observed: observed, profile: pl)
            Issue.record("a t̃ study accepted as background-only toys")
        } catch let e as InputError {
            #expect(e.description.contains(t) && e.description.contains("found 0"), "\(e.description)")
            #expect(e.text.terms == [.fromToys, .backgroundOnlyStudy])
        }
        #expect(throws: InputError.self) { try ToyPValue.fromToys([q0, q0], q0Observed: observed, profile: pl) }
    }
}
