import Detector
import Foundation

/// Which datasets of a result are digitised from published figures rather than official
/// releases (issue 12: digitised data are flagged wherever they enter a result).
public enum DigitisedDatasets {
    /// The digitised datasets among `names` (dataset or channel names), from their dataset specs
    /// in the data folder. A name that is not a dataset found there (a hand-written model spec's
    /// channel) is not flagged: there is no spec to say so.
    public static func among(_ names: [String], dataDirectory: String?) -> [String] {
        names.filter { (try? DataLocator.spec(named: $0, dataDirectory: dataDirectory).spec.isDigitised) == true }
    }

    /// The line printed under a table whose result uses digitised data.
    public static func footer(_ names: [String]) -> String {
        "DIGITISED DATA: \(names.joined(separator: ", ")) — read off published figures by third parties, not an official release; see `nmmfit datasets show NAME` for the assumptions."
    }
}
