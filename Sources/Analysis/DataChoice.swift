import Detector
import Foundation
import Likelihood
import Recoil

/// What a model is built from, as every front end names it (the CLI's data options, the C
/// interface's request keys): a model spec file, or datasets with their windows, `--set` changes
/// and model choices. The one place that turns these choices into an ``AnalysisConfig`` or a model.
public struct DataChoice: Sendable {
    /// Dataset names ("all" expands to every dataset found); empty: XENON1T SR1.
    public var datasets: [String]
    public var windows: [DatasetWindow]
    public var overrides: [DatasetSpec.Override]
    /// Window edges (keV) for every dataset without its own window; nil: each dataset's default.
    public var eminKeV: Double?
    public var emaxKeV: Double?
    /// Bin width (keV) of unbinned datasets.
    public var binWidthKeV: Double?
    public var tritium: ModelBuilder.Tritium
    public var efficiencyShape: Bool
    public var solarFluxNuisance: Bool
    public var combinationPolicy: CombinationPolicy
    public var atomicNuisance: AtomicNuisanceChoice
    /// A model spec file (as written by `--save-spec`) that fixes data, windows and physics.
    public var spec: String?
    public var dataDirectory: String?

    /// The dataset used when none is named.
    public static let defaultDataset = "xenon1t_sr1"

    public init(datasets: [String] = [], windows: [DatasetWindow] = [], overrides: [DatasetSpec.Override] = [],
                eminKeV: Double? = nil, emaxKeV: Double? = nil, binWidthKeV: Double? = nil, tritium: ModelBuilder.Tritium = .none,
                efficiencyShape: Bool = false, solarFluxNuisance: Bool = true, combinationPolicy: CombinationPolicy = .default,
                atomicNuisance: AtomicNuisanceChoice = .auto, spec: String? = nil, dataDirectory: String? = nil) {
        self.datasets = datasets
        self.windows = windows
        self.overrides = overrides
        self.eminKeV = eminKeV
        self.emaxKeV = emaxKeV
        self.binWidthKeV = binWidthKeV
        self.tritium = tritium
        self.efficiencyShape = efficiencyShape
        self.solarFluxNuisance = solarFluxNuisance
        self.combinationPolicy = combinationPolicy
        self.atomicNuisance = atomicNuisance
        self.spec = spec
        self.dataDirectory = dataDirectory
    }

    /// The dataset names, "all" expanded (XENON1T SR1 when none is named).
    public func datasetNames() throws -> [String] {
        try AnalysisConfig.expand(datasets.isEmpty ? [Self.defaultDataset] : datasets, dataDirectory: dataDirectory)
    }

    /// The channels: one per dataset, with its window, bin width and `--set` changes.
    public func channels() throws -> [AnalysisConfig.Channel] {
        try DatasetWindow.channels(names: try datasetNames(), windows: windows, overrides: overrides,
                                   emin: eminKeV, emax: emaxKeV, binWidthKeV: binWidthKeV)
    }

    /// The analysis configuration with the recoil physics `recoil`.
    public func config(recoil: RecoilModel) throws -> AnalysisConfig {
        try config(channels: try channels(), recoil: recoil)
    }

    /// The analysis configuration of `channels` (from ``channels()``) with the recoil physics `recoil`.
    public func config(channels: [AnalysisConfig.Channel], recoil: RecoilModel) throws -> AnalysisConfig {
        AnalysisConfig(channels: channels, recoil: recoil, tritium: tritium, efficiencyShape: efficiencyShape,
                       solarFluxNuisance: solarFluxNuisance, dataDirectory: dataDirectory,
                       combinationPolicy: combinationPolicy, atomicNuisance: atomicNuisance)
    }

    /// The model: read from ``spec``, or built from the datasets.
    public func model(recoil: RecoilModel) throws -> BinnedModel {
        if let spec = try runSpec() { return try BinnedModel(spec: spec.model) }
        return try config(recoil: recoil).buildModel().model
    }

    /// The parameters of the tritium hypothesis in `model`: the components declared
    /// `role: tritium` in the datasets' specs (with the `--set` changes); for a model spec file,
    /// which declares no roles, its parameters named as tritium amplitudes.
    public func tritiumParameters(of model: BinnedModel) throws -> [String] {
        guard spec == nil else { return ModelNames.tritiumParameters(model.parameterNames) }
        let specs = try channels().map { c in
            let (s, file) = try DataLocator.spec(named: c.dataset, dataDirectory: dataDirectory)
            return try s.applying(c.overrides, file: file.path)
        }
        return ModelNames.tritiumParameters(datasets: specs).filter(model.parameterNames.contains)
    }

    /// A model choice that acts only on some data: given, whether it acts on `channels`, and
    /// when it acts (completing "… applies only …").
    public struct Applicability: Sendable {
        public enum Choice: Sendable { case tritium, efficiencyShape }
        public var choice: Choice
        public var given: Bool
        public var acts: Bool
        public var when: String
    }

    /// The choices that depend on the datasets (their specs with the `--set` changes): a free
    /// tritium amplitude needs a tritium component, the efficiency-shape nuisance an efficiency
    /// table with ±1σ columns, in at least one dataset. Empty when neither is chosen.
    public func applicability(_ channels: [AnalysisConfig.Channel]) throws -> [Applicability] {
        guard tritium != .none || efficiencyShape else { return [] }
        let specs = try channels.map { c in
            let (spec, file) = try DataLocator.spec(named: c.dataset, dataDirectory: dataDirectory)
            return try spec.applying(c.overrides, file: file.path)
        }
        let names = specs.map(\.name).joined(separator: ", ")
        return [
            Applicability(choice: .tritium, given: tritium != .none,
                          acts: specs.contains { $0.backgrounds.contains(where: \.isTritiumHypothesis) },
                          when: "to a dataset with a tritium background component (\"role\": \"tritium\" in its dataset spec); \(names) has none"),
            Applicability(choice: .efficiencyShape, given: efficiencyShape,
                          acts: specs.contains { $0.efficiency.sigmaUpColumn != nil && $0.efficiency.sigmaDownColumn != nil },
                          when: "to a dataset whose efficiency table has ±1σ columns (sigma_up_column, sigma_down_column); \(names) has none"),
        ]
    }
}
