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
    /// index, or a non-finite number.
    public static func parse(line bytes: [UInt8]) -> ToyRecord? {
        let r = FlatRecordScanner.scan(bytes) ?? (try? JSONDecoder().decode(ToyRecord.self, from: Data(bytes)))
        guard let r, r.toy >= 0, r.muNuHat.isFinite, r.sHat.isFinite, r.sHatError.isFinite, r.statistic.isFinite,
              r.nllFree.isFinite, r.nllConstrained.isFinite else { return nil }
        return r
    }
}

/// The fast path of ``ToyRecord/parse(line:)``: `{"key":value,…}` with plain ASCII keys, every
/// record key exactly once, numbers in JSON grammar and `true`/`false`. Returns nil (so the
/// caller falls back to `JSONDecoder`) on anything else.
enum FlatRecordScanner {
    static func scan(_ b: [UInt8]) -> ToyRecord? {
        var i = 0
        let n = b.count
        func ws() { while i < n, b[i] == 0x20 || b[i] == 0x09 { i += 1 } }
        ws()
        guard i < n, b[i] == UInt8(ascii: "{") else { return nil }
        i += 1
        var toy: Int?, converged: Bool?, failed: Bool?
        var nums = [Double?](repeating: nil, count: 6)  // mu_nu_hat, s_hat, s_hat_error, statistic, nll_free, nll_constrained
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
            let key = String(decoding: b[k0..<i], as: UTF8.self)
            i += 1
            ws()
            guard i < n, b[i] == UInt8(ascii: ":") else { return nil }
            i += 1
            ws()
            switch key {
            case "converged", "failed":
                let v: Bool
                if b[i...].starts(with: Array("true".utf8)) { v = true; i += 4 } else if b[i...].starts(with: Array("false".utf8)) { v = false; i += 5 } else { return nil }
                if key == "converged" { guard converged == nil else { return nil }; converged = v } else { guard failed == nil else { return nil }; failed = v }
            case "toy":
                guard toy == nil, let (v, next) = number(b, i), v.isInteger,
                      let t = Int(String(decoding: b[i..<next], as: UTF8.self)) else { return nil }
                toy = t
                i = next
            default:
                guard let slot = ["mu_nu_hat", "s_hat", "s_hat_error", "statistic", "nll_free", "nll_constrained"].firstIndex(of: key),
                      nums[slot] == nil, let (v, next) = number(b, i) else { return nil }
                nums[slot] = v.value
                i = next
            }
        }
        ws()
        guard i == n, let toy, let converged, let failed, let a = nums[0], let s = nums[1], let e = nums[2], let t = nums[3],
              let f = nums[4], let c = nums[5] else { return nil }
        return ToyRecord(toy: toy, muNuHat: a, sHat: s, sHatError: e, statistic: t, nllFree: f, nllConstrained: c,
                         converged: converged, failed: failed)
    }

    struct Number {
        var value: Double
        var isInteger: Bool
    }

    /// A JSON number starting at `i`: its value and the index after it.
    static func number(_ b: [UInt8], _ start: Int) -> (Number, Int)? {
        var i = start
        let n = b.count
        func digits() -> Int {
            let s = i
            while i < n, b[i] >= 0x30, b[i] <= 0x39 { i += 1 }
            return i - s
        }
        if i < n, b[i] == UInt8(ascii: "-") { i += 1 }
        guard i < n else { return nil }
        if b[i] == 0x30 { i += 1 } else { guard digits() > 0 else { return nil } }
        var integer = true
        if i < n, b[i] == UInt8(ascii: ".") {
            i += 1
            integer = false
            guard digits() > 0 else { return nil }
        }
        if i < n, b[i] == UInt8(ascii: "e") || b[i] == UInt8(ascii: "E") {
            i += 1
            integer = false
            if i < n, b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { return nil }
        }
        guard i - start <= 40, let v = Double(String(decoding: b[start..<i], as: UTF8.self)) else { return nil }
        return (Number(value: v, isInteger: integer), i)
    }
}
