import Foundation
import Recoil

/// What to fit: datasets, windows and the physics options, as a user states them.
public struct AnalysisConfig: Sendable {
    /// One dataset with its window and bin width.
    public struct Channel: Sendable {
        public var dataset: String
        /// Window [emin, emax] keV; nil for the dataset's default.
        public var window: ClosedRange<Double>?
        /// Bin width for unbinned data; nil for the dataset's default.
        public var binWidthKeV: Double?
        public init(dataset: String, window: ClosedRange<Double>? = nil, binWidthKeV: Double? = nil) {
            self.dataset = dataset
            self.window = window
            self.binWidthKeV = binWidthKeV
        }
    }

    public var channels: [Channel]
    public var recoil: RecoilModel
    public var tritium: ModelBuilder.Tritium
    public var efficiencyShape: Bool
    public var solarFluxNuisance: Bool
    /// Data folder override (`--data-dir`).
    public var dataDirectory: String?

    public init(channels: [Channel] = [Channel(dataset: "xenon1t_sr1")], recoil: RecoilModel = RecoilModel(),
                tritium: ModelBuilder.Tritium = .none, efficiencyShape: Bool = false, solarFluxNuisance: Bool = true,
                dataDirectory: String? = nil) {
        self.channels = channels
        self.recoil = recoil
        self.tritium = tritium
        self.efficiencyShape = efficiencyShape
        self.solarFluxNuisance = solarFluxNuisance
        self.dataDirectory = dataDirectory
    }

    /// Loads the datasets, folds the signal and builds the model.
    public func buildModel() throws -> (model: BinnedModel, inputs: [ModelBuilder.ChannelInput]) {
        let builder = ModelBuilder(recoil: recoil, tritium: tritium, efficiencyShape: efficiencyShape,
                                   solarFluxNuisance: solarFluxNuisance)
        let ds = try channels.map { c in
            (try DataLocator.dataset(named: c.dataset, dataDirectory: dataDirectory), c.window, c.binWidthKeV)
        }
        let (spec, inputs) = try builder.build(datasets: ds)
        return (try BinnedModel(spec: spec), inputs)
    }
}
