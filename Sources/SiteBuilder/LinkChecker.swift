import Foundation

/// Checks a built site: every internal link and `#anchor` in its HTML must resolve to a file and an id; with
/// `audit`, also every page must have a non-empty `<title>` and every `<img>` an `alt` attribute.
public enum LinkChecker {
    /// One problem on one page.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// What kind of problem it is.
        public enum Kind: String, Sendable, CaseIterable {
            /// An internal link to a file that does not exist.
            case brokenLink = "broken link"
            /// An internal link to an existing page without the `#id` it names.
            case brokenAnchor = "broken anchor"
            /// A page without a `<title>`, or with an empty one.
            case missingTitle = "missing title"
            /// An `<img>` without an `alt` attribute (`alt=""` marks a decorative image and is fine).
            case missingAlt = "image without alt"
        }

        /// The page holding the problem, relative to the site root.
        public var page: String
        /// The link as written, or the element at fault (`<title>`, `<img src="…">`).
        public var link: String
        /// What is missing.
        public var reason: String
        /// What kind of problem it is.
        public var kind: Kind = .brokenLink

        /// `page: link: reason`, one line as `sitegen check` prints it.
        public var description: String { "\(page): \(link): \(reason)" }
    }

    /// The result of `audit`: every problem, and how much was looked at.
    public struct Audit: Sendable {
        /// HTML pages read.
        public var pages: Int
        /// Internal links followed.
        public var links: Int
        /// Images seen.
        public var images: Int
        /// Every problem, sorted by page, in document order within a page.
        public var problems: [Problem]

        /// How many problems there are of `kind`.
        public func count(_ kind: Problem.Kind) -> Int { problems.filter { $0.kind == kind }.count }
    }

    /// Every broken internal link or anchor under `root`, sorted by page.
    public static func check(_ root: URL) -> [Problem] {
        audit(root).problems.filter { $0.kind == .brokenLink || $0.kind == .brokenAnchor }
    }

    /// Every broken internal link or anchor, page without a title and image without alt text under `root`.
    public static func audit(_ root: URL) -> Audit {
        let pages = htmlPages(root)
        var ids: [String: Set<String>] = [:]
        for (path, html) in pages { ids[path] = Set(attribute("id", in: html)) }
        var problems: [Problem] = []
        var links = 0, images = 0
        // Whether each link target is a regular file, asked once per target (most pages link the same few).
        var files: [String: Bool] = [:]
        func isFile(_ target: String) -> Bool {
            if let known = files[target] { return known }
            var isDirectory: ObjCBool = false
            let found = FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            files[target] = found
            return found
        }
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            switch title(in: html) {
            case nil: problems.append(Problem(page: path, link: "<title>", reason: "the page has no <title>", kind: .missingTitle))
            case let title? where title.isEmpty:
                problems.append(Problem(page: path, link: "<title>", reason: "the page's <title> is empty", kind: .missingTitle))
            default: break
            }
            for tag in tags("img", in: html) {
                images += 1
                if !tag.attributes.keys.contains("alt") {
                    let source = tag.attributes["src"].map { " src=\"\($0)\"" } ?? ""
                    problems.append(Problem(page: path, link: "<img\(source)>", reason: "the image has no alt text", kind: .missingAlt))
                }
            }
            for link in attribute("href", in: html) + attribute("src", in: html) {
                guard let (target, fragment) = resolve(link, from: path) else { continue }
                links += 1
                guard isFile(target) else {
                    problems.append(Problem(page: path, link: link, reason: "no such file \(target)", kind: .brokenLink))
                    continue
                }
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), ids[target]?.contains(fragment) != true {
                    problems.append(Problem(page: path, link: link, reason: "no element with id \"\(fragment)\" in \(target)", kind: .brokenAnchor))
                }
            }
        }
        return Audit(pages: pages.count, links: links, images: images, problems: problems)
    }

    /// The text of the document's `<title>` (entities left as written, whitespace trimmed); nil when there is none.
    static func title(in html: String) -> String? {
        let head = range(of: "</head>", in: html, from: html.startIndex, ignoringCase: true).map { String(html[..<$0.lowerBound]) } ?? html
        guard let open = tags("title", in: head).first,
              let close = range(of: "</title", in: head, from: open.end, ignoringCase: true) else { return nil }
        return head[open.end..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// A start tag found in HTML: its attributes (names lower-cased, values with `&amp;` and `&quot;` decoded) and where it ends.
    struct Tag {
        var attributes: [String: String]
        var end: String.Index
    }

    /// Every start tag named `name` (case-insensitive) in `html`, in order.
    static func tags(_ name: String, in html: String) -> [Tag] {
        var result: [Tag] = []
        var position = html.startIndex
        while let open = range(of: "<" + name, in: html, from: position, ignoringCase: true) {
            position = open.upperBound
            guard position < html.endIndex, let next = html[position].unicodeScalars.first,
                  next == ">" || next == "/" || CharacterSet.whitespacesAndNewlines.contains(next) else { continue }
            var attributes: [String: String] = [:]
            var cursor = position
            func skipSpace() {
                while cursor < html.endIndex, html[cursor].isWhitespace || html[cursor] == "/" { cursor = html.index(after: cursor) }
            }
            skipSpace()
            while cursor < html.endIndex, html[cursor] != ">" {
                let nameStart = cursor
                while cursor < html.endIndex, !html[cursor].isWhitespace, !"=>/".contains(html[cursor]) { cursor = html.index(after: cursor) }
                let attribute = html[nameStart..<cursor].lowercased()
                var value = ""
                if cursor < html.endIndex, html[cursor] == "=" {
                    cursor = html.index(after: cursor)
                    if cursor < html.endIndex, html[cursor] == "\"" || html[cursor] == "'" {
                        let quote = html[cursor]
                        let start = html.index(after: cursor)
                        let end = html[start...].firstIndex(of: quote) ?? html.endIndex
                        value = String(html[start..<end])
                        cursor = end < html.endIndex ? html.index(after: end) : end
                    } else {
                        let start = cursor
                        while cursor < html.endIndex, !html[cursor].isWhitespace, html[cursor] != ">" { cursor = html.index(after: cursor) }
                        value = String(html[start..<cursor])
                    }
                }
                if !attribute.isEmpty {
                    attributes[attribute] = value.replacingOccurrences(of: "&quot;", with: "\"").replacingOccurrences(of: "&amp;", with: "&")
                } else if cursor < html.endIndex, html[cursor] != ">" {
                    cursor = html.index(after: cursor)
                }
                skipSpace()
            }
            let end = cursor < html.endIndex ? html.index(after: cursor) : cursor
            result.append(Tag(attributes: attributes, end: end))
            position = end
        }
        return result
    }

    /// How many internal links the site holds (to show a check really looked).
    public static func linkCount(_ root: URL) -> Int {
        htmlPages(root).values.reduce(0) { count, html in
            count + (attribute("href", in: html) + attribute("src", in: html)).filter { resolve($0, from: "index.html") != nil }.count
        }
    }

    /// The site-relative file and fragment an internal link points to; nil for external links.
    static func resolve(_ link: String, from page: String) -> (String, String?)? {
        if link.contains(":") && !link.hasPrefix("#") && !link.hasPrefix("./") && !link.hasPrefix("../") { return nil }
        if link.hasPrefix("//") || link.hasPrefix("/") { return nil }
        var path = link
        var fragment: String?
        if let hash = path.firstIndex(of: "#") {
            fragment = String(path[path.index(after: hash)...]).removingPercentEncoding
            path = String(path[..<hash])
        }
        if let query = path.firstIndex(of: "?") { path = String(path[..<query]) }
        var components = page.split(separator: "/").dropLast().map(String.init)
        if path.isEmpty {
            return (page, fragment)
        }
        for part in path.split(separator: "/", omittingEmptySubsequences: false) {
            switch part {
            case "..": if components.popLast() == nil { return ("../", fragment) }
            case ".", "": continue
            default: components.append(String(part).removingPercentEncoding ?? String(part))
            }
        }
        if path.hasSuffix("/") || components.isEmpty { components.append("index.html") }
        return (components.joined(separator: "/"), fragment)
    }

    private static func htmlPages(_ root: URL) -> [String: String] {
        var pages: [String: String] = [:]
        let base = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [:] }
        for case let url as URL in enumerator where url.pathExtension == "html" {
            guard let html = try? String(contentsOf: url, encoding: .utf8) else { continue }
            pages[String(url.standardizedFileURL.path.dropFirst(base.count + 1))] = html
        }
        return pages
    }

    /// Values of `name="…"` attributes, with `&amp;` decoded. Scans the UTF-8 bytes: Foundation's `range(of:)` on a
    /// `Substring` measured UTF-16 offsets from the start of the page for every match, which made `sitegen check` take
    /// five minutes on a 10,000-call site.
    public static func attribute(_ name: String, in html: String) -> [String] {
        let marker = Array(" \(name)=\"".utf8)
        var html = html
        return html.withUTF8 { bytes in
            var values: [String] = []
            var position = 0
            while let found = find(marker, in: bytes, from: position, ignoringCase: false) {
                let start = found + marker.count
                guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\"")) else { break }
                let value = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
                values.append(value.contains("&amp;") ? value.replacingOccurrences(of: "&amp;", with: "&") : value)
                position = end
            }
            return values
        }
    }

    /// The offset of the first occurrence of `needle` in `bytes` at or after `start`; with `ignoringCase`, ASCII letters
    /// in the text match `needle`'s, which must be lower case.
    static func find(_ needle: [UInt8], in bytes: UnsafeBufferPointer<UInt8>, from start: Int, ignoringCase: Bool) -> Int? {
        guard let first = needle.first, bytes.count >= needle.count else { return nil }
        func lower(_ byte: UInt8) -> UInt8 { ignoringCase && byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
        var index = start
        while index + needle.count <= bytes.count {
            if lower(bytes[index]) == first {
                var offset = 1
                while offset < needle.count && lower(bytes[index + offset]) == needle[offset] { offset += 1 }
                if offset == needle.count { return index }
            }
            index += 1
        }
        return nil
    }

    /// `find` in a string's UTF-8, as a range of the string; `needle` is ASCII.
    static func range(of needle: String, in html: String, from start: String.Index, ignoringCase: Bool) -> Range<String.Index>? {
        let bytes = Array(needle.lowercased().utf8)
        let utf8 = html.utf8
        let from = utf8.distance(from: utf8.startIndex, to: start)
        var html = html
        guard let found = html.withUTF8({ find(bytes, in: $0, from: from, ignoringCase: ignoringCase) }) else { return nil }
        let lower = utf8.index(utf8.startIndex, offsetBy: found)
        return lower..<utf8.index(lower, offsetBy: bytes.count)
    }
}
