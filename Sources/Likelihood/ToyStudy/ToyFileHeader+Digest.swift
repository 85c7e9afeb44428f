import Foundation

extension ToyFileHeader {
    /// FNV-1a (64-bit) over the sorted-key spec JSON and the truth values' bit patterns.
    public static func digest(model: BinnedModel, truth: [Double]) throws -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        func eat(_ bytes: some Sequence<UInt8>) { for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 } }
        eat(try model.spec.jsonData())
        for t in truth { withUnsafeBytes(of: t.bitPattern.littleEndian) { eat($0) } }
        return String(h, radix: 16)
    }
}
