import ArgumentParser
import Foundation
import SiteBuilder

/// `sitegen check`: checks a built site for broken internal links and anchors, untitled pages and images without alt text.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a built site: internal links and anchors, page titles, image alt text.",
        discussion: "Reads the HTML under the output folder (default <site>/Public) and prints the problems: a link to a missing file (the href and src attributes of start tags, as HTML reads them; relative links, root-relative ones and absolute links to the site's own URL are followed; a folder link without its slash passes when the folder has an index.html), a #fragment with no matching id or <a name>, a page without a <title> or with an empty one, an <img> without an alt attribute (alt=\"\" marks a decorative image and passes). External links are not fetched. Links to one missing file or id make one line, naming how many and the first pages holding them. Exits 1 if there is any problem, 0 otherwise; the last line is a summary."
    )

    @OptionGroup var location: OutputLocation

    @Option(name: .customLong("base-url"), help: "The URL the site is published at, to check root-relative links and links to the site's own URL (default: the home page's canonical link, written when the site was built with a base URL; else the site is taken to be at a domain's root).")
    var baseURL: String?

    func run() throws {
        let folderName = location.outputName
        let folder = location.outputFolder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory) else {
            printError("sitegen check: \(folderName) does not exist; run sitegen build first")
            throw ExitCode(1)
        }
        guard isDirectory.boolValue else {
            printError("sitegen check: \(folderName) is a file, not a folder; give the folder sitegen build wrote (--output)")
            throw ExitCode(1)
        }
        var base: LinkChecker.Base?
        if let baseURL {
            guard let given = LinkChecker.Base(baseURL: baseURL) else {
                printError("sitegen check: --base-url must be an absolute http(s) URL, found '\(baseURL)'")
                throw ExitCode(2)
            }
            base = given
        }
        let audit = LinkChecker.audit(folder, base: base)
        guard audit.pages > 0 else {
            printError("sitegen check: \(folderName) holds no HTML pages; expected a site built by sitegen build")
            throw ExitCode(1)
        }
        for line in Self.lines(audit.problems) { print(line) }
        print(Self.summary(audit, folder: folderName))
        if !audit.problems.isEmpty { throw ExitCode(1) }
    }

    /// The closing line: what was checked and how many problems of each kind were found.
    static func summary(_ audit: LinkChecker.Audit, folder: String) -> String {
        let checked = "\(audit.pages) page\(audit.pages == 1 ? "" : "s"), \(audit.links) internal link\(audit.links == 1 ? "" : "s"), \(audit.images) image\(audit.images == 1 ? "" : "s") checked"
        guard !audit.problems.isEmpty else { return "sitegen check: \(folder): no problems (\(checked))" }
        let counts = LinkChecker.Problem.Kind.allCases.compactMap { kind -> String? in
            let count = audit.count(kind)
            return count == 0 ? nil : "\(count) \(count == 1 ? kind.rawValue : Self.plural(kind))"
        }
        let total = audit.problems.count
        return "sitegen check: \(folder): \(total) problem\(total == 1 ? "" : "s"): \(counts.joined(separator: ", ")) (\(checked))"
    }

    /// The plural of a kind of problem ("images without alt").
    static func plural(_ kind: LinkChecker.Problem.Kind) -> String {
        switch kind {
        case .brokenLink: "broken links"
        case .brokenAnchor: "broken anchors"
        case .missingTitle: "missing titles"
        case .missingAlt: "images without alt"
        }
    }

    /// The lines listing `problems`, in the order of each group's first problem: problems with one target (a missing
    /// file, or an id missing from a page) make one line, as do identical problems on one page. A group of one
    /// prints as `page: link: reason`, one of a page and a link as that with `(N times)`, and one across pages as
    /// `reason: N links on M pages: ` and the first three pages.
    static func lines(_ problems: [LinkChecker.Problem]) -> [String] {
        var groups: [String: [LinkChecker.Problem]] = [:]
        var order: [String] = []
        for problem in problems {
            let byTarget = problem.kind == .brokenAnchor || (problem.kind == .brokenLink && problem.reason.hasPrefix("no such file "))
            let key = byTarget ? "\(problem.kind.rawValue)\u{0}\(problem.reason)" : "\u{0}\(problem.description)"
            if groups[key] == nil { order.append(key) }
            groups[key, default: []].append(problem)
        }
        return order.map { key in
            let group = groups[key] ?? []
            let first = group[0]
            guard group.count > 1 else { return first.description }
            var pages: [String] = []
            var seen: Set<String> = []
            for problem in group where seen.insert(problem.page).inserted { pages.append(problem.page) }
            if pages.count == 1, group.allSatisfy({ $0.link == first.link }) { return "\(first.description) (\(group.count) times)" }
            let shown = pages.prefix(3).joined(separator: ", ")
            let more = pages.count > 3 ? " and \(pages.count - 3) more" : ""
            return "\(first.reason): \(group.count) links on \(pages.count) page\(pages.count == 1 ? "" : "s"): \(shown)\(more)"
        }
    }
}
