import Cmark
import Foundation
import Testing
import TranscriptMarkdown

/// What cmark-gfm's HTML renderer writes for plain text.
func htmlEscaped(_ text: String) -> String {
    var result = ""
    for character in text {
        switch character {
        case "&": result += "&amp;"
        case "<": result += "&lt;"
        case ">": result += "&gt;"
        case "\"": result += "&quot;"
        default: result.append(character)
        }
    }
    return result
}

@Suite("MarkdownEscaping")
struct MarkdownEscapingTests {
    /// Hostile paragraphs without anything GFM autolinks, so the rendering must be exactly the text.
    static let hostile = [
        "<script>alert(1)</script>", "*", "**bold** and __bold__", "*emphasis*", "_under_", "x_y_z", "2*3*4",
        "`code`", "```fenced```", "~~struck~~", "~", "~~~", "[x](javascript:alert(1))", "![img](x.png)", "[ref]: /url",
        "{{title}}", "# heading", "###### six", "#hashtag", "- item", "-", "+ plus", "* star", "1. item", "2012. was good",
        "3) third", "1)", "> quote", ">", "|a|b|", "| a | b |", "---", "===", "***", "___", "- - -", "&amp;", "&#60;",
        "&#x3C;", "&copy;", "AT&T and S&P 500 &", "\\", "a\\*b", "trailing backslash\\", "<b>bold</b>", "<!-- comment -->",
        "</p>", "<", "a <b c", "Revenue > $5M < $9M", "$81.3 million, up 45% (year-over-year): it's \"great\", they said.",
        "Zürich — naïve café 日本語 🚀 e\u{301}", "a\tb", "no\u{A0}break", "![", "!", "\\`", "\\[not a link\\]",
        "<div>block</div>", "    indented", "=== heading?", "[[wiki]]", "[^note]", "- [ ] task",
    ]

    @Test(arguments: hostile)
    func hostileTextRendersAsExactlyThatText(_ text: String) {
        let html = Cmark.html(MarkdownEscaping.escape(text))
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        #expect(html == "<p>" + htmlEscaped(trimmed) + "</p>\n")
        for forbidden in ["<script", "href=\"javascript", "<em>", "<strong>", "<h1>", "<h6>", "<li>", "<code>",
                          "<del>", "<blockquote>", "<hr", "<table>", "<a ", "<img", "<pre>", "<!--"] {
            #expect(!html.contains(forbidden))
        }
        #expect(Cmark.blocks(MarkdownEscaping.escape(text)) == [.paragraph(trimmed)])
    }

    /// Text GFM turns into links: the words survive, but nothing dangerous does.
    @Test(arguments: ["see www.example.com now", "<http://example.com>", "https://example.com/a_b?c=d&e=f",
                      "mail user_name@example.com", "[x](https://evil.example/x.js) <a href=\"javascript:alert(1)\">y</a>"])
    func linkyTextKeepsItsWords(_ text: String) {
        let markdown = MarkdownEscaping.escape(text)
        let html = Cmark.html(markdown)
        #expect(!html.contains("<script"))
        #expect(!html.contains("href=\"javascript"))
        #expect(Cmark.blocks(markdown) == [.paragraph(text)])
    }

    @Test func everydayPunctuationStaysUnescaped() {
        let text = "$81.3 million, up 45% (year-over-year): it's \"great\"; AT&T, S&P 500, Q&A, 2012.5 - 3 = x!"
        #expect(MarkdownEscaping.escape(text) == text)
    }

    @Test func lineStartSyntaxIsEscaped() {
        #expect(MarkdownEscaping.escape("# heading") == "\\# heading")
        #expect(MarkdownEscaping.escape("> quote") == "\\> quote")
        #expect(MarkdownEscaping.escape("- item") == "\\- item")
        #expect(MarkdownEscaping.escape("+ item") == "\\+ item")
        #expect(MarkdownEscaping.escape("===") == "\\===")
        #expect(MarkdownEscaping.escape("2012. A year") == "2012\\. A year")
        #expect(MarkdownEscaping.escape("3)") == "3\\)")
        #expect(MarkdownEscaping.escape("2012.5 million") == "2012.5 million")
        #expect(MarkdownEscaping.escape("a # b > c - d") == "a # b > c - d")
    }

    @Test func inlineSyntaxIsEscapedEverywhere() {
        #expect(MarkdownEscaping.escape("a *b* _c_ `d` [e] <f> ~g~ |h| \\i") == "a \\*b\\* \\_c\\_ \\`d\\` \\[e\\] \\<f> \\~g\\~ \\|h\\| \\\\i")
        #expect(MarkdownEscaping.escape("&amp; &#60; AT&T") == "\\&amp; \\&#60; AT&T")
    }

    @Test func newlinesCollapseAndOuterWhiteSpaceIsDropped() {
        #expect(MarkdownEscaping.escape("  one\ntwo\r\nthree\u{2028}four  ") == "one two three four")
        #expect(MarkdownEscaping.escape("tab\there\u{A0}nbsp") == "tab&#9;here&#160;nbsp")
    }

    @Test func headingTextEscapesEveryHash() {
        #expect(MarkdownEscaping.headingText("Ann #1 ##") == "Ann \\#1 \\#\\#")
        #expect(MarkdownEscaping.headingText("O'Brien-Smith") == "O'Brien-Smith")
        #expect(Cmark.blocks("### " + MarkdownEscaping.headingText("*Ann* #1 ##")) == [.heading(level: 3, text: "*Ann* #1 ##")])
    }
}
