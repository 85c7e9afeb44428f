import Analysis
import Formats
import Foundation
import Likelihood
import MomentModels
import Recoil

extension FitWithElement {
    /// An element fit and what it was made from.
    public struct Run {
        /// The document (`nmmfit fit --moments FILE --element E --json`).
        public var result: FitWithElement
        /// The direct fit of the element (its `mu_nu_*` keys hold the element, in μB).
        public var report: FitReport
        public var parameterOfInterest: ParameterOfInterest
        public var element: MomentElementFit
        /// The element's model (its spec is the one `--save-spec` writes).
        public var model: BinnedModel
        /// The direct fit's analysis (its run spec is what `--save-spec` writes, once the
        /// caller has added the moment element a re-run needs).
        public var analysis: AnalysisConfig.Analysis
    }

    /// The fit of one element of a moment matrix: the element of the matrix shape in
    /// `momentsFile` is its own signal model — its per-source effective moments build the
    /// template and the element is fitted directly (μB) on the data of `config` — beside the
    /// flavour-universal fit `universal` of the same data (bins `universalBinEdges`, keV),
    /// rescaled by 1/√s.
    public static func analyse(config: AnalysisConfig, universal: FitReport, universalBinEdges: [[Double]], momentsFile: String,
                               element: String, cl: Double, method: AsymptoticInterval.Method,
                               compatibilityToys: CompatibilityTest.ToyPlan, seed: UInt64,
                               provenance: RunProvenance? = nil) throws -> Run {
        let elementID: MatrixElement
        do { elementID = try MatrixElement(parsing: element) } catch let e as MatrixElement.ParseError {
            throw InputError(field: "element", e.description)
        }
        let shape = try MomentMatrixFile.load(path: momentsFile).converted(to: elementID.basis, pmns: .standard)
        let signal = try MomentElementSignal(element: elementID, shape: shape)
        let poi = ParameterOfInterest(name: signal.parameterName, unit: "muB", symbol: signal.symbol,
                                      description: "the \(element) element of the moment matrix of \(URL(fileURLWithPath: momentsFile).lastPathComponent), fitted with its own per-source template")
        var c = config
        c.signal = .momentElement(poi, weight: signal.magneticWeight(label: "\(signal.symbol) of \(momentsFile)"))
        let analysis = try c.analyse(cl: cl, method: method, compatibilityToys: compatibilityToys, seed: seed)
        return try assemble(direct: analysis, parameterOfInterest: poi, element: elementID, shape: shape, recoil: config.recoil,
                            universal: universal, universalBinEdges: universalBinEdges, provenance: provenance)
    }

    /// The element-fit document from a direct fit of the element (`direct`, in μB) and the
    /// flavour-universal fit `universal` of the same data (bins `universalBinEdges`, keV),
    /// rescaled by 1/√s with the matrix `shape` and the recoil model `recoil` — for a fit from
    /// datasets and for the re-run of a saved spec alike.
    public static func assemble(direct analysis: AnalysisConfig.Analysis, parameterOfInterest poi: ParameterOfInterest,
                                element elementID: MatrixElement, shape: MagneticMomentMatrix, recoil: RecoilModel,
                                universal: FitReport, universalBinEdges: [[Double]],
                                provenance: RunProvenance? = nil) throws -> Run {
        let direct = analysis.report
        let edges = universalBinEdges.flatMap { $0 }
        guard let lo = edges.min(), let hi = edges.max() else { throw InputError(field: "element", "the universal fit has no bins") }
        let constraint = try MomentRateCalculator(model: recoil).constraint(
            onElement: elementID.row, elementID.column, shape: shape,
            muIntervalBohr: try orderedRange(universal.interval, what: "the universal fit's interval on μν"),
            fromKeV: lo, toKeV: hi)
        var elementReport = direct
        elementReport.digitisedDatasets = universal.digitisedDatasets
        let result = MomentElementFit(best: direct.muNuBest, interval: try orderedRange(direct.interval, what: "the direct fit's interval on the element"),
                                      rescaled: constraint)
        let doc = FitWithElement(parameterOfInterest: poi, fit: elementReport, element: result,
                                 universalFit: UniversalFitSummary(universal), provenance: provenance)
        return Run(result: doc, report: elementReport, parameterOfInterest: poi, element: result, model: analysis.model,
                   analysis: analysis)
    }

    /// An interval's ends `[lower, upper]` (μB) as a range: ends that are not finite or out of
    /// order are a failed fit (``FitError``, `what` names the interval), never a trap.
    static func orderedRange(_ ends: [Double], what: String) throws -> ClosedRange<Double> {
        guard ends.count == 2 else { throw FitError("\(what) has \(ends.count) ends, not 2") }
        let (lo, hi) = (ends[0], ends[1])
        guard lo.isFinite, hi.isFinite else { throw FitError("\(what) has an end that is not a finite number ([\(lo), \(hi)] μB)") }
        guard lo <= hi else { throw FitError("\(what) has its lower end \(lo) μB above its upper end \(hi) μB") }
        return lo...hi
    }
}
