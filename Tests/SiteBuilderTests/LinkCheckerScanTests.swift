import Foundation
import Testing
@testable import SiteBuilder

/// The checker reads attributes as the HTML tokenizer does; these hold it to that on hostile markup, each case one the
/// old search for ` href="` in the raw text got wrong.
@Suite("Link checker: HTML tokenizer")
struct LinkCheckerScanTests {
    @Test func attributesInEveryQuotingCaseAndSpacing() {
        let html = """
            <a href='single.html'>s</a><a HREF="upper.html">u</a><a\thref="tab.html">t</a><a
            href="newline.html">n</a><a href=bare.html>b</a><A Href = "spaced.html" >x</A>
            <IMG SRC=logo.png ALT=""><a title=x href=#end/><a href = 'q"uote.html'><a href="first.html" href="second.html">
            <a/href="slash.html"><a id="x"href="glued.html">
            """
        #expect(LinkChecker.attribute("href", in: html) == [
            "single.html", "upper.html", "tab.html", "newline.html", "bare.html", "spaced.html", "#end/", "q\"uote.html",
            "first.html", "slash.html", "glued.html",
        ])
        #expect(LinkChecker.attribute("src", in: html) == ["logo.png"])
        #expect(PageHTML(html).images == [PageHTML.Image(source: "logo.png", hasAlt: true)])
        // Past the first few attributes a repeated name still keeps the first, in a tag of thousands of attributes.
        let many = "<a " + (0..<5000).map { "data-\($0 % 2500)=\"x\" " }.joined() + "href=\"kept.html\" href=\"dropped.html\">"
        #expect(LinkChecker.attribute("href", in: many) == ["kept.html"])
        let late = "<a " + (0..<20).map { "data-\($0)=x " }.joined() + "id=one id=two href=\"#one\">"
        #expect(LinkChecker.attribute("id", in: late) == ["one"])
    }

    @Test func commentsRawTextAndDeclarationsHoldNoAttributes() {
        let html = """
            <!DOCTYPE html><!-- <a href="c1.html"> --><!--><a href="after-abrupt.html"><!---><a href="after-abrupt2.html">
            <!-- a -- b <a href="c2.html"> --!><a href="after-bang.html"><?php echo '<a href="pi.html">' ?>
            <script>var t = '<a href="' + x + '">'; // </scripty> <a href="s.html"></script >
            <style>a[href="st.html"] {}</style><textarea><a href="ta.html"></textarea><title><a href="ti.html"></title>
            <SCRIPT type="module" src="m.js">document.write('<img src="w.png">')</SCRIPT><a href="end.html">
            </a href="end-tag.html"><p>1 < 2 <a href="lt.html"></p><a href="cut.html
            """
        #expect(LinkChecker.attribute("href", in: html) == ["after-abrupt.html", "after-abrupt2.html", "after-bang.html", "end.html", "lt.html"])
        #expect(LinkChecker.attribute("src", in: html) == ["m.js"])
        #expect(LinkChecker.attribute("href", in: "<!-- <a href=\"never-closed.html\">") == [])
        #expect(LinkChecker.attribute("href", in: "<script><a href=\"unclosed-script.html\">") == [])
    }

    @Test func characterReferencesInValuesAreDecoded() {
        let html = """
            <p id="caf&eacute;"></p><p id="a&amp;b"></p><p id="&#x41;&#66;&#X43"></p><p id="&#150;&#0;&#x110000;"></p>
            <p id="&ampx=&amp=1&notit;&copy&unknown;&"></p><p ID="&quot;q&quot;"></p><p id="&lt&gt;&apos;&apos"></p>
            """
        #expect(LinkChecker.attribute("id", in: html) == [
            "café", "a&b", "ABC", "\u{2013}\u{FFFD}\u{FFFD}", "&ampx=&amp=1&notit;©&unknown;&", "\"q\"", "<>'&apos",
        ])
    }

    @Test func idsNamedAnchorsLinksAndTitleOfAPage() {
        let html = """
            <html><head><TITLE> Café &amp; co </TITLE><link REL="Canonical stylesheet" href=" https://example.org/ "></head>
            <body><p ID="colophon"></p><a name="old-style"></a><meta name="viewport"><p id=""></p>
            <a href=" companies/ ">x</a><a href="\ttab\nbed.html ">y</a><img src="a.png"><script src="s.js"></script>
            <title>late</title></body></html>
            """
        let page = PageHTML(html)
        #expect(page.ids == ["colophon", "old-style"])
        #expect(page.links == ["https://example.org/", "companies/", "tabbed.html", "a.png", "s.js"])
        #expect(page.title == "Café &amp; co")
        #expect(page.canonical == ["https://example.org/"])
        #expect(page.images == [PageHTML.Image(source: "a.png", hasAlt: false)])
        #expect(PageHTML("<head><title></title></head>").title == "")
        #expect(PageHTML("<head></head><title>late</title>").title == nil, "a title after the head does not count")
        #expect(PageHTML("<body><title>in body</title>").title == nil)
        #expect(PageHTML("<!-- <title>commented</title> --><title>real</title>").title == "real")
    }
}
