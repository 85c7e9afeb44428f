import Formats
import Foundation

/// Merges the shard files of one toy study into one file, in a stream: files are read one at a
/// time, line by line, in the order of their shards' toy ranges, and each line is copied as it
/// is, so memory does not depend on the number of toys and the result equals a single run byte
/// for byte.
///
/// Checks: every file is a toys file of the same study (header equal up to the shard); every
/// line is a toy record of its file's shard, in ascending order; no toy appears twice; no toy is
/// missing unless `allowIncomplete`; every toy comes from one build unless `allowMixedBuilds`
/// (the merged header then names every build). Any failure leaves no output. The merged header
/// is the study's and the build's, without the shards' runs, so it equals a single run's; its
/// provenance is the shards' (``ToysProvenance/merged(_:)``: the same as a single run's when the
/// shards ran the same options; shards that read one data file with different contents are refused).
public enum ToyFileMerge {
    public struct Summary: Sendable, Equatable {
        public var header: ToyFileHeader
        public var toys: Int
        public var files: Int
        public var missing: Int
        /// The first few missing toy indices.
        public var firstMissing: [Int]
    }

    /// - Parameter progress: called now and then with (toys written, toys in the study).
    public static func merge(inputs: [String], to output: String, force: Bool, allowIncomplete: Bool, allowMixedBuilds: Bool = false,
                             progress: ((Int, Int) -> Void)? = nil) throws -> Summary {
        guard !inputs.isEmpty else { throw InputError("give at least one toys file") }
        // 1. headers: one study
        var shards: [(path: String, header: ToyFileHeader)] = []
        for path in inputs {
            let h = try ToyFileReader(path: path).header()
            if let (p0, h0) = shards.first, h0.whole.identity != h.whole.identity {
                throw InputError(file: path, line: 1, "belongs to a different study than \(p0) (seed, μν, statistic, size, model, truth or Feldman–Cousins critical values differ)")
            }
            if let (p1, _) = shards.first(where: { $0.header.shard == h.shard && $0.header.nshards == h.nshards }) {
                throw InputError(file: path, line: 1, "shard \(h.shard)/\(h.nshards) appears twice (also \(p1))")
            }
            shards.append((path, h))
        }
        var study = shards[0].header.whole
        let builds = shards.flatMap { s in [(s.path, s.header.nmmfitVersion, s.header.nmmfitCommit)] + (s.header.runs ?? []).map { (s.path, $0.nmmfitVersion, $0.nmmfitCommit) } }
        if let other = builds.first(where: { $0.1 != builds[0].1 || $0.2 != builds[0].2 }), !allowMixedBuilds {
            throw ToyFileBuildMismatch(path: other.0, message: "has toys of nmmfit \(other.1) (commit \(other.2)), \(builds[0].0) of nmmfit \(builds[0].1) (commit \(builds[0].2)): merging would mix two builds", merging: true)
        }
        study.nmmfitVersion = ToyFileHeader.joined(builds.map(\.1))
        study.nmmfitCommit = ToyFileHeader.joined(builds.map(\.2))
        shards.sort { ($0.header.range.lowerBound, $0.header.range.upperBound) < ($1.header.range.lowerBound, $1.header.range.upperBound) }
        study.provenance = try ToysProvenance.merged(shards.map { ($0.path, $0.header.provenance) })
        // 2. stream
        let writer = try ToyFileWriter(path: output, force: force)
        try writer.write(try study.jsonLine())
        var last = -1, lastFile = "", written = 0, missing = 0
        var firstMissing: [Int] = []
        func gap(_ lo: Int, _ hi: Int) {
            guard hi > lo else { return }
            missing += hi - lo
            for k in lo..<min(hi, lo + 5) where firstMissing.count < 5 { firstMissing.append(k) }
        }
        for (path, h) in shards {
            let reader = try ToyFileReader(path: path)
            _ = try reader.next()
            let range = h.range
            while let line = try reader.next() {
                guard line.complete else {
                    throw InputError(file: path, line: line.number, "the last line is cut off (the shard was interrupted); run its shard again to complete it")
                }
                guard let r = ToyRecord.parse(line: line.bytes) else { throw InputError(file: path, line: line.number, "malformed toy line") }
                guard h.admits(r) else { throw InputError(file: path, line: line.number, h.mismatchMessage(r)) }
                guard range.contains(r.toy) else {
                    throw InputError(file: path, line: line.number, "toy index \(r.toy) is outside shard \(h.shard)/\(h.nshards)'s toys \(range.lowerBound)…\(range.upperBound - 1)")
                }
                if r.toy == last { throw InputError(file: path, line: line.number, "toy \(r.toy) appears twice (also in \(lastFile))") }
                guard r.toy > last else {
                    throw InputError(file: path, line: line.number, "toy \(r.toy) comes after toy \(last) (from \(lastFile)): the lines are out of order or the files overlap")
                }
                gap(last + 1, r.toy)
                try writer.writeLine(line.bytes)
                last = r.toy
                lastFile = path
                written += 1
                if written & 0xFFFF == 0 { progress?(written, study.totalToys) }
            }
        }
        gap(last + 1, study.totalToys)
        if missing > 0 && !allowIncomplete {
            throw InputError("\(missing) of \(study.totalToys) toys are missing (first: \(firstMissing.map(String.init).joined(separator: ", ")))", remedy: .allowIncomplete)
        }
        try writer.commit()
        progress?(written, study.totalToys)
        return Summary(header: study, toys: written, files: shards.count, missing: missing, firstMissing: firstMissing)
    }
}
