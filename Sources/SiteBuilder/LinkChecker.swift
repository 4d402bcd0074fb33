import Foundation

/// Checks a built site: every internal link and `#anchor` in its HTML must resolve to a file and an id.
public enum LinkChecker {
    /// One broken link.
    public struct Problem: Sendable, Equatable, CustomStringConvertible {
        /// The page holding the link, relative to the site root.
        public var page: String
        /// The link as written.
        public var link: String
        /// What is missing.
        public var reason: String

        public var description: String { "\(page): \(link): \(reason)" }
    }

    /// Every broken internal link or anchor under `root`, sorted by page.
    public static func check(_ root: URL) -> [Problem] {
        let pages = htmlPages(root)
        var ids: [String: Set<String>] = [:]
        for (path, html) in pages { ids[path] = Set(attribute("id", in: html)) }
        var problems: [Problem] = []
        for (path, html) in pages.sorted(by: { $0.key < $1.key }) {
            for link in attribute("href", in: html) + attribute("src", in: html) {
                guard let (target, fragment) = resolve(link, from: path) else { continue }
                let file = root.appendingPathComponent(target)
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDirectory), !isDirectory.boolValue else {
                    problems.append(Problem(page: path, link: link, reason: "no such file \(target)"))
                    continue
                }
                if let fragment, !fragment.isEmpty, target.hasSuffix(".html"), ids[target]?.contains(fragment) != true {
                    problems.append(Problem(page: path, link: link, reason: "no element with id \"\(fragment)\" in \(target)"))
                }
            }
        }
        return problems
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

    /// Values of `name="…"` attributes, with `&amp;` decoded.
    public static func attribute(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        var rest = Substring(html)
        let marker = " \(name)=\""
        while let range = rest.range(of: marker) {
            let after = rest[range.upperBound...]
            guard let end = after.firstIndex(of: "\"") else { break }
            values.append(String(after[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
            rest = after[end...]
        }
        return values
    }
}
