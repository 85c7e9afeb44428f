import Foundation

/// One node of an SVG document tree: an element name, ordered attributes, children and optional
/// text. Serialisation escapes all text and attribute values, so labels may contain any string.
public struct SVGElement: Sendable {
    /// The element name, e.g. `"path"`.
    public var name: String
    /// Attributes in document order.
    public var attributes: [(name: String, value: String)]
    /// Child elements, written after `text`.
    public var children: [SVGElement]
    /// Character data (escaped on output).
    public var text: String?

    /// Creates an element.
    public init(_ name: String, _ attributes: [(String, String)] = [], text: String? = nil,
                children: [SVGElement] = []) {
        self.name = name
        self.attributes = attributes.map { (name: $0.0, value: $0.1) }
        self.text = text
        self.children = children
    }

    /// The element serialised as indented XML.
    public func xml(indent: Int = 0) -> String {
        var out = ""
        write(into: &out, indent: indent)
        return out
    }

    func write(into out: inout String, indent: Int) {
        let pad = String(repeating: " ", count: indent)
        out += pad + "<" + name
        for a in attributes { out += " \(a.name)=\"\(Self.escape(a.value))\"" }
        if children.isEmpty, text == nil { out += "/>\n"; return }
        out += ">"
        if let text { out += Self.escape(text) }
        if !children.isEmpty {
            out += "\n"
            for c in children { c.write(into: &out, indent: indent + 1) }
            out += pad
        }
        out += "</\(name)>\n"
    }

    /// Escapes `& < > " '` and drops characters that XML 1.0 forbids (most C0 controls).
    public static func escape(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for u in s.unicodeScalars {
            switch u {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&apos;"
            case "\t", "\n", "\r": out.unicodeScalars.append(u)
            default:
                if u.value < 0x20 || u.value == 0xFFFE || u.value == 0xFFFF { continue }
                out.unicodeScalars.append(u)
            }
        }
        return out
    }

    /// A pixel coordinate written with at most two decimals (`12`, `12.5`, `-0.25`).
    public static func num(_ v: Double) -> String {
        guard v.isFinite else { return "0" }
        let r = (v * 100).rounded() / 100
        if r == r.rounded(), abs(r) < 1e15 { return String(Int(r)) }
        var s = String(format: "%.2f", r)
        while s.hasSuffix("0") { s.removeLast() }
        return s
    }
}

extension SVGElement {
    /// A straight line segment.
    static func line(_ x1: Double, _ y1: Double, _ x2: Double, _ y2: Double, stroke: Color,
                     width: Double = 1, dash: Dash = .solid) -> SVGElement {
        SVGElement("line", [("x1", num(x1)), ("y1", num(y1)), ("x2", num(x2)), ("y2", num(y2)),
                            ("stroke", stroke.hex), ("stroke-width", num(width))] + dash.attributes)
    }

    /// A rectangle.
    static func rect(x: Double, y: Double, width: Double, height: Double, fill: String,
                     extra: [(String, String)] = []) -> SVGElement {
        SVGElement("rect", [("x", num(x)), ("y", num(y)), ("width", num(max(0, width))),
                            ("height", num(max(0, height))), ("fill", fill)] + extra)
    }

    /// A text label; `anchor` is `start`, `middle` or `end`; `rotate` in degrees about (x, y).
    static func text(_ s: String, x: Double, y: Double, size: Double, anchor: String = "start",
                     rotate: Double = 0, fill: Color = .black, extra: [(String, String)] = []) -> SVGElement {
        var a: [(String, String)] = [("x", num(x)), ("y", num(y)), ("font-size", num(size)),
                                     ("text-anchor", anchor), ("fill", fill.hex)]
        if rotate != 0 { a.append(("transform", "rotate(\(num(rotate)) \(num(x)) \(num(y)))")) }
        return SVGElement("text", a + extra, text: s)
    }

    /// A path from subpaths of pixel points (`M x y L x y …`, `Z`-closed when `closed`).
    static func path(_ subpaths: [[(Double, Double)]], closed: Bool = false,
                     attributes: [(String, String)]) -> SVGElement? {
        let parts = subpaths.filter { $0.count > 1 }.map { sp in
            "M" + sp.map { "\(num($0.0)),\(num($0.1))" }.joined(separator: " L") + (closed ? " Z" : "")
        }
        guard !parts.isEmpty else { return nil }
        return SVGElement("path", [("d", parts.joined(separator: " "))] + attributes)
    }

    /// A rough width estimate in px for `s` at `size` (no font metrics available).
    static func textWidth(_ s: String, size: Double) -> Double {
        Double(s.unicodeScalars.count) * size * 0.58
    }
}
