import Analysis
import BuildInfo
import Formats
import Foundation
import Likelihood

// The toys files of interval, significance and sensitivity: kept as they finish and resumed
// (`save_toys`, `toys_dir`) or read instead of local toys (`from_toys`), as the CLI's
// `--save-toys`, `--toys-dir` and `--from-toys` of the same commands, with the same library calls.

extension Args {
    /// Refuses the keys among `keys` that are given although they would not act (as the CLI's
    /// option-applicability check): "applies only `when`".
    func refuse(_ keys: [String], unless acts: Bool, when: String) throws {
        for k in keys where has(k) && !acts { throw InputError(field: k, "applies only \(when); leave it out") }
    }
}

extension CInterface {
    /// `toys_dir` of a local Feldman–Cousins construction (`nmmfit interval --toys-dir`): each
    /// tested point's toys as a whole-study toys file in `dir` (``FeldmanCousins/pointToysFileName(_:)``),
    /// written on the toy engine, resumed when the file holds some, read back when complete.
    /// Each file's header says where its toys come from (`provenance`: the request without `toys_dir`).
    static func pointToysStore(_ dir: String, threads: Int, provenance: ToysProvenance) throws -> (ToyStudy) throws -> ToyStudySample {
        try ToysFolder.prepare(dir)
        return { study in
            let path = (dir as NSString).appendingPathComponent(FeldmanCousins.pointToysFileName(study))
            _ = try study.write(to: path, force: false, version: BuildInfo.version, commit: BuildInfo.commit, provenance: provenance,
                                run: nil, threads: threads)
            return try ToyStudySample.load(path: path)
        }
    }

    /// `significance` with `toys` > 0: the toy p-value of the background-only study, its toys kept
    /// in `save_toys` as they finish when given (a toys file, locked while the request runs; an
    /// existing file of this study is resumed, `force` starts it afresh), as `nmmfit significance
    /// --toys N --save-toys FILE`.
    static func significanceToys(_ a: Args, profile: ProfileLikelihood, toys: Int) throws -> ToyPValue {
        let (seed, threads) = (try a.seed(), try a.threads())
        guard let path = try a.string("save_toys") else {
            return try ToyPValue.compute(profile: profile, toys: toys, seed: seed, threads: threads)
        }
        let force = try a.bool("force", default: false)
        let lock = try OutputFile.lock(path, force: force, mayExist: true).lock
        defer { lock.release() }
        let header = try stamped(try ToyPValue.backgroundOnlyStudy(profile: profile, toys: toys, seed: seed).header, "significance", a)
        let file = try ToyFileAppender.open(path: path, header: header, force: force)
        defer { file.close() }
        return try ToyPValue.compute(profile: profile, toys: toys, seed: seed, file: file, threads: threads)
    }

    /// `sensitivity`: the band of `toys` background-only toys, each toy's upper limit kept in
    /// `save_toys` as it finishes when given (a sensitivity toys file, locked while the request
    /// runs; an existing file of this study is resumed, `force` starts it afresh), as `nmmfit
    /// sensitivity --save-toys FILE`.
    static func sensitivity(_ a: Args, model: BinnedModel, cl: Double, method: AsymptoticInterval.Method) throws -> Sensitivity.Result {
        let (toys, seed, threads) = (try a.toys(default: 200), try a.seed(), try a.threads())
        try a.refuse(["save_toys"], unless: toys > 0, when: "with toys > 0 (it keeps those toys)")
        guard let path = try a.string("save_toys") else {
            return try Sensitivity.run(model: model, cl: cl, method: method, toys: toys, seed: seed, threads: threads)
        }
        let force = try a.bool("force", default: false)
        let lock = try OutputFile.lock(path, force: force, mayExist: true).lock
        defer { lock.release() }
        let header = try stamped(try Sensitivity.toysFileHeader(model: model, cl: cl, method: method, toys: toys, seed: seed), "sensitivity", a)
        let file = try SensitivityToysFile.open(path: path, header: header, force: force)
        defer { file.close() }
        return try Sensitivity.run(model: model, cl: cl, method: method, toys: toys, seed: seed, threads: threads, file: file)
    }

    /// A toys file of another build, as this interface words it: the file, line 1, and how to go on.
    static func inputError(_ e: ToyFileBuildMismatch) -> InputError {
        e.merging ? InputError(file: e.path, line: 1, "\(e.message); re-run the shards with one build, or pass allow_mixed_builds")
            : InputError(file: e.path, line: 1, e.message, remedy: .startAfresh)
    }
}
