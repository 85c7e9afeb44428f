import Foundation
import FuzzDriver
import Likelihood

@main
struct FuzzEntry {
    static func main() {
        runFuzzer { bytes in
            let data = Data(bytes)
            for yaml in [false, true] {
                if let spec = try? ModelSpec.decode(data, file: "fuzz", yaml: yaml), let model = try? BinnedModel(spec: spec) {
                    _ = model.nll(model.initial, model.observed)
                }
            }
        }
    }
}
