import Foundation
@testable import Likelihood
@testable import Analysis

/// The models the analysis-level tests share.
enum TestModels {
    /// The XENON1T SR1 1–7 keV model of the main job (built once; folding takes ~1 s).
    static let xenon1t: BinnedModel = {
        try! AnalysisConfig().buildModel().model
    }()
}
