import Foundation

extension MomentMatrixFile {
    /// The file's JSON (pretty-printed, sorted keys) for the elements `matrix` (μB) in `basis`,
    /// of neutrino type `nature`, with a free-text `comment`; numbers in units of ``unitBohr``.
    /// ``parse(_:file:)`` reads it back.
    public static func data(_ matrix: ComplexMatrix3, basis: MomentBasis, nature: NeutrinoNature, comment: String) throws -> Data {
        let file: [String: Any] = [
            "basis": basis.rawValue, "type": nature.rawValue,
            "real": (0..<3).map { r in (0..<3).map { c in matrix[r, c].re / unitBohr } },
            "imag": (0..<3).map { r in (0..<3).map { c in matrix[r, c].im / unitBohr } },
            "comment": comment,
        ]
        return try JSONSerialization.data(withJSONObject: file, options: [.prettyPrinted, .sortedKeys])
    }
}
