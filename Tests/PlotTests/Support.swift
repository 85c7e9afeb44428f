import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import Plot

/// Parses SVG text (throws when it is not well-formed XML).
func parse(_ svg: String) throws -> XMLDocument {
    try XMLDocument(xmlString: svg, options: [])
}

/// All elements with a given local name (SVG lives in a default namespace).
func elements(_ doc: XMLDocument, _ name: String) throws -> [XMLElement] {
    try doc.nodes(forXPath: "//*[local-name()='\(name)']").compactMap { $0 as? XMLElement }
}

extension XMLElement {
    /// An attribute value by name (`attribute(forName:)` returns nil on Linux's FoundationXML).
    func attr(_ name: String) -> String? { attributes?.first { $0.name == name }?.stringValue }
}

/// The text content of all `<text>` elements, optionally of one class.
func texts(_ doc: XMLDocument, class cls: String? = nil) throws -> [String] {
    try elements(doc, "text").filter { cls == nil || $0.attr("class") == cls }
        .compactMap(\.stringValue)
}

/// The numbers of a path's `d` attribute as (x, y) pairs.
func points(_ path: XMLElement) -> [(Double, Double)] {
    let d = path.attr("d") ?? ""
    let nums = d.split(whereSeparator: { "MLZ ,".contains($0) }).compactMap { Double($0) }
    return stride(from: 0, to: nums.count - 1, by: 2).map { (nums[$0], nums[$0 + 1]) }
}

/// Approximate 68 % Poisson error bars (Gehrels 1986 eqs. 7 and 11).
func poissonErrors(_ n: Double) -> (low: Double, high: Double) {
    let lower = n > 0 ? n * pow(1 - 1 / (9 * n) - 1 / (3 * n.squareRoot()), 3) : 0
    return (n - lower, (n + 0.75).squareRoot() + 1)
}
