import Analysis
import Formats
import Foundation
import Likelihood
import MomentModels

extension FitWithElement {
    /// The flavour-universal fit a spec saved by a moment-element fit carries
    /// (`analysis.moment_element.universal_model`, with the saved analysis): the fit shown beside
    /// the element. Nil for a spec of another fit. `cl` and `method` replace the saved ones.
    public static func universalRerun(_ saved: RunSpec, cl: Double?, method: AsymptoticInterval.Method?,
                                      shouldStop: () -> Bool = { false }) throws -> AnalysisConfig.Analysis? {
        guard let element = saved.analysis?.momentElement, var universal = saved.analysis else { return nil }
        universal.momentElement = nil
        return try RunSpec(model: element.universalModel, analysis: universal).analyse(cl: cl, method: method, shouldStop: shouldStop)
    }

    /// The re-run of a spec saved by a moment-element fit (`fit --moments FILE --element E
    /// --save-spec`, read from `file`): the element fitted directly with the saved model, beside
    /// the universal fit `universal` (from ``universalRerun(_:cl:method:shouldStop:)``, bins
    /// `universalBinEdges`, keV) rescaled with the saved matrix and recoil physics — every number
    /// as the run that saved it. `cl` and `method` replace the saved ones.
    public static func rerun(_ saved: RunSpec, file: String, universal: FitReport, universalBinEdges: [[Double]],
                             cl: Double?, method: AsymptoticInterval.Method?, provenance: RunProvenance? = nil,
                             shouldStop: () -> Bool = { false }) throws -> Run {
        guard let me = saved.analysis?.momentElement else {
            throw InputError(file: file, field: "analysis.moment_element", "is missing: this spec was not saved by a moment-element fit")
        }
        let elementID: MatrixElement
        do { elementID = try MatrixElement(parsing: me.element) } catch let e as MatrixElement.ParseError {
            throw InputError(file: file, field: "analysis.moment_element.element", "\(e)")
        }
        let shape = try MomentMatrixFile.parse(try me.matrix.jsonData(), file: file).converted(to: elementID.basis, pmns: .standard)
        let direct = try saved.analyse(cl: cl, method: method, shouldStop: shouldStop)
        return try assemble(direct: direct, parameterOfInterest: saved.model.poi, element: elementID, shape: shape,
                            recoil: try me.recoil.recoilModel(file: file), universal: universal,
                            universalBinEdges: universalBinEdges, provenance: provenance)
    }
}
