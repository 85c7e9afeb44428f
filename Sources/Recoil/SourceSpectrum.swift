import Foundation
import GSL

/// One solar source's normalised neutrino spectrum f_s(Eν) (lines as δ functions, continua as
/// the allowed β⁺ shape of ``BetaPlusSpectrum``), and the one routine that integrates a
/// function of Eν over it above a threshold:
/// ```
/// I_s[g](Eν_min) = ∫_{Eν > Eν_min} dEν f_s(Eν) g(Eν)
///                = Σ_lines b_k g(E_k) θ(E_k − Eν_min)            (lines, branching b_k)
///                = QAGS ∫_{Eν_min}^{Q} dEν f_s(Eν) g(Eν)          (β⁺ continuum, endpoint Q)
/// ```
/// Every rate and average over a solar spectrum (``RecoilCalculator``, and the effective
/// moments and matrix rates of `MomentModels`) goes through ``integral(above:using:_:)`` with
/// one tolerance, ``relativeTolerance``.
public struct SourceSpectrum: Sendable {
    /// The source.
    public let source: SolarSource
    /// The normalised continuum (nil for line sources).
    public let continuum: BetaPlusSpectrum?

    /// The relative accuracy of every Eν integration over a continuum (GSL QAGS `epsrel`).
    /// This routine replaced three integrals with 10⁻⁸ (recoil rates, matrix rates) and 10⁻⁹
    /// (source-averaged effective moment). 10⁻⁸ keeps every fit result bit for bit as before
    /// (10⁻⁹ changes the fits' printed results nowhere but in the EDM's rounding noise, which the
    /// README's quick-start block shows); the averaged effective moments move by less than
    /// 10⁻⁸ relative (`SourceSpectrumTests`).
    public static let relativeTolerance = 1e-8

    /// Prepares the spectrum of `source` (normalises a β⁺ continuum once).
    /// - Parameter fermiFunction: whether a β⁺ continuum includes the Fermi function.
    public init(_ source: SolarSource, fermiFunction: Bool = true) throws {
        self.source = source
        if case .betaPlus(let q, let z) = source.shape {
            continuum = try BetaPlusSpectrum(endpointKeV: q, daughterZ: z, fermiFunction: fermiFunction)
        } else {
            continuum = nil
        }
    }

    /// The spectra of `model`'s sources, in its order.
    public static func all(_ model: RecoilModel) throws -> [SourceSpectrum] {
        try model.sources.map { try SourceSpectrum($0, fermiFunction: model.fermiFunction) }
    }

    /// ∫_{Eν > Eν_min} dEν f_s(Eν) g(Eν) (see the type). `integrator` is the caller's (one per
    /// task: it owns a GSL workspace). Zero when no neutrino of the source is above Eν_min.
    public func integral(above eMin: Double, using integrator: Integrator,
                         _ g: (Double) throws -> Double) throws -> Double {
        switch source.shape {
        case .lines(let lines):
            var sum = 0.0
            for line in lines where line.energyKeV > eMin { sum += line.fraction * (try g(line.energyKeV)) }
            return sum
        case .betaPlus(let q, _):
            guard eMin < q, let spectrum = continuum else { return 0 }
            return try integrator.qags(from: eMin, to: q, relTol: Self.relativeTolerance) {
                spectrum.density($0) * (try g($0))
            }.value
        }
    }
}
