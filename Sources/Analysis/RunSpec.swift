import Formats
import Foundation
import Likelihood

/// A model spec file as `nmmfit fit --save-spec` writes it and `fit --spec` reads it: the model
/// (``ModelSpec``, keys at the top level) and, from version 2, the ``SavedAnalysis`` under
/// `analysis`. ``analyse(cl:method:shouldStop:)`` is the one analysis of a fit: a run from
/// datasets (``AnalysisConfig/analyse(cl:method:compatibilityToys:seed:shouldStop:)``) makes
/// its run spec and calls it, and a re-run from the saved file calls it again, so the re-run
/// reproduces every number (the JSON round trip of a double is exact).
public struct RunSpec: Codable, Sendable {
    public var model: ModelSpec
    public var analysis: SavedAnalysis?

    public init(model: ModelSpec, analysis: SavedAnalysis?) {
        self.model = model
        self.analysis = analysis
        if analysis != nil { self.model.nmmfitModel = max(model.nmmfitModel, 2) }
    }

    enum CodingKeys: String, CodingKey { case analysis }

    public init(from decoder: Decoder) throws {
        model = try ModelSpec(from: decoder)
        analysis = try decoder.container(keyedBy: CodingKeys.self).decodeIfPresent(SavedAnalysis.self, forKey: .analysis)
    }

    /// The model's keys and `analysis` in one object.
    public func encode(to encoder: Encoder) throws {
        try model.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(analysis, forKey: .analysis)
    }

    /// Pretty-printed, key-sorted JSON.
    public func jsonData() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.prettyPrinted, .sortedKeys]
        return try e.encode(self)
    }

    /// Reads a spec (JSON or YAML), rejecting unknown keys, and validates it.
    public static func load(from url: URL) throws -> RunSpec {
        let data = try TextInput.readData(path: url.path, what: "model spec", limit: .modelSpecBytes)
        return try decode(data, file: url.path, yaml: ["yaml", "yml"].contains(url.pathExtension.lowercased()))
    }

    /// Decodes and validates spec bytes (JSON, or YAML when `yaml`); `file` names it in errors.
    /// A version-1 spec (the model alone) is read as it was; `analysis` needs version 2.
    public static func decode(_ data: Data, file: String, yaml: Bool) throws -> RunSpec {
        let keys = ModelSpec.allowedKeys.merging(SavedAnalysis.allowedKeys) { a, _ in a }
        let spec: RunSpec = try SpecDecoding.decode(data, file: file, yaml: yaml, allowedKeys: keys, versionKey: "nmmfit_model",
                                                    supported: ModelSpec.supportedVersions, limit: .modelSpecBytes)
        try spec.model.validate(file: file)
        if let a = spec.analysis {
            guard spec.model.nmmfitModel >= 2 else {
                throw InputError(file: file, field: "analysis", "the analysis section needs nmmfit_model 2 or later (this spec says \(spec.model.nmmfitModel))")
            }
            try a.validate(model: spec.model, file: file)
        }
        return spec
    }

    /// The fit of the model with everything the original run reported: the standard analysis
    /// (``FitReport/make(profile:cl:method:)``), the median expected limit (``Sensitivity``,
    /// Asimov data set) and, with a saved analysis, the spec changes, the digitised datasets and,
    /// for two or more datasets, each dataset fitted on its own, the ``CompatibilityTest`` of one
    /// common μν against one per dataset, the combination policy and, when the combined limit is
    /// weaker than the strongest single one, why. `cl` and `method` replace the saved ones
    /// (default: the saved ones, else 0.9 and asymptotic-unified); the returned analysis carries
    /// the run spec with the settings used. `shouldStop` ends the compatibility toys early.
    public func analyse(cl: Double? = nil, method: AsymptoticInterval.Method? = nil,
                        shouldStop: () -> Bool = { false }, compatibilityToysFile: CompatibilityTest.ToysFileOpener? = nil) throws -> AnalysisConfig.Analysis {
        var used = self
        let settings = try SavedAnalysis.settings(analysis, cl: cl, asymptoticMethod: method)
        let (cl, method) = (settings.cl, settings.asymptoticMethod)
        used.analysis?.cl = cl
        used.analysis?.intervalMethod = method.rawValue
        let model = try BinnedModel(spec: self.model)
        let profile = try ProfileLikelihood(model: model)
        var report = try FitReport.make(profile: profile, cl: cl, method: method)
        report.expectedLimit = try Sensitivity.run(model: model, cl: cl, method: method, toys: 0).asimovMedian
        guard let a = analysis else { return AnalysisConfig.Analysis(report: report, model: model, profile: profile, inputs: [], runSpec: used) }
        report.digitisedDatasets = a.digitisedDatasets
        report.specOverrides = a.specOverrides
        report.combinationPolicy = a.combinationPolicy
        guard a.isCombination else { return AnalysisConfig.Analysis(report: report, model: model, profile: profile, inputs: [], runSpec: used) }

        var singles: [FitReport.DatasetResult] = []
        var singleBest: [Double] = []
        for (c, entry) in a.datasets.enumerated() {
            let m = try BinnedModel(spec: self.model.channelOnly(c))
            let pl = try ProfileLikelihood(model: m)
            let r = try FitReport.make(profile: pl, cl: cl, method: method)
            let expected = try Sensitivity.run(model: m, cl: cl, method: method, toys: 0).asimovMedian
            let edges = self.model.channels[c].binEdgesKeV
            singles.append(FitReport.DatasetResult(
                name: entry.name, provenance: entry.provenance, windowKeV: [edges.first!, edges.last!], bins: edges.count - 1,
                muNuBest: r.muNuBest, interval: r.interval, expectedLimit: expected, significanceSigma: r.significanceSigma,
                converged: r.converged))
            singleBest.append(r.muNuSquaredBest)
        }
        report.perDataset = singles
        let separate = try BinnedModel(spec: self.model.separatingParameterOfInterest(name: ModelBuilder.separateMuNuParameter))
        report.compatibility = try CompatibilityTest.run(common: profile, separate: separate, datasets: a.datasets.map(\.name),
                                                         singleBest: singleBest, toys: (a.compatibilityToys ?? .adaptive).plan,
                                                         seed: a.seed ?? 1, shouldStop: shouldStop, toysFile: compatibilityToysFile)
        report.combinedWeakerReason = report.weakerThanStrongestSingleReason()
        return AnalysisConfig.Analysis(report: report, model: model, profile: profile, inputs: [], runSpec: used)
    }
}
