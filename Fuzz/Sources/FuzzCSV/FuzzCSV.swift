import Foundation
import Recoil

// libFuzzer entry: every input must be handled without a crash (errors are fine).
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt

@main
struct FuzzEntry {
    static func main() {
        var argc = CommandLine.argc
        var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in
            let bytes = UnsafeBufferPointer(start: data, count: size)
            let text = String(decoding: bytes, as: UTF8.self)
            if let t = try? CSVTable(text: text, file: "fuzz.csv") {
                for c in t.columns { _ = try? t.requireIncreasing(c); _ = try? t.requireNonNegative(c, integer: true) }
                if let lo = try? t.column("E_lo_keV"), let hi = try? t.column("E_hi_keV") {
                    _ = try? EnergyBins(lowerEdges: lo, upperEdges: hi, file: "fuzz.csv", lines: t.lines)
                }
            }
            return 0
        })
    }
}
