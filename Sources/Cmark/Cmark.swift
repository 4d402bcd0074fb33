#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import CCmarkGFM

/// Markdown rendering and block reading through cmark-gfm.
public enum Cmark {
    /// Renders Markdown to HTML through cmark-gfm with the GFM extensions table, strikethrough, autolink and tagfilter, in safe mode (raw HTML omitted, javascript:/vbscript:/file:/data: links dropped).
    public static func html(_ markdown: String) -> String {
        withDocument(feeding: { parser in feed(markdown, to: parser) }) { root, parser in
            renderHTML(root, parser) { String(cString: $0) } ?? ""
        }
    }

    /// Renders Markdown as `html(_:)` does, first giving the destination of every link and image to `rewrite`, which
    /// returns the destination to use instead, or nil to keep it (safe mode still drops unsafe schemes afterwards).
    public static func html(_ markdown: String, rewritingLinks rewrite: (String) -> String?) -> String {
        withDocument(feeding: { parser in feed(markdown, to: parser) }) { root, parser in
            guard let iterator = cmark_iter_new(root) else { preconditionFailure("cmark-gfm could not allocate an iterator") }
            defer { cmark_iter_free(iterator) }
            while cmark_iter_next(iterator) != CMARK_EVENT_DONE {
                guard let node = cmark_iter_get_node(iterator), cmark_iter_get_event_type(iterator) == CMARK_EVENT_ENTER else { continue }
                let type = cmark_node_get_type(node)
                guard type == CMARK_NODE_LINK || type == CMARK_NODE_IMAGE, let url = cmark_node_get_url(node),
                      let replacement = rewrite(String(cString: url)) else { continue }
                cmark_node_set_url(node, replacement)
            }
            return renderHTML(root, parser) { String(cString: $0) } ?? ""
        }
    }

    /// Renders each plain-text paragraph's Markdown and returns the inner HTML of each resulting <p> element, in order (one entry per input element). Used by the site builder to render a turn's paragraphs in a single cmark call: join the inputs with "\n\n", render once, split the top-level <p>…</p> elements. If the count of <p> blocks does not match the input count (an input contained block syntax), fall back to rendering each paragraph alone and returning its HTML with the outer <p></p> stripped if present.
    public static func inlineHTML(paragraphs: [String]) -> [String] {
        if paragraphs.isEmpty { return [] }
        var regionStartLines: [Int32] = []
        regionStartLines.reserveCapacity(paragraphs.count + 1)
        let joined: [String]? = withDocument(feeding: { parser in
            var line: Int32 = 1
            for (index, paragraph) in paragraphs.enumerated() {
                if index > 0 { feed("\n\n", to: parser) }
                regionStartLines.append(line)
                line += lineEndingCount(paragraph) + 2
                feed(paragraph, to: parser)
            }
            regionStartLines.append(line)
        }) { root, parser in
            guard paragraphsAlign(root, with: regionStartLines) else { return nil }
            return renderHTML(root, parser) { splitParagraphs($0, expected: paragraphs.count) } ?? nil
        }
        return joined ?? paragraphs.map(renderAlone)
    }

    /// Parses Markdown into its top-level blocks as plain text (for reading hand-edited Markdown back into a model).
    public static func blocks(_ markdown: String) -> [MarkdownBlock] {
        withDocument(feeding: { parser in feed(markdown, to: parser) }) { root, _ in
            var result: [MarkdownBlock] = []
            var child = cmark_node_first_child(root)
            while let block = child {
                result.append(MarkdownBlock(block))
                child = cmark_node_next(block)
            }
            return result
        }
    }
}

extension Cmark {
    /// Parses a document with the GFM extensions attached, hands the root and parser to `body`, then frees both.
    private static func withDocument<Result>(
        feeding: (OpaquePointer) -> Void,
        _ body: (OpaquePointer, OpaquePointer) -> Result
    ) -> Result {
        let extensions = Registry.shared.extensions
        guard let parser = cmark_parser_new(CMARK_OPT_DEFAULT) else {
            preconditionFailure("cmark-gfm could not allocate a parser")
        }
        defer { cmark_parser_free(parser) }
        for syntaxExtension in extensions {
            cmark_parser_attach_syntax_extension(parser, syntaxExtension)
        }
        feeding(parser)
        // cmark-gfm 0.29.0.gfm.6 toggles the extensions' special characters in a process-wide
        // table around inline parsing inside cmark_parser_finish, so that step must not overlap.
        guard let root = Registry.shared.inlinePassLock.withLock({ cmark_parser_finish(parser) }) else {
            preconditionFailure("cmark-gfm could not finish parsing")
        }
        defer { cmark_node_free(root) }
        return body(root, parser)
    }

    /// Feeds the UTF-8 bytes of `text` to the parser without copying a native string.
    private static func feed(_ text: String, to parser: OpaquePointer) {
        var text = text
        text.withUTF8 { bytes in
            guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
            base.withMemoryRebound(to: CChar.self, capacity: bytes.count) { pointer in
                cmark_parser_feed(parser, pointer, bytes.count)
            }
        }
    }

    /// Renders the document to HTML and passes the NUL-terminated result to `body` before freeing it.
    private static func renderHTML<Result>(
        _ root: OpaquePointer,
        _ parser: OpaquePointer,
        _ body: (UnsafeMutablePointer<CChar>) -> Result
    ) -> Result? {
        guard let html = cmark_render_html(root, CMARK_OPT_DEFAULT, cmark_parser_get_syntax_extensions(parser)) else {
            return nil
        }
        defer { free(html) }
        return body(html)
    }

    /// Counts line endings the way cmark does: "\n", "\r\n" and a lone "\r" each end one line.
    private static func lineEndingCount(_ text: String) -> Int32 {
        var text = text
        return text.withUTF8 { bytes in
            var count: Int32 = 0
            var index = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == 0x0A {
                    count += 1
                } else if byte == 0x0D {
                    count += 1
                    if index + 1 < bytes.count, bytes[index + 1] == 0x0A { index += 1 }
                }
                index += 1
            }
            return count
        }
    }

    /// True when the document is exactly one paragraph per input, each starting inside its own input's lines.
    private static func paragraphsAlign(_ root: OpaquePointer, with regionStartLines: [Int32]) -> Bool {
        var index = 0
        var child = cmark_node_first_child(root)
        while let block = child {
            guard index + 1 < regionStartLines.count, cmark_node_get_type(block) == CMARK_NODE_PARAGRAPH else {
                return false
            }
            let line = cmark_node_get_start_line(block)
            guard line >= regionStartLines[index], line < regionStartLines[index + 1] else { return false }
            index += 1
            child = cmark_node_next(block)
        }
        return index + 1 == regionStartLines.count
    }

    /// Splits rendered HTML made only of top-level paragraphs into their inner HTML, or nil if it is not exactly `expected` of them.
    private static func splitParagraphs(_ html: UnsafeMutablePointer<CChar>, expected: Int) -> [String]? {
        let length = strlen(html)
        return html.withMemoryRebound(to: UInt8.self, capacity: length) { start in
            let bytes = UnsafeBufferPointer(start: start, count: length)
            var result: [String] = []
            result.reserveCapacity(expected)
            var position = 0
            while position < bytes.count {
                guard result.count < expected, startsParagraph(bytes, at: position) else { return nil }
                let innerStart = position + 3
                guard let innerEnd = paragraphEnd(bytes, from: innerStart) else { return nil }
                result.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[innerStart..<innerEnd]), as: UTF8.self))
                position = innerEnd + 5
            }
            return result.count == expected ? result : nil
        }
    }

    /// True when "<p>" starts at `offset`.
    private static func startsParagraph(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        offset + 3 <= bytes.count && bytes[offset] == 0x3C && bytes[offset + 1] == 0x70 && bytes[offset + 2] == 0x3E
    }

    /// The offset of the next "</p>\n" at or after `offset`, found by jumping between "<" bytes with memchr.
    private static func paragraphEnd(_ bytes: UnsafeBufferPointer<UInt8>, from offset: Int) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        var cursor = offset
        while cursor + 5 <= bytes.count {
            guard let found = memchr(base + cursor, 0x3C, bytes.count - cursor) else { return nil }
            let index = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
            if index + 5 <= bytes.count, bytes[index + 1] == 0x2F, bytes[index + 2] == 0x70,
               bytes[index + 3] == 0x3E, bytes[index + 4] == 0x0A {
                return index
            }
            cursor = index + 1
        }
        return nil
    }

    /// Renders one paragraph on its own, stripping the outer <p></p> when it is a single paragraph.
    private static func renderAlone(_ paragraph: String) -> String {
        withDocument(feeding: { parser in feed(paragraph, to: parser) }) { root, parser in
            let first = cmark_node_first_child(root)
            let isSingleParagraph = first.map {
                cmark_node_get_type($0) == CMARK_NODE_PARAGRAPH && cmark_node_next($0) == nil
            } ?? false
            var html = renderHTML(root, parser) { String(cString: $0) } ?? ""
            if isSingleParagraph, html.hasPrefix("<p>"), html.hasSuffix("</p>\n") {
                return String(html.dropFirst(3).dropLast(5))
            }
            while html.last == "\n" { html.removeLast() }
            return html
        }
    }
}
