import CYaml
import Foundation

extension YAMLGuard {
    /// The parser's own count: runs libyaml's event parser (no composition, no recursion: its
    /// stacks live on the heap) over the text and refuses, at the first event past a limit,
    /// nesting deeper than ``ResourceLimit/nestingDepth``, more than ``ResourceLimit/yamlAliases``
    /// aliases and more than ``ResourceLimit/documentNodes`` nodes. ``check(_:file:)`` estimates
    /// these from the text; this pass is exact, since it sees the document as Yams will, so a
    /// construct the text scan misreads (a block scalar ended by a smaller indentation than the
    /// scan assumed, and the like) cannot reach Yams' recursive composer. A syntax error ends
    /// the pass silently: Yams reports it with its line when it composes the document, and
    /// the events before the error were all counted.
    static func checkEvents(_ text: String, file: String?) throws {
        let maxDepth = try ResourceLimit.nestingDepth.value()
        let maxAliases = try ResourceLimit.yamlAliases.value()
        let maxNodes = try ResourceLimit.documentNodes.value()
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            throw InputError(file: file, "malformed YAML: the YAML parser ran out of memory")
        }
        defer { yaml_parser_delete(&parser) }
        try bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var depth = 0, nodes = 0, aliases = 0
            while true {
                var event = yaml_event_t()
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                let type = event.type
                let line = Int(event.start_mark.line) + 1
                yaml_event_delete(&event)
                switch type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    depth += 1
                    nodes += 1
                    if depth > maxDepth {
                        throw InputError(file: file, line: line,
                                         "YAML nested more than \(maxDepth) levels deep (nmmfit's files need fewer than 10)")
                    }
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    depth -= 1
                case YAML_SCALAR_EVENT:
                    nodes += 1
                case YAML_ALIAS_EVENT:
                    nodes += 1
                    aliases += 1
                    if aliases > maxAliases {
                        throw InputError(file: file, line: line,
                                         "more than \(maxAliases) YAML aliases (*name); nmmfit's files need none")
                    }
                default:
                    break
                }
                if nodes > maxNodes {
                    throw InputError(file: file, line: line,
                                     "more than \(maxNodes) values in one YAML document\(ResourceLimit.documentNodes.howToRaise)")
                }
            }
        }
    }
}
