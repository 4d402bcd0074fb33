import Foundation
import Testing
@testable import SiteBuilder

/// A folder of hand-written HTML files, removed by `remove()`.
private struct HTMLFolder {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-check-\(UUID().uuidString)", isDirectory: true)

    init(_ files: [String: String]) throws {
        for (path, text) in files { try write(Data(text.utf8), to: path) }
    }

    func write(_ data: Data, to path: String) throws {
        let url = root.appendingPathComponent(path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url)
    }

    func remove() { try? FileManager.default.removeItem(at: root) }
}

/// A page titled `title` whose body is `body`.
private func page(_ body: String, title: String = "A page") -> String {
    "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>\(title)</title></head><body>\(body)</body></html>"
}

private func anchor(_ page: String, _ link: String, _ fragment: String, _ target: String) -> LinkChecker.Problem {
    .init(page: page, link: link, reason: "no element with id \"\(fragment)\" in \(target)", kind: .brokenAnchor)
}

private func missingFile(_ page: String, _ link: String, _ target: String) -> LinkChecker.Problem {
    .init(page: page, link: link, reason: "no such file \(target)", kind: .brokenLink)
}

/// `audit` reads each page once, keeps only the links to other pages' fragments, and checks those against the pages
/// they name afterwards, on all cores: these hold it to the order and results of reading the whole site at once.
@Suite("Link checker: two passes over chunks of pages")
struct LinkCheckerAuditTests {
    @Test func problemsKeepDocumentOrderAcrossBothPasses() throws {
        let folder = try HTMLFolder([
            "a.html": page("""
                <img src="x.png"><p id="here"></p>
                <a href="b.html#t2">fine</a> <a href="b.html#t9">cross</a> <a href="gone.html#t1">missing</a>
                <a href="#nowhere">same</a> <a href="a.html#here">self</a> <a href="sub/c.html#deep">cross again</a>
                <a href="#here">fine</a> <script src="b.html#t7"></script>
                """, title: ""),
            "b.html": page("<p id=\"t1\"></p><p id=\"t2\"></p><a href=\"a.html#here\">back</a> <a href=\"a.html#gone\">back</a>"),
            "sub/c.html": page("<a href=\"../b.html#t1\">up</a>"),
        ])
        defer { folder.remove() }
        let expected: [LinkChecker.Problem] = [
            .init(page: "a.html", link: "<title>", reason: "the page's <title> is empty", kind: .missingTitle),
            .init(page: "a.html", link: "<img src=\"x.png\">", reason: "the image has no alt text", kind: .missingAlt),
            anchor("a.html", "b.html#t9", "t9", "b.html"),
            missingFile("a.html", "gone.html#t1", "gone.html"),
            anchor("a.html", "#nowhere", "nowhere", "a.html"),
            anchor("a.html", "sub/c.html#deep", "deep", "sub/c.html"),
            missingFile("a.html", "x.png", "x.png"),
            anchor("a.html", "b.html#t7", "t7", "b.html"),
            anchor("b.html", "a.html#gone", "gone", "a.html"),
        ]
        for chunkSize in [1, 2, 64] {
            let audit = LinkChecker.audit(folder.root, chunkSize: chunkSize)
            #expect(audit.problems == expected, "chunks of \(chunkSize)")
            #expect(audit.pages == 3)
            #expect(audit.links == 12)
            #expect(audit.images == 1)
        }
        #expect(LinkChecker.audit(folder.root).problems == expected)
        #expect(LinkChecker.check(folder.root) == expected.filter { $0.kind == .brokenLink || $0.kind == .brokenAnchor })
    }

    @Test func anchorsIntoUnreadableOrMissingPagesAreBroken() throws {
        let folder = try HTMLFolder([
            "index.html": page("""
                <a href="bad.html#x">unreadable</a> <a href="bad.html">unreadable, no fragment</a> <a href="none.html#x">missing</a>
                <a href="folder.html#x">a folder</a> <a href="style.css#x">not a page</a> <a href="#">empty</a> <a href="ok.html#y">fine</a>
                """),
            "ok.html": page("<p id=\"y\"></p>"),
            "style.css": "p {}",
            "folder.html/inner.txt": "",
        ])
        defer { folder.remove() }
        try folder.write(Data("<html><head><title>x</title></head><body id=\"x\">".utf8) + Data([0xFF, 0xFE]), to: "bad.html")
        let audit = LinkChecker.audit(folder.root, chunkSize: 1)
        #expect(audit.problems == [
            anchor("index.html", "bad.html#x", "x", "bad.html"),
            missingFile("index.html", "none.html#x", "none.html"),
            missingFile("index.html", "folder.html#x", "folder.html"),
        ])
        #expect(audit.pages == 2, "a page that is not UTF-8 is not read")
        #expect(audit.links == 7)
        #expect(LinkChecker.linkCount(folder.root) == 7)
    }

    @Test func manyPagesSplitIntoChunksGiveTheSameProblems() throws {
        let count = 300
        func name(_ number: Int) -> String { String(format: "p/%03d/index.html", number) }
        var files: [String: String] = [:]
        var expected: [LinkChecker.Problem] = []
        for number in 0..<count {
            let next = (number + 1) % count, far = number * 7 % count
            var body = "<p id=\"p\(number)\"></p><a href=\"../\(String(format: "%03d", next))/#p\(next)\">next</a>"
            body += "<a href=\"../\(String(format: "%03d", far))/#q\(number)\">far</a>"
            var problems = [anchor(name(number), "../\(String(format: "%03d", far))/#q\(number)", "q\(number)", name(far))]
            if number % 13 == 0 {
                body += "<a href=\"../missing/#p1\">gone</a>"
                problems.append(missingFile(name(number), "../missing/#p1", "p/missing/index.html"))
            }
            body += "<a href=\"#p\(number)\">self</a>"
            if number % 10 == 0 {
                body += "<a href=\"#nope\">self</a>"
                problems.append(anchor(name(number), "#nope", "nope", name(number)))
            }
            if number % 17 == 0 {
                body += "<img src=\"../../i.png\">"
                problems.insert(.init(page: name(number), link: "<img src=\"../../i.png\">", reason: "the image has no alt text", kind: .missingAlt), at: 0)
                problems.append(missingFile(name(number), "../../i.png", "i.png"))
            }
            files[name(number)] = page(body)
            expected += problems
        }
        let folder = try HTMLFolder(files)
        defer { folder.remove() }
        for chunkSize in [1, 7, 64, 1_000] {
            let audit = LinkChecker.audit(folder.root, chunkSize: chunkSize)
            #expect(audit.problems == expected, "chunks of \(chunkSize)")
            #expect(audit.pages == count)
            #expect(audit.links == count * 3 + [13, 10, 17].map { step in (0..<count).filter { $0 % step == 0 }.count }.reduce(0, +))
            #expect(audit.images == (0..<count).filter { $0 % 17 == 0 }.count)
        }
    }

    /// Root-relative links, and absolute ones to the site's own URL, are internal: read against the base URL the home
    /// page states (its canonical link) or is given, a link under another path of the host leads outside the site.
    @Test func rootRelativeAndOwnAbsoluteLinksAreCheckedAgainstTheBase() throws {
        let links = """
            <a href="/calls/b/">ok</a> <a href="/calls/nope/">gone</a> <a href="/companies/">outside</a>
            <a href="https://example.org/calls/b/#x">own</a> <a href="https://example.org/calls/gone.html">own gone</a>
            <a href="https://example.org/other/">other site</a> <a href="//cdn.example.org/x.js">cdn</a> <a href="/calls">home</a>
            """
        let folder = try HTMLFolder([
            "index.html": "<!DOCTYPE html><html><head><title>Home</title><link rel=\"canonical\" href=\"https://example.org/calls/\"></head><body>\(links)</body></html>",
            "b/index.html": page("<p id=\"x\"></p>"),
        ])
        defer { folder.remove() }
        #expect(LinkChecker.Base.stated(by: folder.root) == LinkChecker.Base(baseURL: "https://example.org/calls"))
        let outside = LinkChecker.Problem(page: "index.html", link: "/companies/", reason: "leads outside the site (published at https://example.org/calls/)")
        #expect(LinkChecker.audit(folder.root).problems == [
            missingFile("index.html", "/calls/nope/", "nope/index.html"), outside,
            missingFile("index.html", "https://example.org/calls/gone.html", "gone.html"),
        ])
        #expect(LinkChecker.audit(folder.root).links == 7)
        // Given a base at the host's root instead, every link to the host is internal, and none of them is there.
        let atRoot = try #require(LinkChecker.Base(baseURL: "https://example.org/"))
        #expect(LinkChecker.audit(folder.root, base: atRoot).problems.map(\.link) == [
            "https://example.org/calls/", "/calls/b/", "/calls/nope/", "/companies/", "https://example.org/calls/b/#x",
            "https://example.org/calls/gone.html", "https://example.org/other/", "/calls",
        ])
        #expect(LinkChecker.Base(baseURL: "ftp://example.org/") == nil && LinkChecker.Base(baseURL: "calls/") == nil)
    }

    /// QA's hostile footer: broken links in every spelling HTML allows are found, and good links (in comments and
    /// scripts, to `ID=`, `<a name>` and entity-encoded ids, with spaces, to a folder without its slash) pass.
    @Test func linksAndIdsAreReadAsHTMLTokenizesThem() throws {
        let footer = """
            <!-- <a href="about/">About</a> --><a href='no-such-page/'>s</a><a HREF="no-such-page-2/">u</a>
            <a\thref="no-such-page-3/">t</a><img alt="logo" SRC="assets/no-such-logo.png"><a href="companies">folder</a>
            <p ID="colophon">C</p><a href="#colophon">c</a><script>var tpl = '<a href="' + "x" + '">';</script>
            <a href=" companies/ ">spaced</a><p id="caf&eacute;"></p><a href="#caf%C3%A9">é</a><a name="old"></a>
            <a href="companies/#list">in folder</a><a href="companies#list">folder, fragment</a><a href="companies#none">bad</a>
            <a href="x.html?a=1&amp;b=2">query</a><a href="x.html">file</a><a href="x.html/">not a folder</a>
            """
        let folder = try HTMLFolder([
            "index.html": page(footer + "<a href=\"sub/page.html#old\">named</a>"),
            "companies/index.html": page("<p id=\"list\"></p>"),
            "x.html": page(""),
            "sub/page.html": page("<a name=\"old\"></a>"),
        ])
        defer { folder.remove() }
        let audit = LinkChecker.audit(folder.root)
        #expect(audit.problems == [
            missingFile("index.html", "no-such-page/", "no-such-page/index.html"),
            missingFile("index.html", "no-such-page-2/", "no-such-page-2/index.html"),
            missingFile("index.html", "no-such-page-3/", "no-such-page-3/index.html"),
            anchor("index.html", "companies#none", "none", "companies/index.html"),
            missingFile("index.html", "x.html/", "x.html/index.html"),
            missingFile("index.html", "assets/no-such-logo.png", "assets/no-such-logo.png"),
        ])
        #expect(audit.links == 15)
        #expect(audit.images == 1)
    }
}
