import Foundation

extension ToyRecord {
    /// The records as JSON lines (sorted keys), the exact bytes `nmmfit toys` writes.
    public static func jsonLines(_ records: [ToyRecord]) throws -> [UInt8] {
        let enc = JSONEncoder()
        enc.outputFormatting = [.sortedKeys]
        var out: [UInt8] = []
        for r in records {
            out += try enc.encode(r)
            out.append(0x0A)
        }
        return out
    }

    /// Parses one toy line (a flat JSON object with the record's keys). Lines in the exact form
    /// the writer produces take a fast path; anything else goes through `JSONDecoder`. Returns
    /// nil for anything that is not a valid record: wrong JSON, a missing key, a negative toy
    /// index, or a non-finite number. `critical_value` is optional (Feldman–Cousins coverage
    /// files, format 4; whether a file's records must carry it is ``ToyFileHeader/admits(_:)``).
    public static func parse(line bytes: [UInt8]) -> ToyRecord? {
        let r = FlatRecordScanner.scan(bytes) ?? (try? JSONDecoder().decode(ToyRecord.self, from: Data(bytes)))
        guard let r, r.toy >= 0, r.muNuHat.isFinite, r.sHat.isFinite, r.sHatError.isFinite, r.statistic.isFinite,
              r.nllFree.isFinite, r.nllConstrained.isFinite, r.criticalValue?.isFinite ?? true else { return nil }
        return r
    }
}

/// The fast path of ``ToyRecord/parse(line:)``: `{"key":value,…}` with plain ASCII keys, every
/// record key exactly once (`critical_value` at most once), numbers in JSON grammar and `true`/`false`. Returns nil (so the
/// caller falls back to `JSONDecoder`) on anything else. Works on the bytes without allocating.
enum FlatRecordScanner {
    /// The record's keys; slots 0–5 are numbers, 6 the toy index, 7–8 the flags (all required),
    /// 9 the optional critical value (a number).
    static let keys: [[UInt8]] = ["mu_nu_hat_muB", "s_hat", "s_hat_error", "statistic", "nll_free", "nll_constrained", "toy",
                                  "converged", "failed", "critical_value"].map { Array($0.utf8) }

    static func scan(_ bytes: [UInt8]) -> ToyRecord? {
        bytes.withUnsafeBufferPointer { scan($0) }
    }

    static func scan(_ b: UnsafeBufferPointer<UInt8>) -> ToyRecord? {
        var i = 0
        let n = b.count
        @inline(__always) func ws() { while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        ws()
        guard i < n, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var nums = (0.0, 0.0, 0.0, 0.0, 0.0, 0.0)
        var toy = 0, converged = false, failed = false, critical = 0.0
        var seen: UInt16 = 0
        var first = true
        while true {
            ws()
            guard i < n else { return nil }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                break
            }
            if !first {
                guard b[i] == UInt8(ascii: ",") else { return nil }
                i += 1
                ws()
            }
            first = false
            guard i < n, b[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let k0 = i
            while i < n, b[i] != UInt8(ascii: "\"") {
                if b[i] == UInt8(ascii: "\\") || b[i] < 0x20 { return nil }
                i += 1
            }
            guard i < n else { return nil }
            let keyBytes = UnsafeBufferPointer(rebasing: b[k0..<i])
            guard let slot = keys.firstIndex(where: { $0.elementsEqual(keyBytes) }), seen & (1 << slot) == 0 else { return nil }
            seen |= 1 << slot
            i += 1
            ws()
            guard i < n, b[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            ws()
            if slot == 7 || slot == 8 {
                let v: Bool
                if n - i >= 4, b[i] == UInt8(ascii: "t"), b[i + 1] == UInt8(ascii: "r"), b[i + 2] == UInt8(ascii: "u"), b[i + 3] == UInt8(ascii: "e") {
                    v = true
                    i += 4
                } else if n - i >= 5, b[i] == UInt8(ascii: "f"), b[i + 1] == UInt8(ascii: "a"), b[i + 2] == UInt8(ascii: "l"),
                          b[i + 3] == UInt8(ascii: "s"), b[i + 4] == UInt8(ascii: "e") {
                    v = false
                    i += 5
                } else { return nil }
                if slot == 7 { converged = v } else { failed = v }
            } else if slot == 6 {
                // a non-negative integer without sign, fraction or exponent, and no leading zeros
                let s = i
                var v = 0
                while i < n, b[i] >= 0x30, b[i] <= 0x39 {
                    let (m, o1) = v.multipliedReportingOverflow(by: 10)
                    let (a, o2) = m.addingReportingOverflow(Int(b[i] - 0x30))
                    guard !o1, !o2 else { return nil }
                    v = a
                    i += 1
                }
                guard i > s, i - s == 1 || b[s] != 0x30 else { return nil }
                toy = v
            } else {
                guard let (v, next) = number(b, i) else { return nil }
                switch slot {
                case 0: nums.0 = v
                case 1: nums.1 = v
                case 2: nums.2 = v
                case 3: nums.3 = v
                case 4: nums.4 = v
                case 5: nums.5 = v
                default: critical = v
                }
                i = next
            }
        }
        ws()
        guard i == n, seen & 0x1FF == 0x1FF else { return nil }
        return ToyRecord(toy: toy, muNuHat: nums.0, sHat: nums.1, sHatError: nums.2, statistic: nums.3, nllFree: nums.4,
                         nllConstrained: nums.5, converged: converged, failed: failed, criticalValue: seen & 0x200 != 0 ? critical : nil)
    }

    /// A JSON number starting at `start`: its value (strtod on a NUL-terminated copy of at most 40
    /// bytes) and the index after it; nil if the grammar does not match.
    static func number(_ b: UnsafeBufferPointer<UInt8>, _ start: Int) -> (Double, Int)? {
        var i = start
        let n = b.count
        @inline(__always) func digits() -> Int {
            let s = i
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - s
        }
        if i < n, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { return nil }
        if b[i] == 0x30 { i += 1 } else { guard digits() > 0 else { return nil } }
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { return nil }
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        let len = i - start
        guard len <= 40 else { return nil }
        let v: Double = withUnsafeTemporaryAllocation(of: CChar.self, capacity: len + 1) { buf in
            for k in 0..<len { buf[k] = CChar(bitPattern: b[start + k]) }
            buf[len] = 0
            return strtod(buf.baseAddress!, nil)
        }
        return (v, i)
    }
}
