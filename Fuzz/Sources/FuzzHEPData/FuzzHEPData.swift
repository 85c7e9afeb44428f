import Foundation
import FuzzDriver
import Detector
import Formats

/// HEPData YAML tables (issue #17): parse, then everything the dataset loader asks of a table.
@main
struct FuzzEntry {
    static func main() {
        runFuzzer { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            guard let t = try? HEPDataTable(text: text, file: "fuzz.yaml") else { return }
            _ = try? t.bins()
            _ = try? t.energyScaleToKeV()
            if let csv = try? t.csvTable() {
                for c in csv.columns { _ = try? csv.requireIncreasing(c); _ = try? csv.requireNonNegative(c, integer: true) }
            }
        }
    }
}
