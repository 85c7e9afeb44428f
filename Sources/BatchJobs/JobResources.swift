import Foundation

/// Resource values for job files: parsing of Slurm time limits and memory sizes, so both batch
/// systems get the same, checked numbers.
public enum JobResources {
    /// Seconds of a Slurm time limit: MM, MM:SS, HH:MM:SS, D-HH, D-HH:MM or D-HH:MM:SS (sbatch(1),
    /// option --time). Nil when the text is none of these or the value is 0.
    public static func seconds(slurmTime t: String) -> Int? {
        guard t.range(of: "^([0-9]{1,5}-)?[0-9]{1,6}(:[0-9]{1,2}){0,2}$", options: .regularExpression) != nil else { return nil }
        var days = 0
        var rest = Substring(t)
        if let dash = t.firstIndex(of: "-") {
            days = Int(t[..<dash])!
            rest = t[t.index(after: dash)...]
        }
        let parts = rest.split(separator: ":").map { Int($0)! }
        let s: Int
        if t.contains("-") {
            // D-HH, D-HH:MM, D-HH:MM:SS
            s = days * 86400 + parts[0] * 3600 + (parts.count > 1 ? parts[1] * 60 : 0) + (parts.count > 2 ? parts[2] : 0)
        } else {
            switch parts.count {
            case 1: s = parts[0] * 60
            case 2: s = parts[0] * 60 + parts[1]
            default: s = parts[0] * 3600 + parts[1] * 60 + parts[2]
            }
        }
        return s > 0 ? s : nil
    }

    /// Megabytes of a size with an optional K, M, G or T suffix (Slurm's --mem units; no suffix
    /// means MB). Nil for anything else, 0, or more than 2⁴⁰ MB.
    public static func megabytes(_ m: String) -> Int? {
        guard let r = m.range(of: "^([0-9]{1,9})([KMGTkmgt]?)$", options: .regularExpression), r == m.startIndex..<m.endIndex else { return nil }
        let unit = m.last!.isLetter ? m.last!.uppercased() : "M"
        let n = Int(m.filter(\.isNumber))!
        let mb: Int = switch unit {
        case "K": (n + 1023) / 1024
        case "G": n * 1024
        case "T": n * 1024 * 1024
        default: n
        }
        return mb > 0 ? mb : nil
    }
}

extension JobResources {
    /// "45 s", "12 min", "3.2 h" for a duration in seconds.
    public static func duration(_ s: Double) -> String {
        if s < 90 { return "\(Int(s.rounded())) s" }
        if s < 5400 { return "\(Int((s / 60).rounded())) min" }
        return "\(Double(Int(s / 360)) / 10) h"
    }
}

extension JobResources {
    /// Memory of retry `retry` (0 = first attempt): `megabytes` × `factor`^retry, rounded up.
    public static func megabytes(_ megabytes: Int, factor: Double, retry: Int) -> Int {
        var m = Double(megabytes)
        for _ in 0..<max(0, retry) { m *= factor }
        return Int(m.rounded(.up))
    }
}

extension JobResources {
    /// The --mem of retry `retry` (0 = first attempt): `mem` × `factor`^retry in MB ("800M"), or
    /// `mem` itself on the first attempt, with factor 1, or when it is not a size.
    public static func memory(_ mem: String, factor: Double, retry: Int) -> String {
        guard retry > 0, factor != 1, let mb = megabytes(mem) else { return mem }
        return "\(megabytes(mb, factor: factor, retry: retry))M"
    }
}
