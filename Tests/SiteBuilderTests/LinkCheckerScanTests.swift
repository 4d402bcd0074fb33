import Foundation
import Testing
@testable import SiteBuilder

/// The checker reads pages as UTF-8 bytes; these hold its scans to Foundation's string searches on hostile text.
@Suite("Link checker: byte scans")
struct LinkCheckerScanTests {
    /// What `LinkChecker.attribute` did with Foundation's `range(of:)` before it scanned bytes.
    static func reference(_ name: String, in html: String) -> [String] {
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

    @Test func attributeValuesMatchFoundationsSearch() {
        // No combining mark: after a quote it made Foundation see one Character `"́` where HTML (and the byte scan)
        // sees the quote that ends the value; that case is checked on its own below.
        let pieces = [" href=\"", " id=\"", "a", "é", "中", "👩‍💻", "&amp;", "&", "\"", "<", ">", " ", "href=\"", " HREF=\"", "#t1"]
        var random = SplitMix(state: 11)
        for _ in 0..<4_000 {
            let html = (0..<Int(random.next() % 14)).map { _ in pieces[Int(random.next() % UInt64(pieces.count))] }.joined()
            for name in ["href", "id"] {
                #expect(LinkChecker.attribute(name, in: html) == Self.reference(name, in: html), "\(name) in \(html.debugDescription)")
            }
        }
        #expect(LinkChecker.attribute("href", in: "<a href=\"x\"\u{301} title=\"t\">") == ["x"], "the quote ends the value, as in HTML")
    }

    @Test func tagsAndTitlesAreFoundWhateverTheirCase() {
        let page = "<!DOCTYPE html><HTML><HEAD><TITLE> Café &amp; co </TITLE></HEAD><body>é<IMG SRC=\"a.png\"><img alt=\"\" src=b.png><imgx></body></HTML>"
        #expect(LinkChecker.title(in: page) == "Café &amp; co")
        let images = LinkChecker.tags("img", in: page)
        #expect(images.map { $0.attributes["src"] } == ["a.png", "b.png"], "<imgx> is another element")
        #expect(images.map { $0.attributes.keys.contains("alt") } == [false, true])
        #expect(LinkChecker.title(in: "<head><title></title></head>") == "")
        #expect(LinkChecker.title(in: "<head></head><title>late</title>") == nil, "a title after the head does not count")
        #expect(LinkChecker.range(of: "</head>", in: "ÉÉ</HEAD>", from: "ÉÉ</HEAD>".startIndex, ignoringCase: true)
                    .map { "ÉÉ</HEAD>"[$0] } == "</HEAD>")
    }
}
