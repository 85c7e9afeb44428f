import Foundation
import GSL

/// Saturated-model goodness of fit of one fit: the Baker–Cousins χ² (``BinnedModel/bakerCousinsChi2(_:_:)``)
/// against a χ² distribution with (bins − fitted parameters) degrees of freedom.
public struct GoodnessOfFitTest: Sendable, Equatable {
    /// Baker–Cousins χ² (dimensionless).
    public var chi2: Double
    /// Degrees of freedom: bins − fitted parameters, at least 1.
    public var ndof: Int
    /// P(χ²_ndof ≥ chi2).
    public var pValue: Double

    /// The test of `fit` with `fittedParameters` parameters adjusted by the fit.
    public init(model: BinnedModel, fit: FitResult, fittedParameters: Int) {
        chi2 = model.bakerCousinsChi2(fit.internalValues, model.observed)
        ndof = max(model.binCount - fittedParameters, 1)
        pValue = Distributions.chiSquaredSurvival(chi2, dof: Double(ndof))
    }

    /// The parameters a free fit adjusts: constrained nuisances are pulled back by their
    /// constraints, so only the unconstrained ones that are not fixed by the spec count (the
    /// POI among them; a fit with the POI held has one fewer).
    public static func fittedParameters(_ model: BinnedModel) -> Int {
        (0..<model.parameterCount).filter { model.constraintSigma[$0] == 0 && !model.fixedBySpec[$0] }.count
    }
}
