import Detector
import Formats
import Foundation
import Likelihood
import Recoil

/// Builds a ``ModelSpec`` for a μν fit from datasets and a recoil model: each dataset becomes a
/// channel whose samples are its enabled backgrounds and the folded magnetic-moment signal.
///
/// Conventions (GAMBIT, JHEP 05 (2021) 159, Eq. 3.1, for XENON1T):
/// ```
/// λ_i = ε · (θ_B0 · b_i + a_3H · t_i + f_⊙ · s · m_i)       s = (μν / 10⁻¹¹ μB)²
/// ```
/// with ε ~ N(1, σ_ε) the efficiency scale (on every sample), θ_B0 ~ N(1, σ_b), the tritium
/// amplitude a_3H ≥ 0 free when enabled, and f_⊙ ~ N(1, σ_⊙) the solar-ν flux normalisation.
/// The SM weak term is added as a sample only when no enabled background already contains it.
public struct ModelBuilder {
    /// Treatment of the tritium component (if a dataset has one).
    public enum Tritium: String, Sendable, CaseIterable {
        /// Left out (XENON1T's "B0 with tritium fixed to zero").
        case none
        /// Free amplitude ≥ 0.
        case free
    }

    public var recoil: RecoilModel
    /// The signal model: its parameter of interest and template (default: the universal μν).
    public var signal: RecoilSignalModel = .muNu
    public var tritium: Tritium
    /// Add a ±1σ efficiency-band shape nuisance on the signal.
    public var efficiencyShape: Bool
    /// Add the solar-flux normalisation nuisance on the solar samples.
    public var solarFluxNuisance: Bool
    /// Datasets whose tritium component is fitted free whatever `tritium` says (a
    /// ``CombinationPolicy`` sets these).
    public var tritiumFreeDatasets: Set<String> = []
    /// One atomic-binding nuisance shared by every channel (``atomicParameter``): the signal
    /// and any added SM weak sample move, per bin, by θ × (other − nominal), where "other" is
    /// the template under the other binding model (free electrons for stepping or a table;
    /// stepping for free electrons) and θ ~ N(0, 1); the down variation mirrors the up one
    /// (clamped at 0). ASSUMPTION: the atomic uncertainty is symmetric with 1σ = the
    /// free-electron–stepping difference (no RRPA rate table is shipped to check the −1σ side).
    public var atomicNuisance = false

    /// The shared atomic-binding nuisance's name.
    public static let atomicParameter = "atomic_binding"

    /// The binding the atomic nuisance's +1σ moves to: free electrons, or stepping when the
    /// nominal model is free electrons.
    public var atomicAlternative: AtomicBinding {
        if case .free = recoil.binding { return .stepping }
        return .free
    }

    public init(recoil: RecoilModel = RecoilModel(), tritium: Tritium = .none, efficiencyShape: Bool = false,
                solarFluxNuisance: Bool = true) {
        self.recoil = recoil
        self.tritium = tritium
        self.efficiencyShape = efficiencyShape
        self.solarFluxNuisance = solarFluxNuisance
    }

    /// One channel's inputs.
    public struct ChannelInput: Sendable {
        public var dataset: Dataset
        public var data: BinnedData
        public var template: SignalTemplate
        /// The template under ``ModelBuilder/atomicAlternative`` (with the atomic nuisance).
        public var atomicTemplate: SignalTemplate?
    }

    /// Throws when a dataset's window holds (almost) no magnetic signal, naming the dataset, its
    /// window and the inputs that set the signal — rather than a model-level "channels" error
    /// after assembly. The rule is the model spec's: at the largest accepted μν the channel
    /// must expect at least one signal event.
    static func requireSignal(_ template: SignalTemplate, data: BinnedData, dataset ds: Dataset) throws {
        let total = template.magneticAtReference.reduce(0, +)
        let atMax = total * pow(ResourceLimit.maxMuNuMuB / RecoilModel.referenceMuNuBohr, 2)
        guard !(atMax >= 1) else { return }
        let e = data.bins.edges
        let window = "\(e.first ?? 0)–\(e.last ?? 0) keV"
        throw InputError(file: ds.directory.path, field: ds.spec.name,
                         "no magnetic-moment signal in the window \(window) (\(total) events at μν = \(RecoilModel.referenceMuNuBohr) μB): the efficiency is zero there or the exposure (\(ds.spec.exposureTonneYear) tonne·year) is too small; check the window (\(term: .window)), the efficiency table and exposure_tonne_year (\(term: .datasetOverride))")
    }

    /// Bins each dataset, folds the signal and assembles the spec.
    public func build(datasets: [(Dataset, ClosedRange<Double>?, Double?)]) throws -> (spec: ModelSpec, inputs: [ChannelInput]) {
        var inputs: [ChannelInput] = []
        for (ds, window, width) in datasets {
            let data = try ds.binned(window: window, binWidthKeV: width)
            let template = try signal.template(for: .init(detector: ds.detector, bins: data.bins, recoil: recoil))
            try Self.requireSignal(template, data: data, dataset: ds)
            var alternative = recoil
            alternative.binding = atomicAlternative
            let atomic = atomicNuisance ? try signal.template(for: .init(detector: ds.detector, bins: data.bins, recoil: alternative)) : nil
            inputs.append(ChannelInput(dataset: ds, data: data, template: template, atomicTemplate: atomic))
        }
        return (try assemble(inputs), inputs)
    }

    /// Relative 1σ uncertainty of the solar-ν magnetic rate from the flux uncertainties of the
    /// sources, weighted by their share of the rate at 5 keV (sources treated as independent).
    public func solarFluxUncertainty() throws -> Double {
        let c = try RecoilCalculator(model: recoil).components(recoilKeV: 5)
        let total = c.magneticTotalAtReference
        var v = 0.0
        for (k, s) in recoil.sources.enumerated() {
            let share = c.magneticAtReference[k] / total
            let u = s.relativeFluxUncertainty(recoil.solarModel)
            v += share * share * u * u
        }
        return v.squareRoot()
    }

    /// The name of the per-dataset μν² parameter of ``assemble(_:separateMuNu:)`` (units of
    /// (10⁻¹¹ μB)², like the internal POI).
    public static func separateMuNuParameter(_ dataset: String) -> String { "mu_nu_squared_\(dataset)" }

    /// Assembles the spec from prepared channels. With `separateMuNu`, every channel after the
    /// first has its own free μν² (``separateMuNuParameter(_:)``, ≥ 0) on its magnetic sample
    /// instead of the common POI, which then acts on the first channel only: the alternative
    /// of the compatibility test. Those parameters come after all others.
    public func assemble(_ inputs: [ChannelInput], separateMuNu: Bool = false) throws -> ModelSpec {
        var channels: [ModelSpec.Channel] = []
        var separate: [ModelSpec.Parameter] = []
        var params: [ModelSpec.Parameter] = [
            ModelSpec.Parameter(name: signal.parameterOfInterest.name, initial: signal.referenceValue, lower: 0, constraint: .free)
        ]
        let fluxParam = "solar_nu_flux"
        if solarFluxNuisance {
            params.append(ModelSpec.Parameter(name: fluxParam, initial: 1, lower: 0,
                                              constraint: .gaussian(sigma: try solarFluxUncertainty())))
        }
        if inputs.contains(where: { $0.atomicTemplate != nil }) {
            params.append(ModelSpec.Parameter(name: Self.atomicParameter, initial: 0, constraint: .gaussian(mean: 0, sigma: 1)))
        }
        /// The shared atomic histosys of a sample (nominal counts → counts under the other binding).
        func atomic(_ nominal: [Double], _ other: [Double]?) -> [ModelSpec.HistoSys] {
            guard let other else { return [] }
            return [ModelSpec.HistoSys(parameter: Self.atomicParameter, up: other,
                                       down: zip(nominal, other).map { max(2 * $0 - $1, 0) })]
        }
        for input in inputs {
            let ds = input.dataset, name = ds.spec.name
            var common: [String] = []
            if let sig = ds.spec.efficiency.relativeConstraint {
                let p = ModelNames.efficiencyParameter(dataset: name)
                params.append(ModelSpec.Parameter(name: p, initial: 1, lower: 0, constraint: .gaussian(sigma: sig)))
                common.append(p)
            }
            var samples: [ModelSpec.Sample] = []
            var hasSolarWeak = false
            for (b, counts) in input.data.backgrounds {
                let isTritium = b.isTritiumHypothesis
                if isTritium && tritium == .none && !tritiumFreeDatasets.contains(name) { continue }
                if !isTritium && b.enabledByDefault == false { continue }
                let p = ModelNames.backgroundParameter(b.name, dataset: name)
                switch b.constraint.type {
                case .gaussian:
                    params.append(ModelSpec.Parameter(name: p, initial: 1, lower: 0,
                                                      constraint: .gaussian(sigma: b.constraint.relativeSigma!)))
                case .free:
                    params.append(ModelSpec.Parameter(name: p, initial: isTritium ? 0.5 : 1, lower: 0, constraint: .free))
                case .fixed:
                    params.append(ModelSpec.Parameter(name: p, initial: 1, lower: 0, constraint: ModelSpec.Constraint(type: .fixed)))
                }
                samples.append(ModelSpec.Sample(name: b.name, counts: counts, factors: common + [p]))
                hasSolarWeak = hasSolarWeak || (b.includesSolarWeak ?? false)
            }
            // a channel without any of its dataset's backgrounds would call every event signal
            guard samples.contains(where: { s in input.data.backgrounds.contains { $0.spec.name == s.name } }) else {
                let names = input.data.backgrounds.map(\.spec.name).joined(separator: ", ")
                throw InputError(file: ds.directory.path, field: name,
                                 "no background component is left in the fit (\(names.isEmpty ? "none in the spec" : names + ": disabled by default or declared the tritium hypothesis (role 'tritium')")); without a background every event would count as signal")
            }
            let solar = solarFluxNuisance ? [fluxParam] : []
            if !hasSolarWeak {
                let hs = atomic(input.template.weak, input.atomicTemplate?.weak)
                samples.append(ModelSpec.Sample(name: ModelNames.solarWeakSample, counts: input.template.weak, factors: common + solar,
                                                histosys: hs.isEmpty ? nil : hs))
            }
            var histosys: [ModelSpec.HistoSys] = []
            if efficiencyShape, let up = input.template.magneticEfficiencyUp, let dn = input.template.magneticEfficiencyDown {
                let p = ModelNames.efficiencyShapeParameter(dataset: name)
                params.append(ModelSpec.Parameter(name: p, initial: 0, constraint: .gaussian(mean: 0, sigma: 1)))
                histosys = [ModelSpec.HistoSys(parameter: p, up: up, down: dn)]
            }
            histosys += atomic(input.template.magneticAtReference, input.atomicTemplate?.magneticAtReference)
            var poi = signal.parameterOfInterest.name
            if separateMuNu && !channels.isEmpty {
                poi = Self.separateMuNuParameter(name)
                separate.append(ModelSpec.Parameter(name: poi, initial: 1, lower: 0, constraint: .free))
            }
            samples.append(ModelSpec.Sample(name: ModelNames.signalSample, counts: input.template.magneticAtReference,
                                            factors: common + solar + [poi], histosys: histosys.isEmpty ? nil : histosys))
            channels.append(ModelSpec.Channel(name: name, binEdgesKeV: input.data.bins.edges, observed: input.data.observed,
                                              samples: samples))
        }
        let spec = ModelSpec(muNuReferenceMuB: signal.referenceValue, channels: channels, parameters: params + separate,
                             parameterOfInterest: signal.parameterOfInterest)
        try spec.validate()
        return spec
    }

}
