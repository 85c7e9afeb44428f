import Formats
import Foundation

extension ModelInputs {
    /// `model effective`: the recoil energy of the rate weighting (keV; nil: flux average) and,
    /// for a constraint on one element, the element, the universal μν interval (μB) and the
    /// recoil window (keV).
    public struct Effective: ModelInput {
        public enum Field: String, Sendable {
            case recoil = "recoil_keV", element, muLower = "mu_lo_muB", muUpper = "mu_hi_muB", emin = "emin_keV", emax = "emax_keV"
        }
        /// The window's ends and the interval's lower end when not given.
        public static let defaultWindowKeV = (min: 1.0, max: 30.0), defaultMuLowerBohr = 0.0
        public var recoilKeV: Double?
        public var element: String?
        public var muLowerBohr: Double?
        public var muUpperBohr: Double?
        public var eminKeV: Double?
        public var emaxKeV: Double?

        public init(recoilKeV: Double?, element: String?, muLowerBohr: Double?, muUpperBohr: Double?, eminKeV: Double?, emaxKeV: Double?) {
            self.recoilKeV = recoilKeV
            self.element = element
            self.muLowerBohr = muLowerBohr
            self.muUpperBohr = muUpperBohr
            self.eminKeV = eminKeV
            self.emaxKeV = emaxKeV
        }

        var muLo: Double { muLowerBohr ?? Self.defaultMuLowerBohr }
        var emin: Double { eminKeV ?? Self.defaultWindowKeV.min }
        var emax: Double { emaxKeV ?? Self.defaultWindowKeV.max }

        /// The element named by `element` (an error naming the input when it is not one).
        public static func parseElement(_ s: String, field: String) throws -> MatrixElement {
            do { return try MatrixElement(parsing: s) } catch let e as MatrixElement.ParseError { throw InputError(field: field, e.description) }
        }

        public func check(naming name: (Field) -> String) throws {
            try ModelInputLimits.positive(recoilKeV, name(.recoil))
            try ModelInputLimits.moment(muLo, name(.muLower))
            try ModelInputLimits.positive(muUpperBohr, name(.muUpper))
            try ModelInputLimits.moment(muUpperBohr, name(.muUpper))
            if let h = muUpperBohr, h < muLo { throw InputError(field: name(.muUpper), "(\(h)) must be ≥ \(name(.muLower)) (\(muLo))") }
            try ModelInputLimits.atMost(recoilKeV, ModelInputLimits.recoilKeV, name(.recoil), "keV")
            try ModelInputLimits.atMost(emax, ModelInputLimits.recoilKeV, name(.emax), "keV")
            if (element == nil) != (muUpperBohr == nil) { throw InputError("\(name(.element)) and \(name(.muUpper)) go together") }
            if let e = element { _ = try Self.parseElement(e, field: name(.element)) }
            try ModelInputLimits.positive(emin, name(.emin))
            guard emax.isFinite, emax > emin else { throw InputError(field: name(.emax), "must be above \(name(.emin))") }
        }

        /// The element constraint asked for (nil without an element), after ``check(naming:)``.
        public func elementRequest() throws -> EffectiveMomentResult.ElementRequest? {
            guard let e = element else { return nil }
            return .init(element: try Self.parseElement(e, field: Field.element.rawValue), muIntervalBohr: muLo...(muUpperBohr ?? muLo),
                         windowKeV: emin...emax)
        }
    }
}
