import Cmark
import Testing

@Suite("Cmark.html")
struct HTMLRenderingTests {
    @Test func tableRendersAsTable() {
        let html = Cmark.html("| a | b |\n|---|---|\n| 1 | 2 |\n")
        #expect(html.contains("<table>"))
        #expect(html.contains("<th>a</th>"))
        #expect(html.contains("<td>2</td>"))
    }

    @Test func strikethroughRendersDel() {
        #expect(Cmark.html("~~x~~") == "<p><del>x</del></p>\n")
    }

    @Test func bareDomainAutolinks() {
        #expect(Cmark.html("see www.example.com") == "<p>see <a href=\"http://www.example.com\">www.example.com</a></p>\n")
    }

    @Test func rawScriptBlockIsOmitted() {
        let html = Cmark.html("<script>alert(1)</script>\n\ntext")
        #expect(!html.contains("<script"))
        #expect(html == "<!-- raw HTML omitted -->\n<p>text</p>\n")
    }

    @Test func javascriptLinkIsDropped() {
        let html = Cmark.html("[x](javascript:alert(1))")
        #expect(!html.contains("javascript:"))
        #expect(html == "<p><a href=\"\">x</a></p>\n")
    }

    @Test func otherDangerousSchemesAreDropped() {
        let html = Cmark.html("[a](vbscript:msgbox) [b](file:///etc/passwd) [c](data:text/html;base64,PHNjcmlwdD4=)")
        #expect(html == "<p><a href=\"\">a</a> <a href=\"\">b</a> <a href=\"\">c</a></p>\n")
    }

    @Test func inlineHTMLTagIsOmitted() {
        #expect(Cmark.html("a <b>bold</b> word") == "<p>a <!-- raw HTML omitted -->bold<!-- raw HTML omitted --> word</p>\n")
    }

    @Test func escapedDollarRendersPlain() {
        #expect(Cmark.html("Revenue was \\$81.3 billion") == "<p>Revenue was $81.3 billion</p>\n")
    }

    @Test func punctuationIsNotSmartened() {
        #expect(Cmark.html("\"quoted\" -- it's") == "<p>&quot;quoted&quot; -- it's</p>\n")
    }

    @Test func emptyInputRendersEmpty() {
        #expect(Cmark.html("") == "")
    }

    @Test func largeInputRenders() {
        let paragraph = "Revenue grew ~~5%~~ **7%** year over year, see www.example.com for details and more words.\n\n"
        let count = 2_000_000 / paragraph.utf8.count + 1
        let markdown = String(repeating: paragraph, count: count)
        #expect(markdown.utf8.count >= 2_000_000)
        let html = Cmark.html(markdown)
        #expect(html.split(separator: "<p>", omittingEmptySubsequences: false).count - 1 == count)
        #expect(html.split(separator: "<del>", omittingEmptySubsequences: false).count - 1 == count)
    }

    @Test func concurrentRenderingMatchesSequential() async {
        let inputs = (0..<200).map { index in
            "Item \(index): growth of ~~\(index)%~~ at https://example.com/\(index) and www.example.org.\n\n"
                + "| q | value |\n|---|---|\n| Q\(index % 4 + 1) | \\$\(index).5 |\n\n- a\n- *b* `c`\n"
        }
        let render: @Sendable (String) -> String = { input in
            Cmark.html(input) + Cmark.inlineHTML(paragraphs: [input, "~~\(input.utf8.count)~~ www.example.com"]).joined()
        }
        let sequential = inputs.map(render)
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<8 {
                group.addTask { inputs.map(render) }
            }
            var all: [[String]] = []
            for await result in group { all.append(result) }
            return all
        }
        #expect(results.count == 8)
        for result in results {
            #expect(result == sequential)
        }
        #expect(sequential[3].contains("<del>3%</del>"))
        #expect(sequential[3].contains("<a href=\"https://example.com/3\">"))
    }
}

@Suite("Cmark.inlineHTML")
struct InlineHTMLTests {
    @Test func returnsInnerHTMLPerParagraph() {
        let result = Cmark.inlineHTML(paragraphs: [
            "Plain *emphasis* here",
            "Two\nlines with `code`",
            "Revenue \\$81.3 and ~~old~~",
        ])
        #expect(result == [
            "Plain <em>emphasis</em> here",
            "Two\nlines with <code>code</code>",
            "Revenue $81.3 and <del>old</del>",
        ])
    }

    @Test func crlfLineEndingsStayAligned() {
        let result = Cmark.inlineHTML(paragraphs: ["one\r\ntwo", "three\rfour", "five"])
        #expect(result == ["one\ntwo", "three\nfour", "five"])
    }

    @Test func headingSyntaxFallsBack() {
        let result = Cmark.inlineHTML(paragraphs: ["first", "# not a heading", "last"])
        #expect(result == ["first", "<h1>not a heading</h1>", "last"])
    }

    @Test func listSyntaxFallsBack() {
        let result = Cmark.inlineHTML(paragraphs: ["- item", "after **it**"])
        #expect(result == ["<ul>\n<li>item</li>\n</ul>", "after <strong>it</strong>"])
    }

    @Test func misalignedParagraphsFallBack() {
        let result = Cmark.inlineHTML(paragraphs: ["", "a\n\nb"])
        #expect(result == ["", "<p>a</p>\n<p>b</p>"])
    }

    @Test func emptyInputGivesEmptyArray() {
        #expect(Cmark.inlineHTML(paragraphs: []) == [])
    }

    @Test func manyParagraphsMatchIndividualRendering() {
        let inputs = (0..<300).map { "Paragraph \($0) with _emphasis_ and a [link](https://example.com/\($0))." }
        let result = Cmark.inlineHTML(paragraphs: inputs)
        #expect(result.count == inputs.count)
        #expect(result[42] == "Paragraph 42 with <em>emphasis</em> and a <a href=\"https://example.com/42\">link</a>.")
        #expect(result == inputs.map { Cmark.inlineHTML(paragraphs: [$0])[0] })
    }
}

@Suite("Cmark.blocks")
struct BlocksTests {
    @Test func readsTopLevelBlocksAsPlainText() {
        let markdown = """
        # Q3 2024 Earnings Call

        ## Prepared Remarks

        Revenue was \\$81.3 billion, up *8%*
        and **margins** \\<improved\\> &amp; held.

        - first item
        - second `item`

        > quoted
        > text

        ---

        Line one\\
        line two with [a link](https://example.com) and \\*stars\\*.
        """
        #expect(Cmark.blocks(markdown) == [
            .heading(level: 1, text: "Q3 2024 Earnings Call"),
            .heading(level: 2, text: "Prepared Remarks"),
            .paragraph("Revenue was $81.3 billion, up 8% and margins <improved> & held."),
            .other(kind: "list", text: "first item\n\nsecond item"),
            .other(kind: "block_quote", text: "quoted text"),
            .other(kind: "thematic_break", text: ""),
            .paragraph("Line one\nline two with a link and *stars*."),
        ])
    }

    @Test func readsCodeTablesAndInlineHTML() {
        let markdown = "```\nlet x = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nsay <b>hi</b>\n"
        #expect(Cmark.blocks(markdown) == [
            .other(kind: "code_block", text: "let x = 1"),
            .other(kind: "table", text: "a | b\n1 | 2"),
            .paragraph("say <b>hi</b>"),
        ])
    }

    @Test func setextHeadingAndEmptyInput() {
        #expect(Cmark.blocks("Title\n=====\n") == [.heading(level: 1, text: "Title")])
        #expect(Cmark.blocks("") == [])
    }
}
