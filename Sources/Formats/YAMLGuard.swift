import Foundation

/// Bounds a YAML document BEFORE a YAML library sees it; lines end where libyaml ends them
/// (``lineBreakLength(_:at:)``). Yams composes nodes recursively, so a
/// document nested 100 000 levels deep overflows the stack; and aliases (`*a`) can expand a
/// small file into billions of nodes. ``check(_:file:)`` scans the text once, without
/// recursion, and refuses:
/// - nesting deeper than ``ResourceLimit/nestingDepth`` levels. The depth of a line is
///   over-estimated as 2 × (number of open indentation levels) + the `- `, `? ` and `: `
///   indicators on the line + the open flow brackets (`[`, `{`), so the real depth is never
///   larger than the estimate; quoted strings, comments and block scalars (`|`, `>`) are skipped.
/// - more than ``ResourceLimit/yamlAliases`` aliases;
/// - more than ``ResourceLimit/documentNodes`` places where a node can start (an upper bound
///   on the nodes Yams would compose, each costing a couple of hundred bytes).
/// Alias *expansion* is bounded when the composed document is walked (``SpecDecoding``): at most
/// ``ResourceLimit/yamlExpansionFactor`` nodes per byte of text.
public enum YAMLGuard {
    /// Throws ``InputError`` naming the file and the first line that goes too deep.
    public static func check(_ text: String, file: String?) throws {
        let maxDepth = try ResourceLimit.nestingDepth.value()
        let maxAliases = try ResourceLimit.yamlAliases.value()
        let maxNodes = try ResourceLimit.documentNodes.value()
        var scanner = Scanner(maxDepth: maxDepth, maxAliases: maxAliases, maxNodes: maxNodes, file: file)
        let u = Array(text.utf8)
        var lineNo = 0
        var start = 0
        while start < u.count || lineNo == 0 {
            lineNo += 1
            var end = start
            var breakLength = 0
            while end < u.count {
                breakLength = lineBreakLength(u, at: end)
                if breakLength > 0 { break }
                end += 1
            }
            try scanner.line(Array(u[start..<end]), number: lineNo)
            if end >= u.count { break }
            start = end + breakLength
        }
    }

    /// The length in bytes of the line break starting at `i`, or 0. These are libyaml's line
    /// breaks (`IS_BREAK` in libyaml's yaml_private.h): LF, CR (CR LF counts once), NEL
    /// U+0085, LINE SEPARATOR U+2028 and PARAGRAPH SEPARATOR U+2029. Counting only LF would let
    /// a document whose lines end in U+2028 pass as one line while the parser sees thousands.
    static func lineBreakLength(_ u: [UInt8], at i: Int) -> Int {
        switch u[i] {
        case 10: return 1
        case 13: return i + 1 < u.count && u[i + 1] == 10 ? 2 : 1
        case 0xC2: return i + 1 < u.count && u[i + 1] == 0x85 ? 2 : 0
        case 0xE2: return i + 2 < u.count && u[i + 1] == 0x80 && (u[i + 2] == 0xA8 || u[i + 2] == 0xA9) ? 3 : 0
        default: return 0
        }
    }

    struct Scanner {
        let maxDepth: Int
        let maxAliases: Int
        let maxNodes: Int
        let file: String?
        /// Places where a node can start (line starts, after `[`, `{`, `,`, `:`, `- `, `? `):
        /// an upper bound on the nodes the parser will compose.
        var nodeStarts = 0
        var indents: [Int] = []
        var flow = 0
        var inDouble = false
        var inSingle = false
        /// Indentation of the line that opened a block scalar, while inside one.
        var blockScalarParent: Int?
        var aliases = 0

        static let space: UInt8 = 32, tab: UInt8 = 9, hash: UInt8 = 35, dash: UInt8 = 45, question: UInt8 = 63, colon: UInt8 = 58
        static let openSq: UInt8 = 91, closeSq: UInt8 = 93, openCu: UInt8 = 123, closeCu: UInt8 = 125, comma: UInt8 = 44
        static let dquote: UInt8 = 34, squote: UInt8 = 39, backslash: UInt8 = 92, pipe: UInt8 = 124, gt: UInt8 = 62
        static let amp: UInt8 = 38, star: UInt8 = 42, bang: UInt8 = 33

        func blank(_ c: UInt8) -> Bool { c == Self.space || c == Self.tab }

        mutating func line(_ b: [UInt8], number: Int) throws {
            var i = 0
            while i < b.count && b[i] == Self.space { i += 1 }
            let indent = i
            let rest = i < b.count ? b[i] : nil
            if let parent = blockScalarParent {
                if rest == nil || indent > parent { return }  // block scalar content
                blockScalarParent = nil
            }
            if !inDouble && !inSingle {
                if rest == nil || rest == Self.hash { return }
                // document markers reset the structure
                if flow == 0 && indent == 0 && b.count >= 3 && (b[0...2] == [45, 45, 45] || b[0...2] == [46, 46, 46]) {
                    indents.removeAll()
                }
                while let last = indents.last, last > indent { indents.removeLast() }
                if indents.last != indent { indents.append(indent) }
            }
            var extra = 0
            var deepest = flow
            nodeStarts += 1
            var atNodeStart = !(inDouble || inSingle)
            while i < b.count {
                let c = b[i]
                if inDouble {
                    if c == Self.backslash { i += 2; continue }
                    if c == Self.dquote { inDouble = false }
                    i += 1
                    continue
                }
                if inSingle {
                    if c == Self.squote {
                        if i + 1 < b.count && b[i + 1] == Self.squote { i += 2; continue }
                        inSingle = false
                    }
                    i += 1
                    continue
                }
                let next: UInt8? = i + 1 < b.count ? b[i + 1] : nil
                let followedByBlank = next == nil || blank(next!)
                if blank(c) { i += 1; continue }
                if c == Self.hash && (i == 0 || blank(b[i - 1])) { break }  // comment
                if atNodeStart {
                    if (c == Self.dash || c == Self.question) && followedByBlank {
                        extra += 1
                        nodeStarts += 1
                        i += 1
                        continue
                    }
                    if c == Self.dquote { inDouble = true; atNodeStart = false; i += 1; continue }
                    if c == Self.squote { inSingle = true; atNodeStart = false; i += 1; continue }
                    if c == Self.amp || c == Self.bang || c == Self.star {
                        if c == Self.star {
                            aliases += 1
                            if aliases > maxAliases {
                                throw InputError(file: file, line: number,
                                                 "more than \(maxAliases) YAML aliases (*name); nmmfit's files need none")
                            }
                        }
                        // skip the anchor, tag or alias name
                        while i < b.count && !blank(b[i]) && !(flow > 0 && [Self.comma, Self.closeSq, Self.closeCu].contains(b[i])) { i += 1 }
                        continue
                    }
                    if (c == Self.pipe || c == Self.gt) && flow == 0 {
                        blockScalarParent = indent
                        break
                    }
                }
                if c == Self.openSq || c == Self.openCu {
                    if flow > 0 || atNodeStart {
                        flow += 1
                        deepest = max(deepest, flow)
                        nodeStarts += 1
                        atNodeStart = true
                        i += 1
                        continue
                    }
                } else if (c == Self.closeSq || c == Self.closeCu) && flow > 0 {
                    flow -= 1
                    atNodeStart = false
                    i += 1
                    continue
                } else if c == Self.comma && flow > 0 {
                    nodeStarts += 1
                    atNodeStart = true
                    i += 1
                    continue
                } else if c == Self.colon && (followedByBlank || (flow > 0 && [Self.comma, Self.closeSq, Self.closeCu].contains(next!))) {
                    if flow == 0 { extra += 1 }
                    nodeStarts += 1
                    atNodeStart = true
                    i += 1
                    continue
                }
                atNodeStart = false
                i += 1
            }
            if nodeStarts > maxNodes {
                throw InputError(file: file, line: number,
                                 "more than \(maxNodes) values in one YAML document\(ResourceLimit.documentNodes.howToRaise)")
            }
            let depth = 2 * indents.count + extra + deepest
            if depth > maxDepth {
                throw InputError(file: file, line: number,
                                 "YAML nested more than \(maxDepth) levels deep (nmmfit's files need fewer than 10)")
            }
        }
    }
}
