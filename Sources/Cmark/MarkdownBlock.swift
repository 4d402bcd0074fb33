import CCmarkGFM

/// A top-level Markdown block reduced to plain text.
public enum MarkdownBlock: Equatable, Sendable {
    /// An ATX or setext heading with its level (1–6) and plain text.
    case heading(level: Int, text: String)
    /// A paragraph's plain text.
    case paragraph(String)
    /// Any other block (list, block quote, code block, table, thematic break, HTML block) with its plain text; paragraphs inside it separated by "\n\n". Thematic break has text "".
    case other(kind: String, text: String)
}

extension MarkdownBlock {
    /// Reduces a top-level cmark block node to plain text.
    init(_ node: OpaquePointer) {
        let units = PlainText.units(of: node)
        switch cmark_node_get_type(node) {
        case CMARK_NODE_HEADING:
            self = .heading(level: Int(cmark_node_get_heading_level(node)), text: units.first ?? "")
        case CMARK_NODE_PARAGRAPH:
            self = .paragraph(units.first ?? "")
        default:
            let kind = cmark_node_get_type_string(node).map { String(cString: $0) } ?? ""
            self = .other(kind: kind, text: units.filter { !$0.isEmpty }.joined(separator: "\n\n"))
        }
    }
}

/// Collects the plain text of a block subtree as one trimmed string per text block inside it.
enum PlainText {
    /// Text blocks of `node` in document order; a table is one unit with rows on lines and cells separated by " | ".
    static func units(of node: OpaquePointer) -> [String] {
        guard let iterator = cmark_iter_new(node) else { return [] }
        defer { cmark_iter_free(iterator) }
        var units: [String] = []
        var current = ""
        while true {
            let event = cmark_iter_next(iterator)
            if event == CMARK_EVENT_DONE { break }
            guard let node = cmark_iter_get_node(iterator) else { continue }
            let entering = event == CMARK_EVENT_ENTER
            switch cmark_node_get_type(node) {
            case CMARK_NODE_PARAGRAPH, CMARK_NODE_HEADING:
                if entering { current = "" } else { units.append(trimmed(current)) }
            case CMARK_NODE_CODE_BLOCK, CMARK_NODE_HTML_BLOCK:
                units.append(trimmed(literal(node)))
            case CMARK_NODE_TEXT, CMARK_NODE_CODE, CMARK_NODE_HTML_INLINE:
                current += literal(node)
            case CMARK_NODE_SOFTBREAK:
                current += " "
            case CMARK_NODE_LINEBREAK:
                current += "\n"
            case CMARK_NODE_DOCUMENT, CMARK_NODE_BLOCK_QUOTE, CMARK_NODE_LIST, CMARK_NODE_ITEM,
                 CMARK_NODE_THEMATIC_BREAK, CMARK_NODE_EMPH, CMARK_NODE_STRONG, CMARK_NODE_LINK,
                 CMARK_NODE_IMAGE:
                break
            default:
                handleExtensionNode(node, entering: entering, units: &units, current: &current)
            }
        }
        return units
    }

    /// Handles the table nodes added by the GFM table extension; other extension nodes only contribute their children.
    private static func handleExtensionNode(
        _ node: OpaquePointer, entering: Bool, units: inout [String], current: inout String
    ) {
        guard let typeName = cmark_node_get_type_string(node) else { return }
        switch String(cString: typeName) {
        case "table":
            if entering { current = "" } else { units.append(trimmed(current)) }
        case "table_header", "table_row":
            if entering, cmark_node_previous(node) != nil { current += "\n" }
        case "table_cell":
            if entering, cmark_node_previous(node) != nil { current += " | " }
        default:
            break
        }
    }

    /// The node's literal content, or "" when it has none.
    private static func literal(_ node: OpaquePointer) -> String {
        cmark_node_get_literal(node).map { String(cString: $0) } ?? ""
    }

    /// `text` without leading and trailing whitespace.
    static func trimmed(_ text: String) -> String {
        let scalars = text.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        if first == scalars.startIndex, last == scalars.index(before: scalars.endIndex) { return text }
        return String(scalars[first...last])
    }
}
