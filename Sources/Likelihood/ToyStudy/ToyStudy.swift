import Formats
import Foundation

/// One toy study on the data's model: toys at μν_true (μB) with the nuisances at their
/// conditional fit to the data, evaluated with q0 or t̃(μν_tested). Its ``header`` identifies
/// the study in toys files (model digest over the spec and the true parameters).
public struct ToyStudy: Sendable {
    public let model: BinnedModel
    /// True internal parameters.
    public let truth: [Double]
    public let statistic: ToyStatistic
    public let header: ToyFileHeader

    /// - Parameters:
    ///   - statistic: a toys-file statistic of the registry (``TestStatisticName/toyFileStatistics``): "q0" or "t".
    ///   - testedMuNu: μν (μB) tested by t; default `muNu`.
    ///   - criticalValues: a Feldman–Cousins coverage study (t at its true μν only): every toy
    ///     also gets its own critical value (``run(_:threads:blockSize:shouldStop:sink:)``).
    public init(profile: ProfileLikelihood, muNu: Double, statistic: String, testedMuNu: Double? = nil, seed: UInt64,
                totalToys: Int, shard: Int = 0, nshards: Int = 1, criticalValues: ToyFileHeader.CriticalValues? = nil) throws {
        let name = try TestStatisticName(toyFileName: statistic)
        if let c = criticalValues {
            guard name == .tTilde, (testedMuNu ?? muNu) == muNu, c.isValid else {
                throw InputError("Feldman–Cousins critical values per toy need a t̃ study at its true μν, 0 < CL < 1 and at least one inner toy")
            }
        }
        let model = profile.model
        let truth = try profile.conditionalFit(muNu: muNu).internalValues
        let tested = testedMuNu ?? muNu
        self.model = model
        self.truth = truth
        self.statistic = name.needsTestedValue ? .tTilde(s: model.internalPOI(muNu: tested)) : .q0
        header = ToyFileHeader(seed: seed, muNuTrue: muNu, statistic: name.rawValue, testedMuNu: name.needsTestedValue ? tested : nil,
                               totalToys: totalToys, shard: shard, nshards: nshards,
                               model: model.channelNames.joined(separator: "+"),
                               modelDigest: try ToyFileHeader.digest(model: model, truth: truth), criticalValues: criticalValues)
    }

    public var runner: ToyRunner { ToyRunner(model: model, truth: truth, statistic: statistic, seed: header.seed) }

    /// A study of a registry statistic (``TestStatisticName``).
    public init(profile: ProfileLikelihood, muNu: Double, statistic: TestStatisticName, testedMuNu: Double? = nil, seed: UInt64,
                totalToys: Int, shard: Int = 0, nshards: Int = 1, criticalValues: ToyFileHeader.CriticalValues? = nil) throws {
        try self.init(profile: profile, muNu: muNu, statistic: statistic.rawValue, testedMuNu: testedMuNu, seed: seed,
                      totalToys: totalToys, shard: shard, nshards: nshards, criticalValues: criticalValues)
    }

    /// Checks that a toys file's header is a study of this data and model at its μν: the digest
    /// of the spec and of the conditional fit to these data at the file's μν must match.
    public static func check(_ sample: ToyStudySample, against profile: ProfileLikelihood) throws {
        let h = sample.header
        let expected = try ToyStudy(profile: profile, muNu: h.muNuTrue, statistic: h.statistic, testedMuNu: h.testedMuNu,
                                    seed: h.seed, totalToys: h.totalToys)
        guard expected.header.modelDigest == h.modelDigest else {
            throw InputError(file: sample.path, line: 1, "the toys were made for another model or data set (model digest \(h.modelDigest), these options give \(expected.header.modelDigest)); pass the same data options as to `nmmfit toys`")
        }
    }
}
