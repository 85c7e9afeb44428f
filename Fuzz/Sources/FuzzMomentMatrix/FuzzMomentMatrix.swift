import Foundation
import FuzzDriver
import MomentModels

/// Moment-matrix JSON files (issue #17): parse and validate.
@main
struct FuzzEntry {
    static func main() {
        runFuzzer { bytes in
            _ = try? MomentMatrixFile.parse(Data(bytes), file: "fuzz.json")
        }
    }
}
