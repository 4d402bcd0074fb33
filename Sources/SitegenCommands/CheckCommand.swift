import ArgumentParser
import Foundation
import SiteBuilder

/// `sitegen check`: checks a built site for broken internal links and anchors, untitled pages and images without alt text.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check a built site: internal links and anchors, page titles, image alt text.",
        discussion: "Reads the HTML under the output folder (default <site>/Public) and prints one line per problem: a link to a missing file (relative links, root-relative ones and absolute links to the site's own URL are followed), a #fragment with no matching id, a page without a <title> or with an empty one, an <img> without an alt attribute (alt=\"\" marks a decorative image and passes). External links are not fetched. Exits 1 if there is any problem, 0 otherwise; the last line is a summary."
    )

    @OptionGroup var location: OutputLocation

    @Option(name: .customLong("base-url"), help: "The URL the site is published at, to check root-relative links and links to the site's own URL (default: the home page's canonical link, written when the site was built with a base URL; else the site is taken to be at a domain's root).")
    var baseURL: String?

    func run() throws {
        let folderName = location.outputName
        let folder = location.outputFolder
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            printError("sitegen check: \(folderName) does not exist; run sitegen build first")
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
        for problem in audit.problems { print(problem.description) }
        print(Self.summary(audit, folder: folderName))
        if !audit.problems.isEmpty { throw ExitCode(1) }
    }

    /// The closing line: what was checked and how many problems of each kind were found.
    static func summary(_ audit: LinkChecker.Audit, folder: String) -> String {
        let checked = "\(audit.pages) page\(audit.pages == 1 ? "" : "s"), \(audit.links) internal link\(audit.links == 1 ? "" : "s"), \(audit.images) image\(audit.images == 1 ? "" : "s") checked"
        guard !audit.problems.isEmpty else { return "sitegen check: \(folder): no problems (\(checked))" }
        let counts = LinkChecker.Problem.Kind.allCases.compactMap { kind -> String? in
            let count = audit.count(kind)
            return count == 0 ? nil : "\(count) \(kind.rawValue)\(count == 1 ? "" : "s")"
        }
        let total = audit.problems.count
        return "sitegen check: \(folder): \(total) problem\(total == 1 ? "" : "s"): \(counts.joined(separator: ", ")) (\(checked))"
    }
}
