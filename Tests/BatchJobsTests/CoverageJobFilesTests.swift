import BatchJobs
import Formats
import Foundation
import Likelihood
import TestSupport
import Testing

/// Coverage studies on a batch system, in process: the shards run `nmmfit coverage --write-toys`,
/// the merge step also computes the coverage from the merged file, the study record names the
/// kind, the shards are sized with the Feldman–Cousins inner toys, and the toy budget set where
/// `batch` ran reaches every job.
@Suite("Batch jobs: coverage studies and the jobs' environment")
struct CoverageJobFilesTests {
    static let fcArguments = ["--mu", "1e-11", "--method", "feldman-cousins", "--critical-toys", "100", "--cl", "0.9"]

    static func header(critical: Bool) -> ToyFileHeader {
        ToyFileHeader(seed: 5, muNuTrue: 1e-11, statistic: "t", testedMuNu: 1e-11, totalToys: 200, shard: 0, nshards: 4,
                      model: "xenon1t_sr1", modelDigest: "0123456789abcdef", nmmfitVersion: "0.1.0", nmmfitCommit: "abc",
                      criticalValues: critical ? ToyFileHeader.CriticalValues(cl: 0.9, criticalToys: 100) : nil)
    }

    static func jobs(_ system: BatchSystem, kind: BatchStudyKind = .coverage, environment: [(name: String, value: String)] = [],
                     arguments: [String] = fcArguments) -> JobFiles {
        let options = BatchOptions(system: system, name: "cv", ntoys: 200, seed: 5, threads: 2, executable: "/opt/nmmfit",
                                   toyArguments: arguments, commandLine: ["/opt/nmmfit", "batch", "--system", system.rawValue],
                                   kind: kind, jobEnvironment: environment)
        var j = JobFiles(batch: options, header: header(critical: kind == .coverage), dir: "/scratch/cv", dataDir: "/data/nmmfit", maxArraySize: 1001)
        j.retriesLeft = 2
        return j
    }

    @Test("Slurm: each shard runs coverage --write-toys; the merge step merges, then writes NAME.coverage.json from the merged file")
    func slurmCoverage() throws {
        let files = Dictionary(uniqueKeysWithValues: Self.jobs(.slurm).files(pending: [0, 1, 2, 3]))
        let array = try #require(files["cv.sbatch"]).split(separator: "\n").map(String.init)
        #expect(array.last == #"exec /opt/nmmfit coverage --toys 200 --nshards 4 --seed 5 --threads 2 --mu 1e-11 --method feldman-cousins --critical-toys 100 --cl 0.9 --shard "$shard" --write-toys "/scratch/cv/cv-shard-$shard.jsonl""#)
        #expect(array.contains { $0.hasPrefix("# nmmfit coverage study 'cv': 200 toys in 4 shards") })
        let merge = try #require(files["cv-merge.sh"])
        #expect(merge.contains("/opt/nmmfit merge --quiet /scratch/cv/cv-shard-0.jsonl"))
        // the read keeps the data options, --method and --cl; the file fixes --mu and --critical-toys
        #expect(merge.contains("if /opt/nmmfit coverage --from-toys /scratch/cv/cv.jsonl --method feldman-cousins --cl 0.9 -q --force -o /scratch/cv/cv.coverage.json; then"), "\(merge)")
        // after the merge succeeded, never on the branch that retries shards
        let merged = try #require(merge.range(of: "merged study 'cv'")), read = try #require(merge.range(of: "coverage --from-toys")),
            retry = try #require(merge.range(of: "retrying automatically"))
        #expect(merged.lowerBound < read.lowerBound && read.lowerBound < retry.lowerBound)
        // a toys study has no coverage step and its shards still run `toys … -o`
        let toys = Dictionary(uniqueKeysWithValues: Self.jobs(.slurm, kind: .toys, arguments: ["--mu", "0"]).files(pending: [0]))
        #expect(!(try #require(toys["cv-merge.sh"])).contains("--from-toys"))
        #expect(try #require(toys["cv.sbatch"]).contains(#"--mu 0 --shard "$shard" -o "/scratch/cv/cv-shard-$shard.jsonl""#))
    }

    @Test("the coverage read drops the shard-only options in both spellings")
    func coverageCall() {
        let o = BatchOptions(system: .slurm, name: "c", ntoys: 10, seed: 1, threads: 1,
                             toyArguments: ["--mu=2e-11", "--dataset", "xenonnt_sr0", "--critical-toys", "300", "-q", "--method", "wilks"],
                             commandLine: [], kind: .coverage)
        #expect(o.coverageCall(merged: "m.jsonl", output: "c.json")
            == ["coverage", "--from-toys", "m.jsonl", "--dataset", "xenonnt_sr0", "--method", "wilks", "-q", "--force", "-o", "c.json"])
        #expect(o.coverageCall(merged: "m.jsonl", output: nil)?.suffix(2) == ["-q", "--json"])
        var toys = o
        toys.kind = .toys
        #expect(toys.coverageCall(merged: "m.jsonl", output: "c.json") == nil)
        #expect(BatchStudyKind.coverage.reservedArguments.contains("--write-toys") && !BatchStudyKind.toys.reservedArguments.contains("--write-toys"))
    }

    @Test("HTCondor: the coverage shard in the wrapper, the toy budget in the submit file's environment")
    func htcondorCoverage() throws {
        let env = [(name: "NMMFIT_MAX_TOY_SECONDS", value: "3600")]
        let files = Dictionary(uniqueKeysWithValues: Self.jobs(.htcondor, environment: env).files(pending: [0, 3]))
        #expect(try #require(files["cv-shard.sh"]).contains(#"--critical-toys 100 --cl 0.9 --shard "$1" --write-toys "/scratch/cv/cv-shard-$1.jsonl""#))
        let sub = try #require(files["cv.sub"]).split(separator: "\n").map(String.init)
        #expect(sub.contains("getenv = false"))
        #expect(sub.contains(#"environment = "NMMFIT_JOB_ID=$(ClusterId).$(ProcId) NMMFIT_MAX_TOY_SECONDS=3600""#), "\(sub)")
        #expect(try #require(files["cv-merge.sh"]).contains("coverage --from-toys /scratch/cv/cv.jsonl"))
        // without the variable: the environment line as before
        let plain = Dictionary(uniqueKeysWithValues: Self.jobs(.htcondor).files(pending: [0]))
        #expect(try #require(plain["cv.sub"]).contains(#"environment = "NMMFIT_JOB_ID=$(ClusterId).$(ProcId)""# + "\n"))
    }

    @Test("Slurm: the toy budget exported in every shard and in the merge job (its automatic resubmission checks shards again)")
    func slurmEnvironment() throws {
        let files = Dictionary(uniqueKeysWithValues: Self.jobs(.slurm, environment: [(name: "NMMFIT_MAX_TOY_SECONDS", value: "600")]).files(pending: [1]))
        let array = try #require(files["cv.sbatch"]).split(separator: "\n").map(String.init)
        #expect(array.contains("export NMMFIT_DATA=/data/nmmfit NMMFIT_BATCH_ATTEMPT=1 NMMFIT_MAX_TOY_SECONDS=600"), "\(array)")
        #expect(try #require(files["cv-merge.sh"]).split(separator: "\n").contains("export NMMFIT_MAX_TOY_SECONDS=600"))
        let plain = Dictionary(uniqueKeysWithValues: Self.jobs(.slurm).files(pending: [1]))
        #expect(try #require(plain["cv.sbatch"]).contains("export NMMFIT_DATA=/data/nmmfit NMMFIT_BATCH_ATTEMPT=1\n"))
        #expect(!(try #require(plain["cv-merge.sh"])).contains("export"))
    }

    @Test("the jobs' environment from the submitter's: the budget when set, checked; nothing otherwise")
    func jobEnvironment() throws {
        let set = try BatchOptions.jobEnvironment(["NMMFIT_MAX_TOY_SECONDS": " 900 ", "PATH": "/bin"])
        #expect(set.map(\.name) == ["NMMFIT_MAX_TOY_SECONDS"] && set.map(\.value) == ["900"])
        #expect(try BatchOptions.jobEnvironment(["PATH": "/bin"]).isEmpty && (try BatchOptions.jobEnvironment(["NMMFIT_MAX_TOY_SECONDS": ""])).isEmpty)
        for bad in ["0", "-5", "1e3", "90; rm -rf /", "99999999999999"] {
            let e = #expect(throws: InputError.self) { try BatchOptions.jobEnvironment(["NMMFIT_MAX_TOY_SECONDS": bad]) }
            #expect(e?.field == "NMMFIT_MAX_TOY_SECONDS", "\(bad)")
        }
    }

    @Test("shard sizing: a Feldman–Cousins coverage toy costs its inner toys; the study's kind is part of its record")
    func sizing() throws {
        let plain = try ShardSizing.mostPerShard(bins: 6)
        #expect(plain == (try ToyWork.toysFileToys.maximum(bins: 6)))
        let fc = try ShardSizing.mostPerShard(criticalToys: 500, bins: 6)
        // per toy: the toys file's toy plus 500 inner toys
        let perToy = ToyWork.toysFileToys.seconds(bins: 6) + 500 * ToyWork.coverageCriticalToys.seconds(bins: 6)
        #expect(fc == Int(Double(try ToyWork.budget.value()) / perToy) && fc < plain / 100)
        #expect(try ShardSizing.mostPerShard(criticalToys: 500, bins: 60) < fc)
        let coverage = BatchStudy(ntoys: 1000, nshards: 5, seed: 1, toyArguments: ["--mu", "0"], modelDigest: nil, kind: .coverage)
        #expect(coverage.study == "coverage" && BatchStudy(ntoys: 1, nshards: 1, seed: 1, toyArguments: [], modelDigest: nil).study == nil)
        // the recorded shards are kept for the same kind only
        func count(_ kind: BatchStudyKind) throws -> Int {
            try ShardSizing.count(ntoys: 1000, seed: 1, toyArguments: ["--mu", "0"], threads: 1, recorded: coverage, perToy: 1, targetSeconds: 100,
                                  studyFile: "c.study.json", kind: kind)
        }
        #expect(try count(.coverage) == 5 && (try count(.toys)) == 10)
        // a toys study's record has no "study" key (records written before coverage studies read the same)
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        let toysRecord = String(decoding: try enc.encode(BatchStudy(ntoys: 1, nshards: 1, seed: 1, toyArguments: [], modelDigest: "d")), as: UTF8.self)
        #expect(toysRecord == #"{"model_digest":"d","nshards":1,"ntoys":1,"seed":1,"toy_arguments":[]}"#)
    }
}
