import Foundation
import Likelihood

extension AnalysisConfig {
    /// The result of ``analyse(cl:method:)``: the report and what produced it.
    public struct Analysis {
        public var report: FitReport
        public var model: BinnedModel
        public var profile: ProfileLikelihood
        public var inputs: [ModelBuilder.ChannelInput]
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
    /// `shouldStop` (e.g. Ctrl-C) ends those toys early, the p-value then uses the toys finished.
    public func analyse(cl: Double = 0.9, method: AsymptoticInterval.Method = .unified,
                        compatibilityToys: CompatibilityTest.ToyPlan = .adaptive, seed: UInt64 = 1,
                        shouldStop: () -> Bool = { false }) throws -> Analysis {
        let prepared = try prepare()
        let (model, inputs) = (prepared.model, prepared.inputs)
        let profile = try ProfileLikelihood(model: model)
        var report = try FitReport.make(profile: profile, cl: cl, method: method)
        report.digitisedDatasets = inputs.filter { $0.dataset.spec.isDigitised }.map(\.dataset.spec.name)
        let overrides = channels.flatMap(\.overrides).map(\.description)
        report.specOverrides = overrides.isEmpty ? nil : overrides
        report.expectedLimit = try Sensitivity.run(model: model, cl: cl, method: method, toys: 0).asimovMedian
        report.combinationPolicy = prepared.policy
        guard inputs.count >= 2 else { return Analysis(report: report, model: model, profile: profile, inputs: inputs) }

        let b = prepared.builder
        var singles: [FitReport.DatasetResult] = []
        var singleBest: [Double] = []
        for input in inputs {
            let m = try BinnedModel(spec: try b.assemble([input]))
            let pl = try ProfileLikelihood(model: m)
            let r = try FitReport.make(profile: pl, cl: cl, method: method)
            let expected = try Sensitivity.run(model: m, cl: cl, method: method, toys: 0).asimovMedian
            let edges = input.data.bins.edges
            singles.append(FitReport.DatasetResult(
                name: input.dataset.spec.name, provenance: (input.dataset.spec.provenance ?? .official).rawValue,
                windowKeV: [edges.first!, edges.last!], bins: input.data.bins.count, muNuBest: r.muNuBest,
                interval: r.interval, expectedLimit: expected, significanceSigma: r.significanceSigma, converged: r.converged))
            singleBest.append(r.muNuSquaredBest)
        }
        report.perDataset = singles
        let separate = try BinnedModel(spec: try b.assemble(inputs, separateMuNu: true))
        report.compatibility = try CompatibilityTest.run(common: profile, separate: separate,
                                                         datasets: inputs.map(\.dataset.spec.name), singleBest: singleBest,
                                                         toys: compatibilityToys, seed: seed, shouldStop: shouldStop)
        report.combinedWeakerReason = report.weakerThanStrongestSingleReason()
        return Analysis(report: report, model: model, profile: profile, inputs: inputs)
    }
}
