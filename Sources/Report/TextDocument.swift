import Foundation
import Formats

/// A result as text, built once and written by either back end: ``TextDocument/Style/plain`` for
/// the terminal (right-aligned columns, `label = value` lines) or ``TextDocument/Style/markdown``
/// for a report's `summary.md` (headings, pipe tables, bold warnings). Each result has one
/// renderer that builds its document (``FitText``), so the terminal and the report say the same.
public struct TextDocument: Sendable {
    public enum Style: Sendable { case plain, markdown }

    public enum Block: Sendable {
        /// A title line: plain as it is, markdown as a heading (`markdown` text).
        case heading(plain: String, markdown: String)
        /// A table with a header row; columns right-aligned.
        case table(header: [String], rows: [[String]])
        /// Lines `label = value` with the labels padded to one column (plain), or a two-column
        /// table (markdown; `markdownLabel` when the label reads differently there).
        case fields([Field])
        /// A line of text; `strong` lines (warnings, verdicts) are bold in markdown.
        case line(String, strong: Bool = false)
        /// A labelled remark: plain "label: text", markdown "**Label:** text".
        case remark(label: String, text: String)
        /// An empty line (plain only: markdown separates blocks by itself).
        case blank
    }

    public struct Field: Sendable {
        public var label: String
        public var value: String
        public var markdownLabel: String?
        public init(_ label: String, _ value: String, markdownLabel: String? = nil) {
            self.label = label
            self.value = value
            self.markdownLabel = markdownLabel
        }
    }

    public var blocks: [Block]
    public init(_ blocks: [Block] = []) { self.blocks = blocks }

    public mutating func append(_ b: Block) { blocks.append(b) }

    /// The column of `label = value` lines: labels padded to 19 characters, then "= ".
    public static func label(_ text: String) -> String { text.padding(toLength: 19, withPad: " ", startingAt: 0) + "= " }

    /// The document as text in `style`.
    public func render(_ style: Style) -> String {
        var s = ""
        for b in blocks {
            switch (b, style) {
            case (.heading(let t, _), .plain): s += t + "\n"
            case (.heading(_, let t), .markdown): s += "## \(t)\n\n"
            case (.table(let h, let rows), .plain): s += Format.table(h, rows)
            case (.table(let h, let rows), .markdown): s += Self.markdownTable(h, rows) + "\n"
            case (.fields(let fs), .plain): s += fs.map { Self.label($0.label) + $0.value + "\n" }.joined()
            case (.fields(let fs), .markdown):
                s += Self.markdownTable(["quantity", "value"], fs.map { [$0.markdownLabel ?? $0.label, $0.value] }, align: false) + "\n"
            case (.line(let t, _), .plain): s += t + "\n"
            case (.line(let t, let strong), .markdown): s += (strong ? "**\(t)**" : t) + "\n\n"
            case (.remark(let l, let t), .plain): s += "\(l): \(t)\n"
            case (.remark(let l, let t), .markdown): s += "**\(l.prefix(1).uppercased() + l.dropFirst()):** \(t)\n\n"
            case (.blank, .plain): s += "\n"
            case (.blank, .markdown): break
            }
        }
        return s
    }

    /// A pipe table; columns right-aligned unless `align` is false. A `|` in a cell is escaped.
    public static func markdownTable(_ header: [String], _ rows: [[String]], align: Bool = true) -> String {
        func line(_ cells: [String]) -> String { "| " + cells.map { TextInput.displaySafe($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |\n" }
        return line(header) + "|" + header.map { _ in align ? "---:|" : "---|" }.joined() + "\n" + rows.map(line).joined()
    }
}
