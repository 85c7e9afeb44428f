import Formats
import Foundation

extension MuNuBand {
    /// The element the SU(2)_H model predicts: the e–μ transition moment of a Majorana matrix
    /// (flavour basis), alone in its matrix (``MomentElementConstraint/singleElementShape``).
    public static let modelElementHint =
        "make one with `nmmfit fit --moments data/models/su2h_e_mu_majorana.json --element e-mu --json -o FILE`"

    /// Reads the band on |μ_eμ| from a fit of that element (`nmmfit fit --moments M --element
    /// e-mu --json`: keys `element` and `fit`): [element_lower_muB, element_upper_muB] and
    /// element_best_muB of the direct fit of the element (files without element_best_muB, from
    /// the earlier rescaling: the universal best fit scaled by the same sensitivity). Refuses, with one line naming the file and field,
    /// a fit of the flavour-universal effective moment (no `element`: its band is that of
    /// μ_eff, which for solar ν differs from |μ_eμ| by √s ≈ √0.78) and a fit of any other
    /// element, basis, nature or matrix shape.
    /// - Throws: ``InputError``.
    public static func load(modelElementFit path: String) throws -> MuNuBand {
        // the one text reader: regular files only, size limit, UTF-8 with line ends normalised
        let data = try TextInput.readData(path: path, what: "fit result", limit: .fileBytes)
        return try parse(modelElementFit: data, file: path)
    }

    /// Parses an element-fit JSON document (see ``load(modelElementFit:)``).
    public static func parse(modelElementFit data: Data, file: String? = nil) throws -> MuNuBand {
        // the reading budget of every JSON input: nesting, nodes and repeated keys checked first
        let text = try TextInput.decode(data, file: file ?? "fit result")
        guard let top = try SpecDecoding.parseJSON(text, file: file) as? [String: Any] else {
            throw InputError(file: file, "not a JSON object (expected a \(term: .fitResult) of the e-mu element)")
        }
        guard let element = top["element"] as? [String: Any] else {
            if top["element"] != nil { throw InputError(file: file, field: "element", "must be an object") }
            throw InputError(file: file, field: "element", "missing: this is a fit of the flavour-universal effective moment, but the SU(2)_H model predicts the Majorana element |μ_eμ| (for solar ν the two differ by √0.78); \(modelElementHint)")
        }
        let basis = element["basis"] as? String, row = element["row"] as? Int, column = element["column"] as? Int
        guard basis == MomentBasis.flavour.rawValue, let row, let column, Set([row, column]) == [0, 1] else {
            throw InputError(file: file, field: "element", "is not the e-mu element in the flavour basis (basis \(basis ?? "?"), row \(row.map(String.init) ?? "?"), column \(column.map(String.init) ?? "?")); \(modelElementHint)")
        }
        guard let nature = element["nature"] as? String else {
            throw InputError(file: file, field: "element.nature", "missing (a file from an older nmmfit): the Dirac/Majorana nature of the fitted matrix is not recorded; \(modelElementHint)")
        }
        guard nature == NeutrinoNature.majorana.rawValue else {
            throw InputError(file: file, field: "element.nature", "is '\(nature)': the SU(2)_H model's moment is a Majorana transition moment; \(modelElementHint)")
        }
        guard element["single_element_shape"] as? Bool == true else {
            throw InputError(file: file, field: "element.single_element_shape", "the fitted matrix has other non-zero elements, so the band is not that of the model's single e-mu moment; \(modelElementHint)")
        }
        guard let lo = element["element_lower_muB"] as? Double, let hi = element["element_upper_muB"] as? Double,
              lo.isFinite, hi.isFinite, lo >= 0, hi > lo else {
            throw InputError(file: file, field: "element.element_lower_muB", "needs two numbers 0 ≤ element_lower_muB < element_upper_muB (μB)")
        }
        let fit = top["fit"] as? [String: Any] ?? [:]
        var best: Double?
        if let b = element["element_best_muB"] as? Double, b.isFinite, b >= 0 {
            best = b  // the direct fit of the element
        } else if let b = fit["mu_nu_best_muB"] as? Double, let muHi = element["mu_upper_muB"] as? Double, muHi > 0, b.isFinite, b >= 0 {
            best = b * hi / muHi  // same scale factor 1/√s as the interval
        }
        var label = ((fit["datasets"] as? [String]) ?? []).joined(separator: "+")
        if label.isEmpty { label = file.map { URL(fileURLWithPath: $0).lastPathComponent } ?? "fit" }
        label += " |μ_eμ|"
        if let cl = fit["cl"] as? Double, cl > 0, cl < 1 { label += " \(Int((cl * 100).rounded()))% CL" }
        var band = try MuNuBand(label: label, lowerBohr: lo, upperBohr: hi, bestBohr: best)
        band.elementSensitivity = (element["sensitivity"] as? Double).flatMap { $0.isFinite && $0 > 0 ? $0 : nil }
        return band
    }
}
