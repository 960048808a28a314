import CMark

/// A parsed cmark-gfm document. Owns the tree; nodes are valid while it lives.
final class CMarkTree {
    let root: CMarkNode

    private static let registered: Void = { cmark_gfm_core_extensions_ensure_registered() }()

    /// Parses `source` as GitHub-flavoured Markdown with tables, strikethrough, autolinks, task
    /// lists and footnotes.
    init(_ source: String) {
        _ = CMarkTree.registered
        let parser = cmark_parser_new(CMARK_OPT_FOOTNOTES)
        for name in ["table", "strikethrough", "autolink", "tasklist"] {
            if let ext = cmark_find_syntax_extension(name) { cmark_parser_attach_syntax_extension(parser, ext) }
        }
        var source = source
        source.withUTF8 { buffer in
            buffer.withMemoryRebound(to: CChar.self) { chars in
                cmark_parser_feed(parser, chars.baseAddress, chars.count)
            }
        }
        let document = cmark_parser_finish(parser)
        cmark_parser_free(parser)
        if let document { cmark_consolidate_text_nodes(document) }
        root = CMarkNode(document)
    }

    deinit {
        if let pointer = root.pointer { cmark_node_free(pointer) }
    }
}

/// What a node is. Extension node types are told apart by their type string, because their
/// numeric values are C globals assigned when the extensions register.
enum CMarkKind: Equatable {
    case document, blockQuote, list, item, codeBlock, htmlBlock, paragraph, heading, thematicBreak
    case footnoteDefinition
    case table, tableRow, tableCell
    case text, softBreak, lineBreak, code, htmlInline, emphasis, strong, link, image
    case footnoteReference, strikethrough
    case other
}

/// A borrowed node of a `CMarkTree`.
struct CMarkNode {
    let pointer: OpaquePointer?

    init(_ pointer: OpaquePointer?) { self.pointer = pointer }

    var kind: CMarkKind {
        guard let pointer else { return .other }
        switch cmark_node_get_type(pointer) {
        case CMARK_NODE_DOCUMENT: return .document
        case CMARK_NODE_BLOCK_QUOTE: return .blockQuote
        case CMARK_NODE_LIST: return .list
        case CMARK_NODE_ITEM: return .item
        case CMARK_NODE_CODE_BLOCK: return .codeBlock
        case CMARK_NODE_HTML_BLOCK: return .htmlBlock
        case CMARK_NODE_PARAGRAPH: return .paragraph
        case CMARK_NODE_HEADING: return .heading
        case CMARK_NODE_THEMATIC_BREAK: return .thematicBreak
        case CMARK_NODE_FOOTNOTE_DEFINITION: return .footnoteDefinition
        case CMARK_NODE_TEXT: return .text
        case CMARK_NODE_SOFTBREAK: return .softBreak
        case CMARK_NODE_LINEBREAK: return .lineBreak
        case CMARK_NODE_CODE: return .code
        case CMARK_NODE_HTML_INLINE: return .htmlInline
        case CMARK_NODE_EMPH: return .emphasis
        case CMARK_NODE_STRONG: return .strong
        case CMARK_NODE_LINK: return .link
        case CMARK_NODE_IMAGE: return .image
        case CMARK_NODE_FOOTNOTE_REFERENCE: return .footnoteReference
        default:
            switch typeString {
            case "table": return .table
            case "table_header", "table_row": return .tableRow
            case "table_cell": return .tableCell
            case "strikethrough": return .strikethrough
            default: return .other
            }
        }
    }

    var typeString: String {
        guard let pointer, let s = cmark_node_get_type_string(pointer) else { return "" }
        return String(cString: s)
    }

    var firstChild: CMarkNode? { wrap(pointer.flatMap { cmark_node_first_child($0) }) }
    var next: CMarkNode? { wrap(pointer.flatMap { cmark_node_next($0) }) }
    var parent: CMarkNode? { wrap(pointer.flatMap { cmark_node_parent($0) }) }

    var children: [CMarkNode] {
        var out: [CMarkNode] = []
        var child = firstChild
        while let c = child {
            out.append(c)
            child = c.next
        }
        return out
    }

    var literal: String { string(pointer.flatMap { cmark_node_get_literal($0) }) }
    var url: String { string(pointer.flatMap { cmark_node_get_url($0) }) }
    var title: String { string(pointer.flatMap { cmark_node_get_title($0) }) }
    var fenceInfo: String { string(pointer.flatMap { cmark_node_get_fence_info($0) }) }
    var headingLevel: Int { pointer.map { Int(cmark_node_get_heading_level($0)) } ?? 0 }
    var isOrderedList: Bool { pointer.map { cmark_node_get_list_type($0) == CMARK_ORDERED_LIST } ?? false }
    var listStart: Int { pointer.map { Int(cmark_node_get_list_start($0)) } ?? 1 }
    var listDelimiterIsParen: Bool { pointer.map { cmark_node_get_list_delim($0) == CMARK_PAREN_DELIM } ?? false }
    var isTightList: Bool { pointer.map { cmark_node_get_list_tight($0) != 0 } ?? true }

    var isFenced: Bool {
        guard let pointer else { return false }
        var length: Int32 = 0
        var offset: Int32 = 0
        var character: CChar = 0
        return cmark_node_get_fenced(pointer, &length, &offset, &character) != 0
    }

    /// Whether this is a task list item, and if so whether it is checked.
    var taskState: Bool? {
        guard let pointer, typeString == "tasklist" else { return nil }
        return cmark_gfm_extensions_get_tasklist_item_checked(pointer)
    }

    var isTableHeaderRow: Bool {
        guard let pointer else { return false }
        return cmark_gfm_extensions_get_table_row_is_header(pointer) != 0
    }

    var tableColumns: Int { pointer.map { Int(cmark_gfm_extensions_get_table_columns($0)) } ?? 0 }

    /// Alignment characters of the table's columns: "l", "c", "r" or nil.
    var tableAlignments: [Character?] {
        guard let pointer, let raw = cmark_gfm_extensions_get_table_alignments(pointer) else { return [] }
        return (0..<tableColumns).map { i in
            switch raw[i] {
            case UInt8(ascii: "l"): return "l"
            case UInt8(ascii: "c"): return "c"
            case UInt8(ascii: "r"): return "r"
            default: return nil
            }
        }
    }

    /// Visits this node and its descendants in document order without recursion.
    func walk(_ visit: (_ node: CMarkNode, _ entering: Bool) -> Void) {
        guard let pointer, let iterator = cmark_iter_new(pointer) else { return }
        defer { cmark_iter_free(iterator) }
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            visit(CMarkNode(cmark_iter_get_node(iterator)), event == CMARK_EVENT_ENTER)
        }
    }

    private func wrap(_ p: OpaquePointer?) -> CMarkNode? { p.map(CMarkNode.init) }
    private func string(_ p: UnsafePointer<CChar>?) -> String { p.map { String(cString: $0) } ?? "" }
}
