import Foundation

/// SHA-256 (FIPS 180-4, §6.2) of a byte string, as lowercase hex: the digest every result
/// records for each data file it read (``RunProvenance/dataDigests``). Written here because
/// Foundation on Linux has no CryptoKit; checked against the system's `sha256sum` in the tests.
public enum SHA256 {
    /// The round constants K (FIPS 180-4, §4.2.2): the first 32 bits of the fractional parts of
    /// the cube roots of the first 64 primes — computed, not typed.
    static let k: [UInt32] = primes(64).map { p in
        let root = Foundation.cbrt(Double(p))
        return UInt32(truncatingIfNeeded: Int64((root - root.rounded(.down)) * 4294967296.0))
    }

    /// The initial hash H⁽⁰⁾ (FIPS 180-4, §5.3.3): the first 32 bits of the fractional parts of
    /// the square roots of the first 8 primes.
    static let h0: [UInt32] = primes(8).map { p in
        let root = Double(p).squareRoot()
        return UInt32(truncatingIfNeeded: Int64((root - root.rounded(.down)) * 4294967296.0))
    }

    static func primes(_ n: Int) -> [Int] {
        var out: [Int] = []
        var c = 2
        while out.count < n {
            if !out.contains(where: { c % $0 == 0 }) { out.append(c) }
            c += 1
        }
        return out
    }

    /// The digest of `data`, 64 lowercase hex digits.
    public static func hex(_ data: Data) -> String {
        var state = State()
        state.update(data)
        return state.finish()
    }

    /// The digest of a file's bytes, read in blocks (a toys file may be larger than memory):
    /// only a regular file is read, as by ``TextInput``.
    /// - Throws: ``InputError`` naming the path.
    public static func hex(file path: String) throws -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK)
        guard fd >= 0 else { throw InputError(file: path, "cannot read the file to record its digest: \(OSErrorText.describe(errno: errno))") }
        defer { close(fd) }
        var st = stat()
        guard fstat(fd, &st) == 0 else { throw InputError(file: path, "cannot read the file: \(OSErrorText.describe(errno: errno))") }
        if let kind = TextInput.nonRegularKind(st.st_mode) { throw InputError(file: path, "the data file is \(kind), not a regular file") }
        var state = State()
        var buf = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = buf.withUnsafeMutableBytes { Foundation.read(fd, $0.baseAddress, $0.count) }
            if n < 0 {
                if errno == EINTR { continue }
                throw InputError(file: path, "cannot read the file: \(OSErrorText.describe(errno: errno))")
            }
            if n == 0 { break }
            state.update(buf[0..<n])
        }
        return state.finish()
    }

    /// The running hash: the eight words H and the bytes not yet in a full 64-byte block.
    struct State {
        var h = SHA256.h0
        var pending: [UInt8] = []
        var length: UInt64 = 0
        var w = [UInt32](repeating: 0, count: 64)

        mutating func update<C: Collection>(_ bytes: C) where C.Element == UInt8 {
            length &+= UInt64(bytes.count)
            pending.append(contentsOf: bytes)
            var start = 0
            while pending.count - start >= 64 {
                block(start)
                start += 64
            }
            if start > 0 { pending.removeFirst(start) }
        }

        mutating func finish() -> String {
            let bits = length &* 8
            pending.append(0x80)
            while pending.count % 64 != 56 { pending.append(0) }
            for i in (0..<8).reversed() { pending.append(UInt8(truncatingIfNeeded: bits >> (UInt64(i) * 8))) }
            var start = 0
            while start < pending.count {
                block(start)
                start += 64
            }
            pending = []
            return h.map { String(format: "%08x", $0) }.joined()
        }

        @inline(__always) func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

        /// One 64-byte block of `pending` from `start` (FIPS 180-4, §6.2.2).
        mutating func block(_ chunk: Int) {
            for t in 0..<16 {
                let b = chunk + 4 * t
                w[t] = UInt32(pending[b]) << 24 | UInt32(pending[b + 1]) << 16 | UInt32(pending[b + 2]) << 8 | UInt32(pending[b + 3])
            }
            for t in 16..<64 {
                let s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3)
                let s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10)
                w[t] = w[t - 16] &+ s0 &+ w[t - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, hh) = (h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7])
            for t in 0..<64 {
                let t1 = hh &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ ((e & f) ^ (~e & g)) &+ SHA256.k[t] &+ w[t]
                let t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) ^ (a & c) ^ (b & c))
                (hh, g, f, e, d, c, b, a) = (g, f, e, d &+ t1, c, b, a, t1 &+ t2)
            }
            for (i, v) in [a, b, c, d, e, f, g, hh].enumerated() { h[i] = h[i] &+ v }
        }
    }
}
