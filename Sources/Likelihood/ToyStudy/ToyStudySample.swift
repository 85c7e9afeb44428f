import Formats
import Foundation

/// The test statistics of a complete toy study, read from a merged (or single-run) toys file in
/// a stream: what the conclusions (toy p-values, Feldman–Cousins critical values, coverage)
/// are computed from.
public struct ToyStudySample: Sendable {
    public var path: String
    public var header: ToyFileHeader
    /// The statistic of every toy whose fits did not throw, in toy order.
    public var statistics: [Double]
    /// Toys whose fit threw (excluded from `statistics`).
    public var failed: Int
    /// Toys whose fits did not converge (kept).
    public var nonConverged: Int
    /// A Feldman–Cousins coverage study (``ToyFileHeader/criticalValues``): each toy's own
    /// critical value, parallel to `statistics` (−1 where there is none); nil otherwise.
    public var criticalValues: [Double]? = nil

    /// The number of toys in the study.
    public var toys: Int { header.totalToys }

    /// Reads a whole study: header with shard 0 of 1, then toys 0…N−1 in order.
    public static func load(path: String) throws -> ToyStudySample {
        let reader = try ToyFileReader(path: path)
        let header = try reader.header()
        guard header.nshards == 1 else {
            throw InputError(file: path, line: 1, "is shard \(header.shard) of \(header.nshards), not a whole study; merge the shards first (nmmfit merge)")
        }
        var values: [Double] = [], critical: [Double]? = header.criticalValues == nil ? nil : []
        var failed = 0, nonConverged = 0, next = 0
        while let line = try reader.next() {
            guard line.complete else { throw InputError(file: path, line: line.number, "the last line is cut off; re-run or resume the study") }
            guard let r = ToyRecord.parse(line: line.bytes) else { throw InputError(file: path, line: line.number, "malformed toy line") }
            guard header.admits(r) else { throw InputError(file: path, line: line.number, header.mismatchMessage(r)) }
            guard r.toy == next, next < header.totalToys else {
                throw InputError(file: path, line: line.number, "toy \(r.toy) where toy \(next) was due: the file is not a complete study in order (merge it with nmmfit merge)")
            }
            next += 1
            if r.failed { failed += 1; continue }
            if !r.converged { nonConverged += 1 }
            values.append(r.statistic)
            critical?.append(r.criticalValue ?? -1)
        }
        guard next == header.totalToys else {
            throw InputError(file: path, "holds \(next) of the study's \(header.totalToys) toys; finish the study (resume, or merge all shards) first")
        }
        return ToyStudySample(path: path, header: header, statistics: values, failed: failed, nonConverged: nonConverged,
                              criticalValues: critical)
    }
}
