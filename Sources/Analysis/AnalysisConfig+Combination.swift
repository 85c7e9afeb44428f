import Detector
import Foundation
import Likelihood

extension AnalysisConfig {
    /// The result of ``analyse(cl:method:)``: the report and what produced it.
    public struct Analysis {
        public var report: FitReport
        public var model: BinnedModel
        public var profile: ProfileLikelihood
        /// The datasets' inputs (empty for a re-run from a spec).
        public var inputs: [ModelBuilder.ChannelInput]
        /// The model spec with the saved analysis: `fit --spec` of its JSON reproduces `report`.
        public var runSpec: RunSpec
    }

    /// The standard analysis (``FitReport/make(profile:cl:method:)``) of the configured
    /// datasets, plus what a result needs to explain itself:
    /// - the digitised datasets that entered it and the overrides of the specs;
    /// - the median expected limit (``Sensitivity``, Asimov data set);
    /// - for two or more datasets: each dataset fitted on its own (best fit, interval, expected
    ///   limit), and the ``CompatibilityTest`` of one common μν against one per dataset.
    /// The signal is folded once per dataset; the single-dataset models reuse those templates.
    /// - for two or more datasets: the ``CombinationPolicy`` applied, and when the combined limit
    ///   is weaker than the strongest single dataset's, one line saying why.
    /// `compatibilityToys` calibrates the compatibility p-value (toys seeded by `seed`);
    /// `shouldStop` (e.g. Ctrl-C) ends those toys early, the p-value then uses the toys finished;
    /// `compatibilityToysFile` keeps them in a file, resumed when it holds some.
    public func analyse(cl: Double = 0.9, method: AsymptoticInterval.Method = .unified,
                        compatibilityToys: CompatibilityTest.ToyPlan = .adaptive, seed: UInt64 = 1,
                        shouldStop: () -> Bool = { false }, compatibilityToysFile: CompatibilityTest.ToysFileOpener? = nil) throws -> Analysis {
        let prepared = try prepare()
        var a = try runSpec(prepared, cl: cl, method: method, compatibilityToys: compatibilityToys, seed: seed)
            .analyse(shouldStop: shouldStop, compatibilityToysFile: compatibilityToysFile)
        a.inputs = prepared.inputs
        return a
    }

    /// The run spec of a prepared analysis: its model and what the run does beyond it.
    func runSpec(_ prepared: Prepared, cl: Double, method: AsymptoticInterval.Method,
                 compatibilityToys: CompatibilityTest.ToyPlan, seed: UInt64) throws -> RunSpec {
        let entries = prepared.inputs.map {
            SavedAnalysis.DatasetEntry(name: $0.dataset.spec.name, provenance: ($0.dataset.spec.provenance ?? .official).rawValue)
        }
        let overrides = channels.flatMap(\.overrides).map(\.description)
        let several = entries.count >= 2
        let saved = SavedAnalysis(cl: cl, intervalMethod: method, datasets: entries, specOverrides: overrides.isEmpty ? nil : overrides,
                                  combinationPolicy: prepared.policy, compatibilityToys: several ? .init(compatibilityToys) : nil,
                                  seed: several ? seed : nil)
        return RunSpec(model: prepared.model.spec, analysis: saved)
    }
}
