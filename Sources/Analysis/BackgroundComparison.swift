import Formats
import Foundation
import Likelihood
import Recoil

/// The background-hypothesis test of `nmmfit compare` as front ends ask for it: the tests named
/// ("tritium" for every ³H amplitude of the data, "mu_nu", or any parameter name), whether μν
/// stays free when it is not tested, and the model they apply to. The one place that maps the
/// names onto the nested hypotheses of a ``HypothesisTest``.
public struct BackgroundComparison {
    public let model: BinnedModel
    /// The parameters fixed to zero under the null hypothesis.
    public let tested: [String]
    /// The parameters left out of both hypotheses (μν when it is neither tested nor kept).
    public let excluded: [String]

    /// Builds the model of `data` (with the tritium component free when "tritium" is tested) and
    /// maps `tests` onto its parameters.
    public init(data: DataChoice, recoil: RecoilModel, tests: [String], keepMuNu: Bool) throws {
        guard !tests.isEmpty else { throw InputError("give at least one test (tritium, mu_nu, or a parameter name)") }
        var d = data
        let testsTritium = tests.contains(ModelNames.tritium)
        if testsTritium { d.tritium = .free }
        let model = try d.model(recoil: recoil)
        let tritiumNames = testsTritium ? try d.tritiumParameters(of: model) : []
        let names = tests.flatMap { t -> [String] in t == ModelNames.tritium ? tritiumNames : [t] }
        self.model = model
        self.tested = names
        self.excluded = (!names.contains(ModelNames.muNu) && !keepMuNu) ? [ModelNames.muNu] : []
    }

    /// The test of the two hypotheses.
    public func test() throws -> HypothesisTest {
        try HypothesisTest(model: model, testedNames: tested, excludedNames: excluded)
    }
}
