import Formats
import Foundation

/// `nmmfit batch --status`: every attempt of a study from OUTDIR/NAME.attempts.jsonl (what was
/// submitted, with which memory and job ids, and how its merge step ended) and the final state.
public struct AttemptsReport {
    public typealias Line = SubmissionRecord

    public var lines: [Line]

    /// Reads the attempts file through ``TextInput`` (a regular file within the reading budget;
    /// none when it does not exist); lines that are not records are skipped (it is a log that
    /// the merge scripts append to).
    public init(reading path: String) throws {
        var st = stat()
        let text = stat(path, &st) == 0 ? try TextInput.read(path: path, what: "attempts record") : ""
        lines = text.split(separator: "\n").compactMap { try? JSONDecoder().decode(Line.self, from: Data($0.utf8)) }
    }

    /// As ``init(reading:)``, with a file that cannot be read taken as empty.
    public init(path: String) {
        self = (try? AttemptsReport(reading: path)) ?? AttemptsReport(lines: [])
    }

    public init(lines: [Line]) { self.lines = lines }

    /// The table of attempts and the final state, given the shards still incomplete.
    public func text(study: String, dir: String, merged: String, nshards: Int, pending: [Int]) -> String {
        var rows = [["attempt", "submitted (UTC)", "automatic", "shards", "memory", "jobs", "merge step"]]
        let submissions = lines.filter { $0.submittedUTC != nil }
        for s in submissions {
            let outcome = lines.last { $0.attempt == s.attempt && $0.merge != nil }
            rows.append([String(s.attempt), s.submittedUTC ?? "", s.automatic == true ? "yes" : "no", s.pendingShards ?? "",
                         s.memory ?? "-", ((s.jobs ?? []) + (s.mergeJob.map { ["merge \($0)"] } ?? [])).joined(separator: ", "),
                         outcome.map { "\($0.merge!) \($0.endedUTC ?? "")" } ?? "not ended"])
        }
        let widths = rows[0].indices.map { c in rows.map { $0[c].count }.max()! }
        var out = ["study '\(study)' in \(dir): \(nshards) shards, \(nshards - pending.count) complete"]
        if submissions.isEmpty { out.append("no submission recorded") } else {
            for (i, r) in rows.enumerated() {
                let row = r.indices.map { r[$0].padding(toLength: widths[$0], withPad: " ", startingAt: 0) }.joined(separator: "  ")
                out.append(String(row.reversed().drop { $0 == " " }.reversed()))
                if i == 0 { out.append(widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")) }
            }
        }
        let last = submissions.last.flatMap { s in lines.last { $0.attempt == s.attempt && $0.merge != nil } }
        let state: String
        if last?.merge == "merged" && FileManager.default.fileExists(atPath: merged) {
            state = "merged into \(merged)"
        } else if last?.merge == "failed" {
            state = "failed after \(submissions.count) attempt\(submissions.count == 1 ? "" : "s"): shards \(ArrayJobs.ranges(pending)) incomplete; resubmit with `nmmfit batch … --submit`"
        } else if submissions.isEmpty {
            state = pending.isEmpty ? "all shards complete; not merged by a batch merge step" : "not submitted"
        } else {
            state = "attempt \(submissions.last!.attempt) running or queued (shards \(pending.isEmpty ? "all complete" : ArrayJobs.ranges(pending) + " incomplete"))"
        }
        out.append("state: \(state)")
        return out.joined(separator: "\n")
    }
}
