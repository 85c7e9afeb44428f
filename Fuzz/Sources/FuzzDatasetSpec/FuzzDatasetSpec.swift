import Foundation
import FuzzDriver
import Detector

@main
struct FuzzEntry {
    static func main() {
        runFuzzer { bytes in
            let data = Data(bytes)
            _ = try? DatasetSpec.decode(data, file: "fuzz.json", yaml: false)
            _ = try? DatasetSpec.decode(data, file: "fuzz.yaml", yaml: true)
        }
    }
}
