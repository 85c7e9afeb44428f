import Detector
import Foundation
import Likelihood

/// The names ``ModelBuilder`` gives samples and parameters, and the rules that find them again,
/// in one place (commands, reports and tests use these instead of repeating the strings).
public enum ModelNames {
    /// The signal sample: the magnetic-moment recoil spectrum at the reference μν.
    public static let signalSample = "magnetic_moment"
    /// The Standard-Model (weak) solar-neutrino sample, added when no background contains it.
    public static let solarWeakSample = "solar_nu_weak"
    /// The parameter of interest, μν (``ModelSpec/poiName``).
    public static let muNu = ModelSpec.poiName
    /// The name of the tritium hypothesis (a hypothesis to compare).
    public static let tritium = "tritium"

    /// Whether a parameter of a model spec is named as a tritium amplitude (its name contains
    /// "tritium" in any case). Only for model specs read from a file, which declare no roles; datasets
    /// declare the tritium hypothesis with `role` (``tritiumParameters(datasets:)``).
    public static func isTritium(_ name: String) -> Bool { name.lowercased().contains(tritium) }

    /// The tritium amplitudes among a model spec's parameters, by name (``isTritium(_:)``).
    public static func tritiumParameters(_ parameterNames: [String]) -> [String] { parameterNames.filter(isTritium) }

    /// The tritium amplitudes of datasets: the parameters of their components declared
    /// `role: tritium`, in dataset order.
    public static func tritiumParameters(datasets: [DatasetSpec]) -> [String] {
        datasets.flatMap { d in d.backgrounds.filter(\.isTritiumHypothesis).map { backgroundParameter($0.name, dataset: d.name) } }
    }

    /// The amplitude of background `background` in dataset `dataset`.
    public static func backgroundParameter(_ background: String, dataset: String) -> String { "\(background)_\(dataset)" }

    /// The efficiency normalisation of a dataset.
    public static func efficiencyParameter(dataset: String) -> String { "efficiency_\(dataset)" }

    /// The efficiency-shape (histosys) parameter of a dataset.
    public static func efficiencyShapeParameter(dataset: String) -> String { "efficiency_shape_\(dataset)" }
}
