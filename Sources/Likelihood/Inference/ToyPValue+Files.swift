import Formats
import Foundation

extension ToyPValue {
    /// The toy p-value of the discovery test from toys files instead of local toys (`significance
    /// --from-toys`): among the whole studies named by `arguments` (files, or folders:
    /// ``ToyStudySample/paths(_:)``) exactly one must be a background-only q0 study (μν = 0,
    /// ``backgroundOnlyStudy(profile:toys:seed:)``) of `profile`'s model
    /// (``ToyStudy/check(_:against:)``); its toys give the p-value of the data's `q0Observed`.
    public static func fromToys(_ arguments: [String], q0Observed: Double, profile: ProfileLikelihood) throws -> ToyPValue {
        let paths = try ToyStudySample.paths(arguments)
        let headers = try paths.map { try ToyFileReader(path: $0).header() }
        let backgroundOnly = zip(paths, headers).filter { $1.statisticName == .q0 && $1.muNuTrue == 0 }.map(\.0)
        guard backgroundOnly.count == 1 else {
            // name what each file holds, so the user sees why none (or several) fit
            let found = zip(paths, headers).map { "\($0): \($1.statistic) at μν = \(TextFormat.g($1.muNuTrue, 3)) μB" }
            throw InputError("\(term: .fromToys): need exactly one background-only q0 study (\(term: .backgroundOnlyStudy)), found \(backgroundOnly.count) among \(found.joined(separator: "; "))")
        }
        let sample = try ToyStudySample.load(path: backgroundOnly[0])
        try ToyStudy.check(sample, against: profile)
        return try from(q0Observed: q0Observed, sample: sample)
    }
}
