import Formats

extension HEPDataTable {
    /// The bins of an independent variable, in keV (``binEdgesKeV(variable:)``: sorted,
    /// contiguous, every entry with `low` and `high`).
    public func bins(variable: Int = 0) throws -> EnergyBins {
        try EnergyBins(edges: try binEdgesKeV(variable: variable))
    }
}
