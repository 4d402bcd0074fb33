import Foundation
import Synchronization

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

        /// A problem found on `page` with `link`.
        public init(page: String, link: String, reason: String, kind: Kind = .brokenLink) {
            self.page = page
            self.link = link
            self.reason = reason
            self.kind = kind
        }
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

    /// Where a site is published, so that root-relative links (`/calls/companies/`) and absolute links to the site's
    /// own URL are checked as internal ones: the path of the base URL ("/" for a site at a domain's root) and the base
    /// URL itself when there is one.
    public struct Base: Sendable, Equatable {
        /// The path the site root is published at, with a leading and a trailing "/".
        public let path: String
        /// The absolute base URL ending in "/", if known.
        public let url: String?

        /// A site at the root of its host, base URL unknown.
        public static let root = Base(path: "/", url: nil)

        private init(path: String, url: String?) {
            self.path = path
            self.url = url
        }

        /// The base of a site published at `baseURL` (an absolute http(s) URL); nil if it is not one.
        public init?(baseURL: String) {
            guard let components = URLComponents(string: baseURL), let scheme = components.scheme?.lowercased(),
                  ["http", "https"].contains(scheme), components.host != nil else { return nil }
            var path = components.percentEncodedPath
            if !path.hasPrefix("/") { path = "/" + path }
            if !path.hasSuffix("/") { path += "/" }
            self.init(path: path, url: baseURL.hasSuffix("/") ? baseURL : baseURL + "/")
        }

        /// The base a built site states: its home page's canonical link (written when it was built with a base URL),
        /// else `root`.
        public static func stated(by site: URL) -> Base {
            guard let html = try? String(contentsOf: site.appendingPathComponent("index.html"), encoding: .utf8) else { return .root }
            for href in PageHTML(html).canonical {
                if let base = Base(baseURL: href) { return base }
            }
            return .root
        }
    }

    /// Every broken internal link or anchor under `root`, sorted by page.
    public static func check(_ root: URL) -> [Problem] {
        audit(root).problems.filter { $0.kind == .brokenLink || $0.kind == .brokenAnchor }
    }

    /// Every broken internal link or anchor, page without a title and image without alt text under `root`.
    ///
    /// Holds one page's text per core at a time, not the site: a first pass reads each page once, on all cores, and
    /// finds its own problems (title, images, links to missing files, `#fragment`s of the page itself), keeping only
    /// the links to another page's fragment (as the fragment, the target page and the link's position); a second pass
    /// re-reads just the pages those links name and looks up the fragments asked of each, and the text of a broken one
    /// is read again from its page. Memory then goes with the number of such links, not the size of the site.
    /// Root-relative links are read against `base`, by default the one the site states (`Base.stated(by:)`).
    public static func audit(_ root: URL, base: Base? = nil) -> Audit { audit(root, chunkSize: 64, base: base) }

    /// `audit`, with the pages read `chunkSize` at a time by each thread.
    static func audit(_ root: URL, chunkSize: Int, base: Base? = nil) -> Audit {
        let base = base ?? Base.stated(by: root)
        let pages = htmlFiles(root)
        let numbers = Dictionary(uniqueKeysWithValues: pages.enumerated().map { ($0.element.files[0].path, $0.offset) })
        let files = FileCache(root: root)
        let size = max(chunkSize, 1)
        let scans = concurrentChunks(count: pages.count, size: size) { range in
            // Most pages of a chunk link the same few targets: ask the shared cache once per target per chunk.
            var known: [String: Bool] = [:]
            func isFile(_ target: String) -> Bool {
                if let found = known[target] { return found }
                let found = files.isFile(target)
                known[target] = found
                return found
            }
            return range.map { scan(pages[$0], number: $0, numbers: numbers, base: base, isFile: isFile) }
        }

        let asked = scans.reduce(into: [Int: Set<String>]()) { asked, scan in
            for anchor in scan.anchors { asked[Int(anchor.target), default: []].insert(anchor.fragment) }
        }
        let targets = asked.keys.sorted()
        let missing = concurrentChunks(count: targets.count, size: size) { range in
            range.compactMap { position -> (Int, Set<String>)? in
                let target = targets[position]
                var unseen = asked[target] ?? []
                for id in reread(pages[target], scans[target]).map({ PageHTML($0).ids }) ?? [] {
                    unseen.remove(id)
                    if unseen.isEmpty { break }
                }
                return unseen.isEmpty ? nil : (target, unseen)
            }
        }.reduce(into: [Int: Set<String>]()) { $0[$1.0] = $1.1 }

        var problems: [Problem] = []
        var counted = 0, links = 0, images = 0
        for (number, scan) in scans.enumerated() where scan.source != nil {
            counted += 1
            links += scan.links
            images += scan.images
            let path = pages[number].files[scan.name].path
            var next = scan.problems.startIndex
            // The page's links, read again for the text of its first broken link to another page's fragment (should
            // the page have changed since, the fragment stands in for a link no longer there).
            var written: [String]?
            for (position, anchor) in scan.anchors.enumerated() {
                while next < scan.problems.endIndex, scan.problems[next].anchorsBefore <= position {
                    problems.append(scan.problems[next].problem)
                    next += 1
                }
                guard missing[Int(anchor.target)]?.contains(anchor.fragment) == true else { continue }
                if written == nil {
                    written = reread(pages[number], scan).map { PageHTML($0).links } ?? []
                }
                let link = written.flatMap { $0.indices.contains(Int(anchor.link)) ? $0[Int(anchor.link)] : nil } ?? "#\(anchor.fragment)"
                let target = pages[Int(anchor.target)].files[0].path
                problems.append(Problem(page: path, link: link, reason: "no element with id \"\(anchor.fragment)\" in \(target)", kind: .brokenAnchor))
            }
            problems += scan.problems[next...].map(\.problem)
        }
        return Audit(pages: counted, links: links, images: images, problems: problems)
    }

    /// An `.html` file under the site root.
    struct PageFile: Sendable {
        /// The files at this path, in the order found, each with its path relative to the root: one, unless the folder
        /// holds names that Swift compares equal (canonically equivalent Unicode). Then, as when pages were a dictionary
        /// keyed by path, the first of them that reads as UTF-8 names the page and the last one gives its text.
        var files: [(path: String, url: URL)]
    }

    /// What the first pass of `audit` keeps of one page: counts, its own problems and the links to other pages' ids.
    struct PageScan: Sendable {
        /// Which of the page's `files` gives its text; nil if none reads as UTF-8, and then it is not a page.
        var source: Int?
        /// Which of the page's `files` gives its path.
        var name = 0
        /// Internal links on the page.
        var links = 0
        /// Images on the page.
        var images = 0
        /// The problems found on the page alone, each with how many `anchors` come before it in document order.
        var problems: [(problem: Problem, anchorsBefore: Int)] = []
        /// Links to a `#fragment` of another page, in document order; the second pass checks them.
        var anchors: [Anchor] = []
    }

    /// A link to `#fragment` in the page numbered `target`, kept small: there is one for most links on some sites.
    struct Anchor: Sendable {
        /// The id it names, percent-decoded.
        var fragment: String
        /// The linked page's position in the sorted page list.
        var target: Int32
        /// The link's position in the page's `links`; its text is read again only if it is broken.
        var link: Int32
    }

    /// Whether each link target is a regular file, asked of the file system once per target, from any thread.
    final class FileCache: Sendable {
        private let root: URL
        private let known = Mutex<[String: Bool]>([:])

        init(root: URL) { self.root = root }

        func isFile(_ target: String) -> Bool {
            if let found = known.withLock({ $0[target] }) { return found }
            var isDirectory: ObjCBool = false
            let found = FileManager.default.fileExists(atPath: root.appendingPathComponent(target).path, isDirectory: &isDirectory) && !isDirectory.boolValue
            known.withLock { $0[target] = found }
            return found
        }
    }

    /// The first pass over one page: reads it, counts its links and images, and finds its title and image problems,
    /// its links to missing files and its broken same-page anchors; links to another page's fragment are kept as
    /// `anchors` when that page exists, and are broken anchors when no page has that path.
    static func scan(_ page: PageFile, number: Int, numbers: [String: Int], base: Base = .root, isFile: (String) -> Bool) -> PageScan {
        guard let (html, source, name) = read(page) else { return PageScan(source: nil) }
        var scan = PageScan(source: source, name: name)
        let path = page.files[name].path
        func report(_ link: String, _ reason: String, _ kind: Problem.Kind) {
            scan.problems.append((Problem(page: path, link: link, reason: reason, kind: kind), scan.anchors.count))
        }
        let document = PageHTML(html)
        switch document.title {
        case nil: report("<title>", "the page has no <title>", .missingTitle)
        case let title? where title.isEmpty: report("<title>", "the page's <title> is empty", .missingTitle)
        default: break
        }
        for image in document.images {
            scan.images += 1
            if !image.hasAlt {
                let source = image.source.map { " src=\"\($0)\"" } ?? ""
                report("<img\(source)>", "the image has no alt text", .missingAlt)
            }
        }
        var ids: Set<String>?
        for (position, link) in document.links.enumerated() {
            guard let resolved = resolve(link, from: path, base: base) else { continue }
            var target = resolved.0
            let fragment = resolved.1
            scan.links += 1
            if target.hasPrefix("../") {
                report(link, "leads outside the site (published at \(base.url ?? base.path))", .brokenLink)
                continue
            }
            if !isFile(target) {
                // A folder link without its slash: static hosts and `sitegen serve` redirect it to the folder.
                let folderIndex = target + "/index.html"
                guard !target.hasSuffix(".html"), isFile(folderIndex) else {
                    report(link, "no such file \(target)", .brokenLink)
                    continue
                }
                target = folderIndex
            }
            guard let fragment, !fragment.isEmpty, target.hasSuffix(".html") else { continue }
            switch numbers[target] {
            case number?:
                if ids == nil { ids = Set(document.ids) }
                if ids?.contains(fragment) != true { report(link, "no element with id \"\(fragment)\" in \(target)", .brokenAnchor) }
            case let other?: scan.anchors.append(Anchor(fragment: fragment, target: Int32(other), link: Int32(position)))
            case nil: report(link, "no element with id \"\(fragment)\" in \(target)", .brokenAnchor)
            }
        }
        return scan
    }

    /// The page's text, the file it came from and the file that names the page (see `PageFile`); nil if none of its
    /// files reads as UTF-8.
    private static func read(_ page: PageFile) -> (html: String, source: Int, name: Int)? {
        var found: (html: String, source: Int, name: Int)?
        for index in page.files.indices {
            guard let html = try? String(contentsOf: page.files[index].url, encoding: .utf8) else { continue }
            found = (html, index, found?.name ?? index)
        }
        return found
    }

    /// The page's text read again from the file the first pass read; nil if it did not read or no longer does.
    private static func reread(_ page: PageFile, _ scan: PageScan) -> String? {
        scan.source.flatMap { try? String(contentsOf: page.files[$0].url, encoding: .utf8) }
    }

    /// `transform` of `0..<count` cut into ranges of `size`, run on all cores; results in order.
    private static func concurrentChunks<Result: Sendable>(
        count: Int, size: Int, _ transform: @Sendable (Range<Int>) -> [Result]
    ) -> [Result] {
        let starts = Array(stride(from: 0, to: count, by: size))
        return concurrentPerformMap(starts.count) { transform(starts[$0]..<min(starts[$0] + size, count)) }.flatMap { $0 }
    }

    /// The text of the document's `<title>` (entities left as written, whitespace trimmed); nil when there is none.
    static func title(in html: String) -> String? { PageHTML(html).title }

    /// How many internal links the site holds (to show a check really looked).
    public static func linkCount(_ root: URL) -> Int {
        let pages = htmlFiles(root)
        return concurrentPerformMap(pages.count) { number in
            guard let html = read(pages[number])?.html else { return 0 }
            return PageHTML(html).links.filter { resolve($0, from: "index.html", base: .root) != nil }.count
        }.reduce(0, +)
    }

    /// Every `href` then every `src` value of the page, in document order within each: the links `audit` follows.
    static func links(in html: String) -> [String] { PageHTML(html).links }

    /// The site-relative file and fragment an internal link points to (a target starting "../" leads outside the
    /// site); nil for external links. A root-relative link and an absolute one to the base URL are internal.
    static func resolve(_ link: String, from page: String, base: Base = .root) -> (String, String?)? {
        if let url = base.url, link.hasPrefix(url) || link + "/" == url {
            return resolve(String(link.dropFirst(min(url.count, link.count))), from: "index.html")
        }
        if link.contains(":") && !link.hasPrefix("#") && !link.hasPrefix("./") && !link.hasPrefix("../") { return nil }
        if link.hasPrefix("//") { return nil }
        if link.hasPrefix("/") {
            if link.hasPrefix(base.path) || link + "/" == base.path {
                return resolve(String(link.dropFirst(min(base.path.count, link.count))), from: "index.html")
            }
            return ("../" + link.dropFirst(), nil)
        }
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

    /// Every `.html` file under `root`, sorted by path.
    private static func htmlFiles(_ root: URL) -> [PageFile] {
        var files: [String: [(path: String, url: URL)]] = [:]
        let base = root.standardizedFileURL.path
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else { return [] }
        for case let url as URL in enumerator where url.pathExtension == "html" {
            let path = String(url.standardizedFileURL.path.dropFirst(base.count + 1))
            files[path, default: []].append((path, url))
        }
        return files.values.map { PageFile(files: $0) }.sorted { $0.files[0].path < $1.files[0].path }
    }

    /// The values of attribute `name` (lower case) on the page's start tags, in document order, character references
    /// decoded; comments and the text of `script`, `style`, `textarea` and `title` hold none.
    public static func attribute(_ name: String, in html: String) -> [String] {
        var values: [String] = []
        HTMLTokenizer.tags(in: html, values: [name]) { tag in
            if !tag.isEnd, let value = tag[name] { values.append(value) }
            return true
        }
        return values
    }
}
