/// The pending shards of a study as Slurm array jobs (sbatch(1), --array): each job's indices
/// are written as ranges ("0-999,1204,1300-1310") with an optional "%N" throttle, every index is
/// below the cluster's MaxArraySize (slurm.conf(5); default 1001), and a specification is kept
/// short (at most ``maxSpecLength`` characters). Shards at or above MaxArraySize go into further
/// array jobs whose task i runs shard `offset + i`.
public struct ArrayJobs: Equatable {
    public struct Job: Equatable {
        /// Shard = offset + array task index.
        public var offset: Int
        /// The array task indices, ascending.
        public var indices: [Int]
        /// "0-3,7" (without the throttle).
        public var ranges: String { ArrayJobs.ranges(indices) }
        public var shards: [Int] { indices.map { $0 + offset } }
    }

    /// Longest --array value written (ranges and throttle); a longer list is split over jobs.
    public static let maxSpecLength = 1000

    public var jobs: [Job]
    public var throttle: Int?

    /// - Parameters:
    ///   - pending: shards to run, ascending.
    ///   - maxArraySize: the cluster's MaxArraySize (array indices are 0…MaxArraySize−1).
    public init(pending: [Int], maxArraySize: Int, throttle: Int?) {
        self.throttle = throttle
        var jobs: [Job] = []
        var byOffset: [Int: [Int]] = [:]
        for s in pending { byOffset[(s / maxArraySize) * maxArraySize, default: []].append(s) }
        for offset in byOffset.keys.sorted() {
            var current: [Int] = []
            for i in byOffset[offset]!.map({ $0 - offset }) {
                let trial = current + [i]
                if !current.isEmpty && Self.ranges(trial).count + (throttle.map { "%\($0)".count } ?? 0) > Self.maxSpecLength {
                    jobs.append(Job(offset: offset, indices: current))
                    current = [i]
                } else {
                    current = trial
                }
            }
            if !current.isEmpty { jobs.append(Job(offset: offset, indices: current)) }
        }
        self.jobs = jobs
    }

    /// The --array value of a job: its ranges and the throttle.
    public func spec(_ job: Job) -> String { job.ranges + (throttle.map { "%\($0)" } ?? "") }

    /// "0-3,5,7-9" for [0, 1, 2, 3, 5, 7, 8, 9] (ascending input).
    public static func ranges(_ xs: [Int]) -> String {
        var parts: [String] = []
        var i = 0
        while i < xs.count {
            var j = i
            while j + 1 < xs.count && xs[j + 1] == xs[j] + 1 { j += 1 }
            parts.append(j == i ? "\(xs[i])" : "\(xs[i])-\(xs[j])")
            i = j + 1
        }
        return parts.joined(separator: ",")
    }
}
