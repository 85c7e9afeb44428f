import BatchJobs
import Formats
import Foundation
import Likelihood
import TestSupport
import Testing

/// The batch module in process (no scheduler, no `nmmfit` process): the Slurm and HTCondor job
/// files of a study, their writing, the study and attempts records, and a run's environment.
@Suite("Batch jobs: job files and records")
struct JobFilesTests {
    static func header(nshards: Int) -> ToyFileHeader {
        ToyFileHeader(seed: 5, muNuTrue: 1e-11, statistic: "q0", testedMuNu: nil, totalToys: 200, shard: 0, nshards: nshards,
                      model: "xenon1t_sr1", modelDigest: "0123456789abcdef", nmmfitVersion: "0.1.0", nmmfitCommit: "abc")
    }

    static func jobs(_ system: BatchSystem, dir: String = "/scratch/study", transfer: Bool = false, retriesLeft: Int = 2) -> JobFiles {
        let options = BatchOptions(system: system, name: "st", ntoys: 200, seed: 5, threads: 2, executable: "/opt/nmmfit", time: "5",
                                   mem: "200M", account: "phys", throttle: 2, retryMemFactor: 2, transferFiles: transfer,
                                   toyArguments: ["--mu", "1e-11"], commandLine: ["/opt/nmmfit", "batch", "--system", system.rawValue, "--force"])
        var j = JobFiles(batch: options, header: header(nshards: 4), dir: dir, dataDir: "/data/nmmfit", maxArraySize: 1001)
        j.retriesLeft = retriesLeft
        return j
    }

    @Test("Slurm: one throttled array of the pending shards with the resources, and a merge script that retries")
    func slurm() throws {
        let files = Dictionary(uniqueKeysWithValues: Self.jobs(.slurm).files(pending: [0, 1, 3]))
        #expect(Set(files.keys) == ["st.sbatch", "st-merge.sh"])
        let array = try #require(files["st.sbatch"]).split(separator: "\n").map(String.init)
        for line in ["#SBATCH --array=0-1,3%2", "#SBATCH --cpus-per-task=2", "#SBATCH --mem=200M", "#SBATCH --time=5",
                     "#SBATCH --account=phys", "export NMMFIT_DATA=/data/nmmfit NMMFIT_BATCH_ATTEMPT=1", "shard=$SLURM_ARRAY_TASK_ID"] {
            #expect(array.contains(line), "\(line)")
        }
        let exec = try #require(array.last)
        #expect(exec == #"exec /opt/nmmfit toys -n 200 --nshards 4 --seed 5 --threads 2 --mu 1e-11 --shard "$shard" -o "/scratch/study/st-shard-$shard.jsonl""#)
        let merge = try #require(files["st-merge.sh"])
        #expect(merge.contains("merge --quiet /scratch/study/st-shard-0.jsonl /scratch/study/st-shard-1.jsonl /scratch/study/st-shard-2.jsonl /scratch/study/st-shard-3.jsonl -o /scratch/study/st.jsonl --force"))
        // the automatic retry repeats this batch call without --force, with the retries left
        #expect(merge.contains("batch --submit --retries-left 1 --no-calibration --system slurm"), "\(merge)")
        #expect(!merge.contains("--system slurm --force"))
        // nothing pending: only the merge script
        #expect(Self.jobs(.slurm).files(pending: []).map(\.0) == ["st-merge.sh"])
        #expect(Self.jobs(.slurm).submitCommand(pending: [0, 1]).hasSuffix("sbatch --parsable --dependency=afterany:${j0%%;*} /scratch/study/st-merge.sh"))
    }

    @Test("HTCondor: a DAG node per pending shard with RETRY and MAXJOBS, memory growing per retry, transfer of files")
    func htcondor() throws {
        let files = Dictionary(uniqueKeysWithValues: Self.jobs(.htcondor, transfer: true).files(pending: [1, 2]))
        #expect(Set(files.keys) == ["st-shard.sh", "st.sub", "st-merge.sh", "st-merge.sub", "st.dag", "st-pre.sh"])
        let dag = try #require(files["st.dag"]).split(separator: "\n").map(String.init)
        for line in ["JOB shard1 /scratch/study/st.sub", "RETRY shard2 2", "SCRIPT PRE shard1 /scratch/study/st-pre.sh 1",
                     "PARENT shard1 shard2 CHILD merge", "MAXJOBS shards 2"] {
            #expect(dag.contains(line), "\(line)")
        }
        #expect(!dag.contains { $0.hasPrefix("JOB shard0") || $0.hasPrefix("JOB shard3") })
        let sub = try #require(files["st.sub"])
        // 200 MB, ×2 per retry: 800 MB on the second retry
        #expect(sub.contains("request_memory = ifThenElse($(retry) >= 1, ifThenElse($(retry) >= 2, 800, 400), 200)"), "\(sub)")
        #expect(sub.contains("periodic_remove = (JobStatus == 2) && (time() - EnteredCurrentStatus > 300)"))
        #expect(sub.contains("transfer_input_files = /opt/nmmfit, /data/nmmfit, /scratch/study/st-in/$(shard)/"))
        #expect(try #require(files["st-shard.sh"]).contains(#"exec ./nmmfit toys -n 200 --nshards 4 --seed 5 --threads 2 --mu 1e-11 --shard "$1" -o "./st-shard-$1.jsonl""#))
        #expect(Self.jobs(.htcondor).submitCommand(pending: [1]) == "condor_submit_dag -force /scratch/study/st.dag")
    }

    @Test("writing: the study record and the job files through OutputFile, scripts executable, stale submit files removed; --dry-run text")
    func writing() throws {
        let dir = try TemporaryFolder.make(prefix: "nmmfit-batchjobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let jobs = Self.jobs(.slurm, dir: dir.path)
        let study = BatchStudy(ntoys: 200, nshards: 4, seed: 5, toyArguments: ["--mu", "1e-11"], modelDigest: "0123456789abcdef")
        try "stale".write(toFile: dir.appendingPathComponent("st-array-1.sbatch").path, atomically: true, encoding: .utf8)
        let files = jobs.files(pending: [0, 2])
        try jobs.write(files, study: study)
        let names = try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
        #expect(names == ["st-merge.sh", "st.sbatch", "st.study.json"], "\(names)")
        for f in ["st-merge.sh", "st.sbatch"] {
            let mode = try #require(try FileManager.default.attributesOfItem(atPath: dir.appendingPathComponent(f).path)[.posixPermissions] as? Int)
            #expect(mode == 0o755, "\(f)")
            #expect(try String(contentsOfFile: dir.appendingPathComponent(f).path, encoding: .utf8) == files.first { $0.0 == f }!.1)
        }
        #expect(try BatchStudy.read(path: jobs.studyPath) == study)
        let preview = jobs.preview(files)
        #expect(preview.hasPrefix("==> \(dir.path)/st.sbatch <==\n#!/bin/sh\n"))
        #expect(preview.contains("\n\n==> \(dir.path)/st-merge.sh <==\n"))
        // everything complete: the submit file of the last call is removed, the merge script kept
        try jobs.write(jobs.files(pending: []), study: study)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["st-merge.sh", "st.study.json"])
    }

    @Test("the study record: none is nil; a folder or a damaged record is an error naming the file")
    func studyRecord() throws {
        let dir = try TemporaryFolder.make(prefix: "nmmfit-batchjobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let p = dir.appendingPathComponent("st.study.json").path
        #expect(try BatchStudy.read(path: p) == nil)
        try #"{"ntoys": 10, "nshards": "#.write(toFile: p, atomically: true, encoding: .utf8)
        let damaged = #expect(throws: InputError.self) { try BatchStudy.read(path: p) }
        #expect(damaged?.file == p)
        try #"{"ntoys": 10, "seed": 1, "toy_arguments": []}"#.write(toFile: p, atomically: true, encoding: .utf8)
        let missing = #expect(throws: InputError.self) { try BatchStudy.read(path: p) }
        #expect(missing?.file == p && missing?.field == "nshards" && missing?.remedy == .startAfresh)
        try FileManager.default.removeItem(atPath: p)
        try FileManager.default.createDirectory(atPath: p, withIntermediateDirectories: false)
        let folder = #expect(throws: InputError.self) { try BatchStudy.read(path: p) }
        #expect(folder?.message.contains("a folder") == true, "\(String(describing: folder))")
    }

    @Test("the attempts record: appended under the lock, counted, reported with the study's state")
    func attempts() throws {
        let dir = try TemporaryFolder.make(prefix: "nmmfit-batchjobs")
        defer { try? FileManager.default.removeItem(at: dir) }
        let jobs = Self.jobs(.slurm, dir: dir.path)
        #expect(try jobs.previousSubmissions() == 0)
        #expect(try AttemptsReport(reading: jobs.attemptsPath).text(study: "st", dir: dir.path, merged: jobs.mergedPath, nshards: 4, pending: [0, 1, 2, 3])
            == "study 'st' in \(dir.path): 4 shards, 0 complete\nno submission recorded\nstate: not submitted")
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        try JobFiles.appendLine(try enc.encode(SubmissionRecord(attempt: 1, automatic: false, submittedUTC: "2026-12-04T01:00:00Z", system: "slurm",
                                                                pendingShards: "0-3", retriesLeft: 2, memory: "200M", jobs: ["101"], mergeJob: "102")),
                                to: jobs.attemptsPath)
        // the merge script's line, then a cut-off line (a log: skipped)
        let h = try #require(FileHandle(forWritingAtPath: jobs.attemptsPath))
        try h.seekToEnd()
        try h.write(contentsOf: Data(#"{"attempt":1,"merge":"failed","ended_utc":"2026-12-04T01:20:00Z"}"#.utf8 + [0x0A] + #"{"attempt":2,"#.utf8))
        try h.close()
        #expect(try jobs.previousSubmissions() == 1)
        #expect(!FileManager.default.fileExists(atPath: FileLock.lockPath(for: jobs.attemptsPath)))
        let text = try AttemptsReport(reading: jobs.attemptsPath).text(study: "st", dir: dir.path, merged: jobs.mergedPath, nshards: 4, pending: [1])
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines.first == "study 'st' in \(dir.path): 4 shards, 3 complete")
        #expect(lines.contains("1        2026-12-04T01:00:00Z  no         0-3     200M    101, merge 102  failed 2026-12-04T01:20:00Z"), "\(text)")
        #expect(lines.last == "state: failed after 1 attempt: shards 1 incomplete; resubmit with `nmmfit batch … --submit`")
    }

    @Test("a run's environment: NMMFIT_JOB_ID, else Slurm's array task or job id; the batch attempt")
    func environment() {
        let htc = ToyRun.current(environment: ["NMMFIT_JOB_ID": "77.3", "SLURM_JOB_ID": "9", "NMMFIT_BATCH_ATTEMPT": "2"], version: "0.1.0", commit: "abc")
        #expect(htc.jobID == "77.3" && htc.batchAttempt == 2 && htc.host == ProcessInfo.processInfo.hostName)
        #expect(ToyRun.current(environment: ["SLURM_ARRAY_JOB_ID": "90", "SLURM_ARRAY_TASK_ID": "1", "SLURM_JOB_ID": "91"], version: "0.1.0", commit: "abc").jobID == "90_1")
        #expect(ToyRun.current(environment: ["SLURM_JOB_ID": "91", "NMMFIT_JOB_ID": ""], version: "0.1.0", commit: "abc").jobID == "91")
        let byHand = ToyRun.current(environment: [:], version: "0.1.0", commit: "abc")
        #expect(byHand.jobID == nil && byHand.batchAttempt == nil && byHand.nmmfitVersion == "0.1.0" && byHand.nmmfitCommit == "abc")
    }
}

@Suite("Batch jobs: shard sizing and resources")
struct ShardSizingTests {
    @Test("shards for a target run time, each shard's estimate, and --mem per retry")
    func sizing() {
        // 0.1 s per toy on one thread, 2 threads per shard, 10-minute shards: 12,000 toys per shard
        #expect(ShardSizing.shards(ntoys: 100_000, threads: 2, perToy: 0.1, targetSeconds: 600) == 9)
        #expect(ShardSizing.shards(ntoys: 5, threads: 1, perToy: 10, targetSeconds: 1) == 5)
        let e = ShardSizing.estimate(ntoys: 100_000, shards: 9, threads: 2, perToy: 0.1)
        #expect(e.toys == 11_112 && abs(e.seconds - 555.6) < 1e-9)
        #expect(JobResources.memory("200M", factor: 2, retry: 2) == "800M")
        #expect(JobResources.memory("2G", factor: 1.5, retry: 1) == "3072M")
        #expect(JobResources.memory("200M", factor: 2, retry: 0) == "200M" && JobResources.memory("200M", factor: 1, retry: 3) == "200M")
    }

    @Test("the shard count: given, from toys per shard, kept from the study's record, else from the calibration")
    func count() throws {
        func count(nshards: Int? = nil, toysPerShard: Int? = nil, recorded: BatchStudy? = nil, perToy: Double? = nil,
                   target: Int? = nil, seed: UInt64 = 1) throws -> Int {
            try ShardSizing.count(ntoys: 1000, seed: seed, toyArguments: ["--mu", "0"], threads: 2, nshards: nshards, toysPerShard: toysPerShard,
                                  recorded: recorded, perToy: perToy, targetSeconds: target, studyFile: "t.study.json")
        }
        let record = BatchStudy(ntoys: 1000, nshards: 5, seed: 1, toyArguments: ["--mu", "0"], modelDigest: nil)
        #expect(try count(nshards: 7, toysPerShard: 10, recorded: record) == 7)
        #expect(try count(toysPerShard: 300, recorded: record) == 4 && (try count(toysPerShard: 1)) == 1000)
        // a re-run of the same study keeps its recorded shards rather than a new calibration's
        #expect(try count(recorded: record, perToy: 1, target: 60) == 5)
        // another seed is another study: the calibration decides (120 toys per 60 s shard on 2 threads)
        #expect(try count(recorded: record, perToy: 1, target: 60, seed: 2) == 9)
        #expect(throws: InputError.self) { try count(recorded: nil, perToy: nil, target: 60) }
        #expect(ShardSizing.toysPerMinute(threads: 2, perToy: 0.7) == 172 && ShardSizing.toysPerMinute(threads: 1, perToy: 100) == 1)
    }

    @Test("the per-process cap raises a calibrated count and says from what; given counts and records are kept as they are")
    func cappedCount() throws {
        func sizing(nshards: Int? = nil, recorded: BatchStudy? = nil, most: Int) throws -> (shards: Int, raisedFrom: Int?) {
            try ShardSizing.sizing(ntoys: 1000, seed: 1, toyArguments: ["--mu", "0"], threads: 2, nshards: nshards, recorded: recorded,
                                   perToy: 1, targetSeconds: 60, mostPerShard: most, studyFile: "t.study.json")
        }
        // 60 s shards on 2 threads hold 120 toys: 9 shards; at most 50 toys per process: 20 shards
        let capped = try sizing(most: 50)
        #expect(capped.shards == 20 && capped.raisedFrom == 9)
        let free = try sizing(most: 500)
        #expect(free.shards == 9 && free.raisedFrom == nil)
        #expect(try sizing(nshards: 3, most: 50).raisedFrom == nil)
        let record = BatchStudy(ntoys: 1000, nshards: 5, seed: 1, toyArguments: ["--mu", "0"], modelDigest: nil)
        let kept = try sizing(recorded: record, most: 50)
        #expect(kept.shards == 5 && kept.raisedFrom == nil)
        // a coverage study's record is not a toys study's
        let coverage = BatchStudy(ntoys: 1000, nshards: 5, seed: 1, toyArguments: ["--mu", "0"], modelDigest: nil, kind: .coverage)
        #expect(try sizing(recorded: coverage, most: 50).shards == 20)
    }
}
