import Foundation
import FuzzDriver
import Detector
import Formats

@main
struct FuzzEntry {
    static func main() {
        runFuzzer { bytes in
            let text = String(decoding: bytes, as: UTF8.self)
            if let t = try? CSVTable(text: text, file: "fuzz.csv") {
                for c in t.columns { _ = try? t.requireIncreasing(c); _ = try? t.requireNonNegative(c, integer: true) }
                if let lo = try? t.column("E_lo_keV"), let hi = try? t.column("E_hi_keV") {
                    _ = try? EnergyBins(lowerEdges: lo, upperEdges: hi, file: "fuzz.csv", lines: t.lines)
                }
        }
        }
    }
}
