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
            let data = Data(bytes)
            _ = try? DatasetSpec.decode(data, file: "fuzz.json", yaml: false)
            _ = try? DatasetSpec.decode(data, file: "fuzz.yaml", yaml: true)
            return 0
        })
    }
}
