import Foundation

/// A compatibility test (``CompatibilityTest/Result``) as JSON with the −ln L convention of every
/// output: `nll_common` and `nll_separate` include Σ ln n_i! of the combined data (both fits
/// are of the same data, so their difference is unchanged).
struct CompatibilityEncoding: Encodable {
    var result: CompatibilityTest.Result
    var logFactorials: Double

    enum CodingKeys: String, CodingKey {
        case nllCommon = "nll_common"
        case nllSeparate = "nll_separate"
    }

    func encode(to encoder: Encoder) throws {
        try result.encode(to: encoder)
        var c = encoder.container(keyedBy: CodingKeys.self)  // a key written again is replaced
        try c.encode(result.nllCommon + logFactorials, forKey: .nllCommon)
        try c.encode(result.nllSeparate + logFactorials, forKey: .nllSeparate)
    }
}
