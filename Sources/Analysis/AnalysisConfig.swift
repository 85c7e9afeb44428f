import Detector
import Formats
import Foundation
import Likelihood
import Recoil

/// What to fit: datasets, windows and the physics options, as a user states them.
public struct AnalysisConfig: Sendable {
    /// One dataset with its window and bin width.
    public struct Channel: Sendable {
        public var dataset: String
        /// Lower edge of the window (keV); nil for the dataset's default.
        public var emin: Double?
        /// Upper edge of the window (keV); nil for the dataset's default.
        public var emax: Double?
        /// Bin width for unbinned data; nil for the dataset's default.
        public var binWidthKeV: Double?
        /// Changes to the dataset's spec (overrides), applied before it is loaded.
        public var overrides: [DatasetSpec.Override]
        public init(dataset: String, emin: Double? = nil, emax: Double? = nil, binWidthKeV: Double? = nil,
                    overrides: [DatasetSpec.Override] = []) {
            self.dataset = dataset
            self.emin = emin
            self.emax = emax
            self.binWidthKeV = binWidthKeV
            self.overrides = overrides
        }
        /// A window [emin, emax] keV.
        public init(dataset: String, window: ClosedRange<Double>, binWidthKeV: Double? = nil) {
            self.init(dataset: dataset, emin: window.lowerBound, emax: window.upperBound, binWidthKeV: binWidthKeV)
        }
    }

    public var channels: [Channel]
    public var recoil: RecoilModel
    public var tritium: ModelBuilder.Tritium
    public var efficiencyShape: Bool
    public var solarFluxNuisance: Bool
    /// Data folder chosen by the user (nil: ``DataLocator`` looks for it).
    public var dataDirectory: String?
    /// How a dataset with an open ³H hypothesis enters a fit of two or more datasets.
    public var combinationPolicy: CombinationPolicy
    /// When the shared atomic-binding nuisance enters (default: in combinations).
    public var atomicNuisance: AtomicNuisanceChoice
    /// The signal model whose parameter of interest is fitted (default: the universal μν).
    public var signal: RecoilSignalModel = .muNu

    public init(channels: [Channel] = [Channel(dataset: "xenon1t_sr1")], recoil: RecoilModel = RecoilModel(),
                tritium: ModelBuilder.Tritium = .none, efficiencyShape: Bool = false, solarFluxNuisance: Bool = true,
                dataDirectory: String? = nil, combinationPolicy: CombinationPolicy = .default,
                atomicNuisance: AtomicNuisanceChoice = .auto) {
        self.channels = channels
        self.recoil = recoil
        self.tritium = tritium
        self.efficiencyShape = efficiencyShape
        self.solarFluxNuisance = solarFluxNuisance
        self.dataDirectory = dataDirectory
        self.combinationPolicy = combinationPolicy
        self.atomicNuisance = atomicNuisance
    }

    /// The name that stands for every dataset found in the data folder (`all`).
    public static let allDatasets = DataLocator.allDatasetsName

    /// Dataset names with `all` replaced by every dataset of the data folder (sorted by name),
    /// keeping the first occurrence of each; a name given twice is an error (a dataset enters a
    /// fit once), a name that `all` also selects is not.
    public static func expand(_ names: [String], dataDirectory: String?) throws -> [String] {
        var out: [String] = []
        for (i, n) in names.enumerated() {
            if n != allDatasets && names[..<i].contains(n) {
                throw InputError("dataset '\(n)' is given twice; give each dataset once")
            }
            let add = n == allDatasets ? DataLocator.available(in: try DataLocator.dataDirectory(explicit: dataDirectory)) : [n]
            for a in add where !out.contains(a) { out.append(a) }
        }
        return out
    }

    /// The model builder for these options.
    public var builder: ModelBuilder {
        var b = ModelBuilder(recoil: recoil, tritium: tritium, efficiencyShape: efficiencyShape, solarFluxNuisance: solarFluxNuisance)
        b.signal = signal
        return b
    }

    /// Loads the datasets, folds the signal and builds the model.
    public func buildModel() throws -> (model: BinnedModel, inputs: [ModelBuilder.ChannelInput]) {
        let p = try prepare()
        return (p.model, p.inputs)
    }

    /// A built model with the builder that made it and, for two or more datasets, what the
    /// combination policy did.
    struct Prepared {
        var model: BinnedModel
        var inputs: [ModelBuilder.ChannelInput]
        var builder: ModelBuilder
        var policy: CombinationPolicy.Record?
    }

    /// Loads the datasets, applies the ``CombinationPolicy`` when there are two or more, folds
    /// the signal and builds the model.
    func prepare() throws -> Prepared {
        var seen = Set<String>()
        for c in channels where !seen.insert(c.dataset).inserted {
            throw InputError(field: "dataset", "dataset '\(c.dataset)' is given twice; each dataset can enter a fit once")
        }
        var ds = try channels.map { c -> (Dataset, ClosedRange<Double>?, Double?) in
            let d = try DataLocator.dataset(named: c.dataset, dataDirectory: dataDirectory, overrides: c.overrides)
            let lo = c.emin ?? d.spec.defaultWindowKeV[0], hi = c.emax ?? d.spec.defaultWindowKeV[1]
            guard lo.isFinite, hi.isFinite, lo > 0, hi > lo else {
                throw InputError(field: "emin/emax", "energy window [\(lo), \(hi)] keV for \(c.dataset) is empty or not positive (the dataset's default window is \(d.spec.defaultWindowKeV[0])–\(d.spec.defaultWindowKeV[1]) keV)")
            }
            return (d, lo...hi, c.binWidthKeV)
        }
        var b = builder
        var record: CombinationPolicy.Record?
        if ds.count >= 2 {
            let open = ds.map(\.0.spec).filter(CombinationPolicy.hasOpenTritium).map(\.name)
            var freed: [String] = [], excluded: [String] = []
            switch combinationPolicy {
            case .tritiumFree:
                freed = open
                b.tritiumFreeDatasets = Set(open)
            case .tritiumZero:
                freed = tritium == .free ? open : []
            case .exclude:
                excluded = open
                ds.removeAll { open.contains($0.0.spec.name) }
                guard !ds.isEmpty else {
                    throw InputError(field: "combination policy", "the combination policy '\(combinationPolicy.rawValue)' leaves out every dataset given (\(open.joined(separator: ", ")))")
                }
            }
            record = CombinationPolicy.Record(name: combinationPolicy, description: combinationPolicy.description(affected: open),
                                              openTritiumDatasets: open, tritiumFreeDatasets: freed, excludedDatasets: excluded)
        }
        b.atomicNuisance = atomicNuisance.applies(datasets: ds.count)
        if b.atomicNuisance && record != nil {
            record!.atomicNuisance = ModelBuilder.atomicParameter
            record!.description += "; atomic binding: \(recoil.binding.name) with one nuisance \(ModelBuilder.atomicParameter) shared by all datasets (±1σ = the difference to \(b.atomicAlternative.name == "free" ? "free electrons" : b.atomicAlternative.name))"
        }
        let (spec, inputs) = try b.build(datasets: ds)
        return Prepared(model: try BinnedModel(spec: spec), inputs: inputs, builder: b, policy: record)
    }
}
