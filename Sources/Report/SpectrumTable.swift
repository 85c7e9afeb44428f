import Analysis
import Formats
import Foundation
import MomentModels
import Recoil

/// The rows of `nmmfit spectrum`: dR/dT in events/(tonne·year·keV) at true recoil energies,
/// weak (Standard Model) and magnetic, in total and per source. The magnetic rate is at a
/// flavour-universal μν, or — with a moment matrix — from its effective μν² per source at each
/// neutrino energy (flavour content at Earth). One computation for every front end.
public struct SpectrumTable {
    public let model: RecoilModel
    public let calculator: RecoilCalculator
    /// The universal μν (μB) of the magnetic columns (without a moment matrix).
    public let muNuMuB: Double
    /// The moment-matrix file of the magnetic columns, if any.
    public let momentsFile: String?
    /// Whether rows carry the per-source columns.
    public let perSource: Bool
    private let matrix: (MagneticMomentMatrix, MomentRateCalculator)?

    public init(model: RecoilModel, muNuMuB: Double, momentsFile: String? = nil, perSource: Bool) throws {
        self.model = model
        self.calculator = try RecoilCalculator(model: model)
        self.muNuMuB = muNuMuB
        self.momentsFile = momentsFile
        self.perSource = perSource
        self.matrix = try momentsFile.map { (try MomentMatrixFile.load(path: $0), try MomentRateCalculator(model: model)) }
    }

    /// The source names, in the model's order.
    public var sourceNames: [String] { model.sources.map(\.rawValue) }

    /// The row of one energy's rate components (from ``calculator``).
    public func row(_ c: RateComponents) throws -> SpectrumRow {
        let scale = (muNuMuB / RecoilModel.referenceMuNuBohr) * (muNuMuB / RecoilModel.referenceMuNuBohr)
        let names = sourceNames
        let mag = try matrix.map { m, mc in try mc.magneticRates(recoilKeV: c.recoilKeV, matrix: m) } ?? c.magneticAtReference.map { $0 * scale }
        let magTotal = mag.reduce(0, +)
        return SpectrumRow(tKeV: c.recoilKeV, weak: c.weakTotal, magnetic: magTotal, total: c.weakTotal + magTotal,
                           weakBySource: perSource ? Dictionary(uniqueKeysWithValues: zip(names, c.weak)) : nil,
                           magneticBySource: perSource ? Dictionary(uniqueKeysWithValues: zip(names, mag)) : nil)
    }

    /// The row at true recoil energy `recoilKeV`.
    public func row(recoilKeV: Double) throws -> SpectrumRow { try row(try calculator.components(recoilKeV: recoilKeV)) }

    /// The report header (no rows) of this table.
    public var report: SpectrumReport {
        SpectrumReport(muNuMuB: muNuMuB, atomic: model.binding.name, solarModel: model.solarModel.rawValue, sources: sourceNames)
    }
}
